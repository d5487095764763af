import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import type { Link } from '../../link/link.js';
import { devgroup, devgroupCheck } from './devgroup.js';

const p = {} as Ipv4Packet;
const dev = (group: number) => ({ group }) as Link;
const ctx = (inGroup: number | null, outGroup: number | null) =>
  ({ in: inGroup === null ? null : dev(inGroup), out: outGroup === null ? null : dev(outGroup) }) as NfCtx;
const side = (group: number, mask = 0xffffffff, inv = false) => ({ group, mask, inv });
const rule = (data: Record<string, unknown>) => ({ name: 'devgroup', data });

describe('devgroup match (xt_devgroup)', () => {
  it.each([
    ['src 5 from group 5', rule({ src: side(5) }), ctx(5, null), true],
    ['src 5 from group 4', rule({ src: side(5) }), ctx(4, null), false],
    ['! src 5 from group 4', rule({ src: side(5, 0xffffffff, true) }), ctx(4, null), true],
    ['src 4/0xfe from group 5', rule({ src: side(4, 0xfe) }), ctx(5, null), true],
    ['src 1/0 from any group', rule({ src: side(1, 0) }), ctx(77, null), true],
    ['dst 5 to group 5', rule({ dst: side(5) }), ctx(null, 5), true],
    ['src 5 and dst 6', rule({ src: side(5), dst: side(6) }), ctx(5, 7), false],
  ])('%s', (_name, m, c, want) => {
    expect(devgroup.match(p, c, m)).toBe(want);
  });

  it('accepts each side only at the hooks with that device; user chains pass', () => {
    const src = rule({ src: side(1) });
    const dst = rule({ dst: side(1) });
    expect(
      ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'].map((h) => devgroupCheck(src, h as never)),
    ).toEqual([true, true, true, false, false]);
    expect(
      ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'].map((h) => devgroupCheck(dst, h as never)),
    ).toEqual([false, false, true, true, true]);
    expect(devgroupCheck(src, null)).toBe(true);
  });
});
