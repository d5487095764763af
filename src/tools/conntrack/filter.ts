import type { CtEntry } from '../../kernel/netfilter/conntrack/api.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import { icmpCode, icmpType } from '../../kernel/netfilter/conntrack/tuple.js';
import type { AddrFilter, CtArgs } from './args.js';

/** CT_COMPARISON: the options that make conntrack compare entries with its template. */
export const COMPARISON: ReadonlySet<string> = new Set([
  'protonum',
  'src',
  'dst',
  'reply-src',
  'reply-dst',
  'mark',
  'secmark',
  'status',
  'id',
  'zone',
  'label',
  'orig-zone',
  'reply-zone',
]);

const addrOk = (addr: number, f: AddrFilter | undefined) => !f || (addr & f.mask) >>> 0 === f.addr;

/** nfct_cmp over one direction's tuple: every attribute the template sets must be equal. */
function tupleOk(t: Tuple, side: CtArgs['orig'], a: CtArgs, icmpToo: boolean): boolean {
  if (!addrOk(t.src, side.src) || !addrOk(t.dst, side.dst)) return false;
  if (side.sport !== undefined && t.sport !== side.sport) return false;
  if (side.dport !== undefined && t.dport !== side.dport) return false;
  if (!icmpToo) return true;
  if (a.icmp.type !== undefined && icmpType(t) !== a.icmp.type) return false;
  if (a.icmp.code !== undefined && icmpCode(t) !== a.icmp.code) return false;
  if (a.icmp.id !== undefined && t.sport !== a.icmp.id) return false;
  return true;
}

/**
 * filter_nat with libnetfilter_conntrack's NFCT_GOPT_IS_{SNAT,SPAT,DNAT,DPAT}:
 * a NAT_DONE bit and a reply tuple that differs from the inverse of the
 * original (address, or the raw port/ICMP union: an ICMP id never equals
 * the type/code slot, so every ICMP entry that passed a nat hook counts).
 * -n and -g together want both; -j either.
 */
function natOk(e: CtEntry, a: CtArgs): boolean {
  const src = a.options.has('src-nat') || a.options.has('any-nat');
  const dst = a.options.has('dst-nat') || a.options.has('any-nat');
  if (!src && !dst) return true;
  const srcDone = (e.status & IPS.SRC_NAT_DONE) !== 0;
  const dstDone = (e.status & IPS.DST_NAT_DONE) !== 0;
  const isSnat = srcDone && e.reply.dst !== e.orig.src;
  const isSpat = srcDone && e.reply.dport !== e.orig.sport;
  const isDnat = dstDone && e.reply.src !== e.orig.dst;
  const isDpat = dstDone && e.reply.sport !== e.orig.dport;
  const hasSrc = a.nat.src === undefined ? isSnat || isSpat : isSnat && e.reply.dst === a.nat.src;
  const hasDst = a.nat.dst === undefined ? isDnat || isDpat : isDnat && e.reply.src === a.nat.dst;
  if (a.options.has('any-nat')) return hasSrc || hasDst;
  if (src && dst) return hasSrc && hasDst;
  return src ? hasSrc : hasDst;
}

/**
 * Whether an entry passes what -L, -D, -G and -E filter on: the kernel's
 * dump filter (family, mark, status under its mask; `kernel` for dumps)
 * and nfct_filter in user space (NAT, mark, networks, then every template
 * attribute: tuples, protocol, TCP state, status bits, zone).
 */
export function selected(e: CtEntry, a: CtArgs, kernel: boolean): boolean {
  if (a.family === 'ipv6') return false;
  if (a.mark && ((e.mark ?? 0) & a.mark.mask) >>> 0 !== a.mark.value) return false;
  if (kernel && a.status && (e.status & a.status.mask) !== a.status.value) return false;
  if (!natOk(e, a)) return false;
  if (a.proto !== undefined && e.orig.proto !== a.proto) return false;
  if (!tupleOk(e.orig, a.orig, a, true) || !tupleOk(e.reply, a.reply, a, false)) return false;
  if (a.tcpState !== undefined && e.tcpState !== a.tcpState) return false;
  if (a.status && (e.status & a.status.value) !== a.status.value) return false;
  if (a.zone !== undefined && e.zone !== a.zone) return false;
  return true;
}

/** mnl_nfct_update_cb's selection: NAT, networks, then the tuples (mark and status are changes, not filters). */
export function updateSelected(e: CtEntry, a: CtArgs): boolean {
  if (a.family === 'ipv6') return false;
  if (!natOk(e, a)) return false;
  if (a.proto !== undefined && e.orig.proto !== a.proto) return false;
  return tupleOk(e.orig, a.orig, a, true) && tupleOk(e.reply, a.reply, a, false);
}
