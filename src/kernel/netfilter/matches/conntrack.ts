import { maskOf } from '../../../net/ipv4.js';
import type { MatchImpl, NfCtx } from '../context.js';

/** The parser's state bit positions (INVALID NEW RELATED ESTABLISHED UNTRACKED SNAT DNAT). */
const STATE_BIT: Record<NfCtx['ctState'], number> = { NEW: 1 };

export const state: MatchImpl = {
  match(_packet, ctx, m) {
    const hit = ((m.data.states as number) & (1 << STATE_BIT[ctx.ctState])) !== 0;
    return hit !== Boolean(m.data.inv);
  },
};

interface CtAddr {
  addr: number;
  len: number;
  inv: boolean;
}

/** conntrack_mt: the original tuple is the packet's own while every packet starts a flow. */
export const conntrack: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const st = d.ctstate as { bits: number; inv: boolean } | undefined;
    if (st && ((st.bits & (1 << STATE_BIT[ctx.ctState])) !== 0) === st.inv) return false;
    const p = d.ctproto as { proto: number; inv: boolean } | undefined;
    if (p && (packet.protocol === p.proto) === p.inv) return false;
    const addrs: [string, number][] = [
      ['ctorigsrc', packet.src],
      ['ctorigdst', packet.dst],
      ['ctreplsrc', packet.dst],
      ['ctrepldst', packet.src],
    ];
    for (const [key, value] of addrs) {
      const a = d[key] as CtAddr | undefined;
      if (a && ((value & maskOf(a.len)) >>> 0 === a.addr >>> 0) === a.inv) return false;
    }
    return true;
  },
};
