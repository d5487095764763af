import { describe, expect, it } from 'vitest';
import { newCounters } from './types.js';

describe('rule counters', () => {
  it('count packets and bytes exactly as u64 values', () => {
    const c = newCounters();
    c.add(84);
    c.add(1500);
    expect([c.packets, c.bytes]).toEqual([2n, 1584n]);
  });

  it('stay exact across 2^53 and up to 2^64-1 (iptables-restore -c accepts the full u64 range)', () => {
    const start = 2n ** 53n - 2n ** 32n - 2n;
    const c = newCounters(start, start);
    for (let i = 0; i < 4; i++) c.add(2 ** 31);
    expect([c.packets, c.bytes]).toEqual([start + 4n, start + 4n * 2n ** 31n]);
    for (let i = 0; i < 3; i++) c.add(65535);
    expect([c.packets, c.bytes]).toEqual([start + 7n, start + 4n * 2n ** 31n + 3n * 65535n]);
    const max = newCounters(18446744073709551615n, 18446744073709551615n);
    expect(`${max.packets}:${max.bytes}`).toBe('18446744073709551615:18446744073709551615');
    max.set(5n, 7n);
    max.add(10);
    expect([max.packets, max.bytes]).toEqual([6n, 17n]);
  });
});
