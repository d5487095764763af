import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import type { Rule, XtModule } from '../types.js';

/** A dispatch key: an address, port or mark (masked), or an interface name. */
export type Key = number | string;

/**
 * One dimension a chain can be indexed on (nftables' maps and sets on
 * ip daddr, meta l4proto . th dport, meta mark, meta iifname). `ruleKey`
 * says which single key a rule needs on it, or null when the rule cannot
 * be indexed there: then it is tried for every packet. A rule with a key
 * must be unable to match a packet with another key without any side
 * effect on the way (the walker gives up on it before running anything
 * that draws random numbers or updates state), so skipping it is exact.
 * `cls` groups rules whose keys are comparable (same dimension and mask):
 * only a run of one class becomes a hash block.
 */
export interface Dim {
  readonly name: string;
  /** The part of a rule's text its key comes from (`-d`, `--dport`): what a ruled-out rule fails on. */
  readonly flag: string;
  ruleKey(rule: Rule): { readonly cls: string; readonly key: Key; readonly mask: number } | null;
  /** The packet's key under `mask`, or null when no keyed rule of the dimension can match it. */
  packetKey(packet: Ipv4Packet, ctx: NfCtx, mask: number): Key | null;
}

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

/** `NAME/MASK`: the class of an address or mark key, made once per mask (compiling asks for it per rule). */
const maskClasses = new Map<string, Map<number, string>>();
function maskClass(name: string, mask: number): string {
  let byMask = maskClasses.get(name);
  if (!byMask) maskClasses.set(name, (byMask = new Map()));
  let cls = byMask.get(mask);
  if (cls === undefined) byMask.set(mask, (cls = `${name}/${u32(mask)}`));
  return cls;
}

/** `-d ADDR/MASK` (ipt_ip, checked before any extension): key addr, packet key daddr & mask. */
const dst: Dim = {
  name: 'dst',
  flag: '-d',
  ruleKey: (r) =>
    r.dst && !r.dst.invert && r.dst.mask !== 0
      ? keyed(maskClass('dst', r.dst.mask), u32(r.dst.addr), r.dst.mask)
      : null,
  packetKey: (p, _ctx, mask) => u32(p.dst & mask),
};

const src: Dim = {
  name: 'src',
  flag: '-s',
  ruleKey: (r) =>
    r.src && !r.src.invert && r.src.mask !== 0
      ? keyed(maskClass('src', r.src.mask), u32(r.src.addr), r.src.mask)
      : null,
  packetKey: (p, _ctx, mask) => u32(p.src & mask),
};

/** `-i NAME` without `+` (ifaceOk's exact compare); a packet with no input device has the empty name. */
const iif: Dim = {
  name: 'iif',
  flag: '-i',
  ruleKey: (r) =>
    r.inIface && !r.inIface.invert && !r.inIface.name.endsWith('+') ? keyed('iif', r.inIface.name, 0) : null,
  packetKey: (_p, ctx) => ctx.in?.name ?? '',
};

/** `-p tcp --dport N` (xt_tcpudp after pure matches only): key proto << 16 | port from the match itself. */
const dport: Dim = {
  name: 'dport',
  flag: '--dport',
  ruleKey(r) {
    for (const m of r.matches) {
      if (m.name === 'tcp' || m.name === 'udp') {
        const range = m.data.dport as readonly [number, number] | undefined;
        if (!range || range[0] !== range[1] || Boolean(m.data.dportInv)) return null;
        return keyed('dport', ((m.name === 'tcp' ? 6 : 17) << 16) | range[0], 0);
      }
      if (!PURE.has(m.name)) return null;
    }
    return null;
  },
  packetKey(p) {
    const l4 = p.l4;
    if (l4 === undefined) return null;
    if (l4.kind === 'tcp') return (6 << 16) | l4.dport;
    if (l4.kind === 'udp') return (17 << 16) | l4.dport;
    return null;
  },
};

/** `-m mark --mark V/M` (mark_mt after pure matches only): key V, packet key skb->mark & M. */
const mark: Dim = {
  name: 'mark',
  flag: '-m mark',
  ruleKey(r) {
    const m = pureMatch(r, 'mark');
    if (!m || Boolean(m.data.inv)) return null;
    const mask = m.data.mask as number;
    return keyed(maskClass('mark', mask), u32(m.data.value as number), mask);
  },
  packetKey: (p, _ctx, mask) => u32((p.mark ?? 0) & mask),
};

/** `-p PROTO` (ipt_ip): the coarsest dimension, for chains keyed on nothing better. */
const proto: Dim = {
  name: 'proto',
  flag: '-p',
  ruleKey: (r) => (r.proto !== 0 && !r.protoInvert ? keyed('proto', r.proto, 0) : null),
  packetKey: (p) => p.protocol,
};

function keyed(cls: string, key: Key, mask: number) {
  return { cls, key, mask };
}

/** In order of preference when two give equally long runs. */
export const DIMS: readonly Dim[] = [dst, dport, src, iif, mark, proto];
