import { maskOf } from '../../../net/ipv4.js';
import type { MatchImpl, NfCtx } from '../context.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { Conn, Nfct } from '../conntrack/conn.js';
import { IPS, infoDir } from '../conntrack/conn.js';
import type { Tuple } from '../conntrack/tuple.js';
import { ctStateOf } from '../conntrack/core.js';
import { nfctOf } from '../conntrack/skb.js';

/** The parser's state bit positions (INVALID NEW RELATED ESTABLISHED UNTRACKED SNAT DNAT). */
const STATE_BIT = { INVALID: 0, NEW: 1, RELATED: 2, ESTABLISHED: 3, UNTRACKED: 4, SNAT: 5, DNAT: 6 } as const;

/** STATE_BIT[state], as a switch: a lookup by a key that varies is V8's slow path, on every packet. */
function stateBit(state: keyof typeof STATE_BIT): number {
  switch (state) {
    case 'INVALID':
      return STATE_BIT.INVALID;
    case 'NEW':
      return STATE_BIT.NEW;
    case 'RELATED':
      return STATE_BIT.RELATED;
    case 'ESTABLISHED':
      return STATE_BIT.ESTABLISHED;
    case 'UNTRACKED':
      return STATE_BIT.UNTRACKED;
    case 'SNAT':
      return STATE_BIT.SNAT;
    case 'DNAT':
      return STATE_BIT.DNAT;
  }
}

/** XT_STATE_BIT / XT_CONNTRACK_STATE_BIT of the packet, plus SNAT/DNAT for conntrack's --ctstate. */
function stateBits(nfct: Nfct | undefined, withNat: boolean): number {
  let bits = 1 << stateBit(ctStateOf(nfct));
  if (withNat && nfct && 'conn' in nfct) {
    if (nfct.conn.has(IPS.SRC_NAT)) bits |= 1 << STATE_BIT.SNAT;
    if (nfct.conn.has(IPS.DST_NAT)) bits |= 1 << STATE_BIT.DNAT;
  }
  return bits;
}

const nfct = (packet: Ipv4Packet, ctx: NfCtx) => nfctOf(packet, ctx.netns);

/** state_mt. */
export const state: MatchImpl = {
  match(packet, ctx, m) {
    const hit = ((m.data.states as number) & stateBits(nfct(packet, ctx), false)) !== 0;
    return hit !== Boolean(m.data.inv);
  },
};

interface Inv {
  inv: boolean;
}
interface CtAddr extends Inv {
  addr: number;
  len: number;
}
interface CtPort extends Inv {
  lo: number;
  hi: number;
}

const ADDRS: readonly (readonly [string, (c: Conn) => number])[] = [
  ['ctorigsrc', (c) => c.orig.src],
  ['ctorigdst', (c) => c.orig.dst],
  ['ctreplsrc', (c) => c.reply.src],
  ['ctrepldst', (c) => c.reply.dst],
];

/** tuple->src.u.all / dst.u.all as ports: ICMP keeps its id in the source slot. */
const PORTS: readonly (readonly [string, (c: Conn) => number])[] = [
  ['ctorigsrcport', (c) => c.orig.sport],
  ['ctorigdstport', (c) => portOf(c.orig)],
  ['ctreplsrcport', (c) => c.reply.sport],
  ['ctrepldstport', (c) => portOf(c.reply)],
];
const portOf = (t: Tuple) => t.dport;

/** The options conntrack_mt reads after the state, by rule data object (immutable, as rules are). */
const OTHER_KEYS = [
  'ctdir',
  'ctproto',
  'ctstatus',
  'ctexpire',
  ...ADDRS.map((a) => a[0]),
  ...PORTS.map((p) => p[0]),
];
const onlyState = new WeakMap<object, boolean>();

/** Whether a conntrack match's data holds no option but --ctstate. */
function stateOnly(d: Readonly<Record<string, unknown>>): boolean {
  // The rule asked last answers without a lookup (a packet's walk asks once or twice, mostly of one rule).
  if (d === lastData) return lastOnly;
  let v = onlyState.get(d);
  if (v === undefined) onlyState.set(d, (v = noOtherKey(d)));
  lastData = d;
  lastOnly = v;
  return v;
}
let lastData: object | null = null;
let lastOnly = false;

/** Apart from stateOnly: a closure over `d` there would make every call allocate the variables it captures. */
function noOtherKey(d: Readonly<Record<string, unknown>>): boolean {
  return OTHER_KEYS.every((k) => d[k] === undefined);
}

/**
 * conntrack_mt (revision 3): state first (with SNAT/DNAT), then, only for
 * a packet with an entry, direction, tuple addresses, protocol and ports,
 * status bits and the seconds left. Without an entry only a rule made of
 * --ctstate alone can match.
 */
export const conntrack: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const n = nfct(packet, ctx);
    const st = d.ctstate as ({ bits: number } & Inv) | undefined;
    if (st && ((st.bits & stateBits(n, true)) !== 0) === st.inv) return false;
    if (!n || !('conn' in n)) return st !== undefined;
    // Most rules test --ctstate alone (kube-proxy's all do): nothing else to read.
    if (stateOnly(d)) return true;
    const conn = n.conn;
    const dir = d.ctdir as ({ dir: 'ORIGINAL' | 'REPLY' } & Partial<Inv>) | undefined;
    if (dir && (infoDir(n.info) === dir.dir) === Boolean(dir.inv)) return false;
    for (const [key, get] of ADDRS) {
      const a = d[key] as CtAddr | undefined;
      // conntrack_addrcmp: the rule keeps its address unmasked (`1.2.3.4/24`).
      if (a && (((get(conn) ^ a.addr) & maskOf(a.len)) >>> 0 === 0) === a.inv) return false;
    }
    const p = d.ctproto as ({ proto: number } & Inv) | undefined;
    if (p && (conn.orig.proto === p.proto) === p.inv) return false;
    for (const [key, get] of PORTS) {
      const r = d[key] as CtPort | undefined;
      if (r && (get(conn) >= r.lo && get(conn) <= r.hi) === r.inv) return false;
    }
    const cs = d.ctstatus as ({ bits: number } & Inv) | undefined;
    if (cs && ((cs.bits & conn.status) !== 0) === cs.inv) return false;
    const ex = d.ctexpire as CtPort | undefined;
    if (ex) {
      const left = conn.confirmed ? conn.secondsLeft(ctx.netns.world.clock.now) : 0;
      if ((left >= ex.lo && left <= ex.hi) === ex.inv) return false;
    }
    return true;
  },
};
