import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import type { Rule, XtModule } from '../types.js';

/** A dispatch key: an address, port or mark (masked), or an interface name. */
export type Key = number | string;

/**
 * One dimension a chain can be indexed on (nftables' maps and sets on
 * ip daddr, meta l4proto . th dport, meta mark, meta iifname).
 * `ruleClass` says whether a rule needs a single key on it (NO_KEY when
 * the rule cannot be indexed there: then it is tried for every packet),
 * and `ruleKey` which. A rule with a key must be unable to match a packet
 * with another key without any side effect on the way (the walker gives
 * up on it before running anything that draws random numbers or updates
 * state), so skipping it is exact. The class groups rules whose keys are
 * comparable (the same mask): only a run of one class becomes a hash
 * block. Both are plain numbers and keys, made without allocating:
 * KUBE-SERVICES has 10,000 rules, compiled at each commit that changes it.
 */
export interface Dim {
  readonly name: string;
  /** The part of a rule's text its key comes from (`-d`, `--dport`): what a ruled-out rule fails on. */
  readonly flag: string;
  ruleClass(rule: Rule): number;
  /** The key of a rule that has a class. */
  ruleKey(rule: Rule): Key;
  /** The packet's key for rules of class `cls`, or null when no keyed rule of the dimension can match it. */
  packetKey(packet: Ipv4Packet, ctx: NfCtx, cls: number): Key | null;
}

/** The class of a rule the dimension does not index. */
export const NO_KEY = -1;

/**
 * Matches whose evaluation has no side effect (no random draw, counter,
 * table or set update): a later part of the rule may fail after them and
 * the rule still left no trace. statistic, limit, hashlimit, recent, set
 * (ipset counters) and unknown extensions are not in the list.
 */
const PURE: ReadonlySet<string> = new Set([
  'comment',
  'tcp',
  'udp',
  'multiport',
  'icmp',
  'addrtype',
  'iprange',
  'mac',
  'pkttype',
  'mark',
  'connmark',
  'conntrack',
  'state',
  'length',
  'owner',
  'physdev',
]);

/** The first match named `name` when every match before it is pure, else null. */
function pureMatch(rule: Rule, name: string): XtModule | null {
  for (const m of rule.matches) {
    if (m.name === name) return m;
    if (!PURE.has(m.name)) return null;
  }
  return null;
}

const u32 = (n: number) => n >>> 0;

/** `-d ADDR/MASK` (ipt_ip, checked before any extension): class the mask, key addr, packet key daddr & mask. */
const dst: Dim = {
  name: 'dst',
  flag: '-d',
  ruleClass: (r) => (r.dst && !r.dst.invert && r.dst.mask !== 0 ? u32(r.dst.mask) : NO_KEY),
  ruleKey: (r) => u32(r.dst!.addr),
  packetKey: (p, _ctx, mask) => u32(p.dst & mask),
};

const src: Dim = {
  name: 'src',
  flag: '-s',
  ruleClass: (r) => (r.src && !r.src.invert && r.src.mask !== 0 ? u32(r.src.mask) : NO_KEY),
  ruleKey: (r) => u32(r.src!.addr),
  packetKey: (p, _ctx, mask) => u32(p.src & mask),
};

/** `-i NAME` without `+` (ifaceOk's exact compare); a packet with no input device has the empty name. */
const iif: Dim = {
  name: 'iif',
  flag: '-i',
  ruleClass: (r) => (r.inIface && !r.inIface.invert && !r.inIface.name.endsWith('+') ? 0 : NO_KEY),
  ruleKey: (r) => r.inIface!.name,
  packetKey: (_p, ctx) => ctx.in?.name ?? '',
};

/** The tcp or udp match of `-p tcp --dport N` after pure matches only, or null. */
function dportMatch(r: Rule): XtModule | null {
  for (const m of r.matches) {
    if (m.name === 'tcp' || m.name === 'udp') {
      const range = m.data.dport as readonly [number, number] | undefined;
      return !range || range[0] !== range[1] || Boolean(m.data.dportInv) ? null : m;
    }
    if (!PURE.has(m.name)) return null;
  }
  return null;
}

/** `-p tcp --dport N` (xt_tcpudp after pure matches only): key proto << 16 | port from the match itself. */
const dport: Dim = {
  name: 'dport',
  flag: '--dport',
  ruleClass: (r) => (dportMatch(r) === null ? NO_KEY : 0),
  ruleKey(r) {
    const m = dportMatch(r)!;
    return ((m.name === 'tcp' ? 6 : 17) << 16) | (m.data.dport as readonly [number, number])[0];
  },
  packetKey(p) {
    const l4 = p.l4;
    if (l4 === undefined) return null;
    if (l4.kind === 'tcp') return (6 << 16) | l4.dport;
    if (l4.kind === 'udp') return (17 << 16) | l4.dport;
    return null;
  },
};

/** The mark match (mark_mt after pure matches only, not inverted), or null. */
function markMatch(r: Rule): XtModule | null {
  const m = pureMatch(r, 'mark');
  return m && !m.data.inv ? m : null;
}

/** `-m mark --mark V/M`: class the mask, key V, packet key skb->mark & M. */
const mark: Dim = {
  name: 'mark',
  flag: '-m mark',
  ruleClass(r) {
    const m = markMatch(r);
    return m === null ? NO_KEY : u32(m.data.mask as number);
  },
  ruleKey: (r) => u32(markMatch(r)!.data.value as number),
  packetKey: (p, _ctx, mask) => u32((p.mark ?? 0) & mask),
};

/** `-p PROTO` (ipt_ip): the coarsest dimension, for chains keyed on nothing better. */
const proto: Dim = {
  name: 'proto',
  flag: '-p',
  ruleClass: (r) => (r.proto !== 0 && !r.protoInvert ? 0 : NO_KEY),
  ruleKey: (r) => r.proto,
  packetKey: (p) => p.protocol,
};

/** In order of preference when two give equally long runs. */
export const DIMS: readonly Dim[] = [dst, dport, src, iif, mark, proto];
