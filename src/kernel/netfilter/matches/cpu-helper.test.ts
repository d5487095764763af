import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { cpu } from './cpu.js';
import { helper } from './helper.js';

const p = {} as Ipv4Packet;
const ctx = {} as NfCtx;

describe('cpu match (xt_cpu): every packet is handled by CPU 0', () => {
  it.each([
    [0, false, true],
    [0, true, false],
    [1, false, false],
    [1, true, true],
  ])('--cpu %d (inverted: %s) -> %s', (n, inv, want) => {
    expect(cpu.match(p, ctx, { name: 'cpu', data: { cpu: n, inv } })).toBe(want);
  });
});

describe('helper match (xt_helper): no connection has a helper', () => {
  it('never matches, always with !', () => {
    expect(helper.match(p, ctx, { name: 'helper', data: { name: 'ftp', inv: false } })).toBe(false);
    expect(helper.match(p, ctx, { name: 'helper', data: { name: '', inv: false } })).toBe(false);
    expect(helper.match(p, ctx, { name: 'helper', data: { name: 'ftp', inv: true } })).toBe(true);
  });
});
