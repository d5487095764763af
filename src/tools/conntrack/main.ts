import type { Command, Proc } from '../process.js';
import type { CtEntry } from '../../kernel/netfilter/conntrack/api.js';
import { ctCount, ctDelete, ctDump, ctFlush } from '../../kernel/netfilter/conntrack/api.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import { icmpCode, icmpType } from '../../kernel/netfilter/conntrack/tuple.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import type { CtArgs } from './args.js';
import { ParamError, parseArgs } from './args.js';
import { formatEntry } from './format.js';
import { USAGE } from './usage.js';

const PROG = 'conntrack v1.4.7 (conntrack-tools)';

/** exit_error(PARAMETER_PROBLEM): the message, the hint, status 2. */
function paramProblem(proc: Proc, msg: string): number {
  proc.stderr.write(`${PROG}: ${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

type Side = CtArgs['orig'];

function sideMatches(t: Tuple, f: Side): boolean {
  if (f.src && (t.src & f.src.mask) >>> 0 !== f.src.addr) return false;
  if (f.dst && (t.dst & f.dst.mask) >>> 0 !== f.dst.addr) return false;
  if (f.sport !== undefined && t.sport !== f.sport) return false;
  if (f.dport !== undefined && t.dport !== f.dport) return false;
  return true;
}

/** The kernel's CTA_FILTER and conntrack's own filter_* checks, combined. */
function selected(e: CtEntry, a: CtArgs): boolean {
  if (a.family !== 'ipv4') return false;
  if (a.proto !== undefined && e.orig.proto !== a.proto) return false;
  if (!sideMatches(e.orig, a.orig) || !sideMatches(e.reply, a.reply)) return false;
  if (a.tcpState !== undefined && e.tcpState !== a.tcpState) return false;
  if (a.icmp.type !== undefined && icmpType(e.orig) !== a.icmp.type) return false;
  if (a.icmp.code !== undefined && icmpCode(e.orig) !== a.icmp.code) return false;
  if (a.icmp.id !== undefined && e.orig.sport !== a.icmp.id) return false;
  if (a.mark && (e.mark & a.mark.mask) >>> 0 !== a.mark.value) return false;
  if (a.status !== undefined && (e.status & a.status) !== a.status) return false;
  if (a.nat && !natSelected(e, a.nat)) return false;
  return true;
}

/**
 * filter_nat with libnetfilter_conntrack's NFCT_GOPT_IS_{SNAT,SPAT,DNAT,DPAT}:
 * a NAT_DONE bit and a reply tuple that differs from the inverse of the
 * original (address, or the raw port/ICMP union: an ICMP id never equals
 * the type/code slot, so every ICMP entry that passed a nat hook counts).
 */
function natSelected(e: CtEntry, nat: NonNullable<CtArgs['nat']>): boolean {
  const srcDone = (e.status & IPS.SRC_NAT_DONE) !== 0;
  const dstDone = (e.status & IPS.DST_NAT_DONE) !== 0;
  const isSnat = srcDone && e.reply.dst !== e.orig.src;
  const isSpat = srcDone && e.reply.dport !== e.orig.sport;
  const isDnat = dstDone && e.reply.src !== e.orig.dst;
  const isDpat = dstDone && e.reply.sport !== e.orig.dport;
  const ip = nat.addr;
  const snat = ip === undefined ? isSnat || isSpat : isSnat && e.reply.dst === ip;
  const dnat = ip === undefined ? isDnat || isDpat : isDnat && e.reply.src === ip;
  return nat.kind === 'src' ? snat : nat.kind === 'dst' ? dnat : snat || dnat;
}

function list(proc: Proc, a: CtArgs): number {
  if (a.table === 'expect') {
    proc.stderr.write(`${PROG}: 0 expectations have been shown.\n`);
    return 0;
  }
  const entries = a.table === 'conntrack' ? ctDump(proc.netns).filter((e) => selected(e, a)) : [];
  for (const e of entries) proc.stdout.write(`${formatEntry(e, a.output)}\n`);
  proc.stderr.write(`${PROG}: ${entries.length} flow entries have been shown.\n`);
  return 0;
}

function remove(proc: Proc, a: CtArgs): number {
  let n = 0;
  for (const e of ctDump(proc.netns).filter((x) => selected(x, a))) {
    if (!ctDelete(proc.netns, e)) continue;
    proc.stdout.write(`${formatEntry(e, a.output)}\n`);
    n++;
  }
  proc.stderr.write(`${PROG}: ${n} flow entries have been deleted.\n`);
  return n > 0 ? 0 : 1;
}

/** conntrack (conntrack-tools 1.4.7): -L, -D, -F, -C on the namespace's table. */
export const conntrack: Command = async (proc) => {
  let a: CtArgs;
  try {
    a = parseArgs(proc.argv.slice(1));
  } catch (e) {
    if (e instanceof ParamError) return paramProblem(proc, e.message);
    throw e;
  }
  switch (a.command) {
    case null:
    case 'h':
      proc.stdout.write(USAGE);
      return 0;
    case 'V':
      proc.stdout.write(`${PROG}\n`);
      return 0;
    case 'L':
      return list(proc, a);
    case 'D':
      return remove(proc, a);
    case 'F':
      ctFlush(proc.netns);
      proc.stderr.write(`${PROG}: connection tracking table has been emptied.\n`);
      return 0;
    case 'C':
      proc.stdout.write(`${ctCount(proc.netns)}\n`);
      return 0;
    default:
      return paramProblem(proc, `command \`-${a.command}' is not supported yet by podpath`);
  }
};
