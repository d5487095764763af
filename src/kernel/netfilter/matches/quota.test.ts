import { describe, expect, it } from 'vitest';
import type { NfCtx } from '../context.js';
import { quota } from './quota.js';
import { icmpPacket } from '../testing.js';

const run = (m: { name: string; data: Record<string, unknown> }, sizes: number[]) =>
  sizes.map((totalLength) => quota.match(icmpPacket({ totalLength }), {} as NfCtx, m));

describe('quota match (xt_quota)', () => {
  it('matches while the bytes left cover the packet, then never again', () => {
    const m = { name: 'quota', data: { quota: '200', inv: false } };
    expect(run(m, [84, 84, 84, 20])).toEqual([true, true, false, false]);
  });

  it('inverted: the same counting, the answer reversed', () => {
    const m = { name: 'quota', data: { quota: '200', inv: true } };
    expect(run(m, [84, 84, 84])).toEqual([false, false, true]);
  });

  it('keeps one counter per rule instance', () => {
    const a = { name: 'quota', data: { quota: '100', inv: false } };
    const b = { name: 'quota', data: { quota: '100', inv: false } };
    expect(run(a, [84])).toEqual([true]);
    expect(run(b, [84])).toEqual([true]);
    expect(run(a, [84])).toEqual([false]);
  });

  it('a packet exactly the size of what is left still matches', () => {
    expect(run({ name: 'quota', data: { quota: '84', inv: false } }, [84, 1])).toEqual([true, false]);
  });
});
