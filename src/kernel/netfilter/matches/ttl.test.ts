import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { ttl } from './ttl.js';
import { icmpPacket } from '../testing.js';

const packet = (hops: number): Ipv4Packet => icmpPacket({ ttl: hops });

describe('ttl match (xt_hl)', () => {
  it.each([
    { mode: 'eq', value: 64, hops: 64, want: true },
    { mode: 'eq', value: 64, hops: 63, want: false },
    { mode: 'ne', value: 64, hops: 63, want: true },
    { mode: 'ne', value: 64, hops: 64, want: false },
    { mode: 'lt', value: 10, hops: 9, want: true },
    { mode: 'lt', value: 10, hops: 10, want: false },
    { mode: 'gt', value: 9, hops: 10, want: true },
    { mode: 'gt', value: 9, hops: 9, want: false },
  ])('TTL $hops against $mode $value: $want', ({ mode, value, hops, want }) => {
    const p = packet(hops);
    expect(ttl.match(p, {} as NfCtx, { name: 'ttl', data: { mode, ttl: value } })).toBe(want);
  });
});
