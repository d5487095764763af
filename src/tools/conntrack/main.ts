import type { Command, Proc } from '../process.js';
import type { CtEntry, CtErrno } from '../../kernel/netfilter/conntrack/api.js';
import {
  ctCount,
  ctCreate,
  ctDelete,
  ctDump,
  ctFlush,
  ctGet,
  ctPortid,
  ctStats,
  ctUpdate,
  CT_STAT_NAMES,
} from '../../kernel/netfilter/conntrack/api.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import type { CtArgs } from './args.js';
import { OtherError, ParamError, parseArgs } from './args.js';
import { formatEntry, formatSave, formatXml, XML_FOOTER, XML_HEADER } from './format.js';
import { selected, updateSelected, COMPARISON } from './filter.js';
import { events } from './events.js';
import { protoHelpTitle } from './protos.js';
import { USAGE } from './usage.js';

export const PROG = 'conntrack v1.4.7 (conntrack-tools)';

/** exit_error(PARAMETER_PROBLEM): the message, the hint, status 2. */
function paramProblem(proc: Proc, msg: string): number {
  proc.stderr.write(`${PROG}: ${msg}\nTry \`conntrack -h' or 'conntrack --help' for more information.\n`);
  return 2;
}

/** exit_error(OTHER_PROBLEM): the message, status 1. */
function otherProblem(proc: Proc, msg: string): number {
  proc.stderr.write(`${PROG}: ${msg}\n`);
  return 1;
}

/** err2str for the errnos the kernel API returns, as conntrack words them per command. */
function errText(err: CtErrno): string {
  switch (err) {
    case 'ENOENT':
      return "such conntrack doesn't exist";
    case 'EEXIST':
      return 'Such conntrack exists, try -U to update';
    case 'EINVAL':
      return 'invalid parameters';
    case 'ENOMEM':
      return 'not enough memory';
    case 'EOPNOTSUPP':
      return 'Operation not supported';
    case 'EBUSY':
      return 'Device or resource busy';
  }
}

/** print_stats: the summary on stderr; no entry is a failure except for a listing. */
function summary(proc: Proc, text: string, n: number, list = false): number {
  proc.stderr.write(`${PROG}: ${n} ${text}\n`);
  return n === 0 && !list ? 1 : 0;
}

/** One entry as the -o flags ask (mnl_nfct_dump_cb / delete_cb / print_cb). */
function render(e: CtEntry, a: CtArgs, deleted = false): string {
  if (a.output.save) return formatSave(e, deleted ? 'DESTROY' : 'NEW');
  if (a.output.xml) return formatXml(e);
  return formatEntry(e, a.output);
}

/** nfct_filter_init: --mask-* need the address they mask. */
function checkMasks(a: CtArgs): void {
  if (a.masks.src !== undefined && !a.orig.src) throw new ParamError("Can't use --mask-src without --src");
  if (a.masks.dst !== undefined && !a.orig.dst) throw new ParamError("Can't use --mask-dst without --dst");
}

function list(proc: Proc, a: CtArgs): number {
  if (a.table === 'expect') return summary(proc, 'expectations have been shown.', 0, true);
  if ([...a.options].some((o) => COMPARISON.has(o)) && a.options.has('zero'))
    throw new ParamError("Can't use -z with filtering parameters");
  checkMasks(a);
  // The kernel's status filter (CTA_FILTER) with an empty mask is EINVAL.
  if (a.status && a.status.mask === 0) return otherProblem(proc, `Operation failed: ${errText('EINVAL')}`);
  const all = a.table === 'conntrack' ? ctDump(proc.netns, { zero: a.options.has('zero') }) : [];
  const entries = all.filter((e) => selected(e, a, true));
  if (a.output.xml && !a.output.save && entries.length) proc.stdout.write(XML_HEADER);
  for (const e of entries) proc.stdout.write(`${render(e, a)}\n`);
  if (a.output.xml && !a.output.save && entries.length) proc.stdout.write(XML_FOOTER);
  return summary(proc, 'flow entries have been shown.', entries.length, true);
}

function remove(proc: Proc, a: CtArgs): number {
  checkMasks(a);
  const portid = ctPortid(proc.netns);
  let n = 0;
  for (const e of ctDump(proc.netns).filter((x) => selected(x, a, true))) {
    if (!ctDelete(proc.netns, e, portid)) continue;
    proc.stdout.write(`${render(e, a, true)}\n`);
    n++;
  }
  return summary(proc, 'flow entries have been deleted.', n);
}

/** The tuple -G/-I name: the original one, or the reply one (for -I) when only that was given. */
function tupleOf(a: CtArgs, side: 'orig' | 'reply'): Tuple | null {
  const f = a[side];
  if (!f.src || !f.dst || a.proto === undefined) return null;
  const t = { src: f.src.addr, dst: f.dst.addr, proto: a.proto };
  if (a.proto === 1) {
    const type = a.icmp.type ?? 0;
    return { ...t, sport: a.icmp.id ?? 0, dport: (type << 8) | (a.icmp.code ?? 0) };
  }
  return { ...t, sport: f.sport ?? 0, dport: f.dport ?? 0 };
}

function get(proc: Proc, a: CtArgs): number {
  const t = tupleOf(a, 'orig');
  if (!t) return otherProblem(proc, `Operation failed: ${errText('EINVAL')}`);
  const e = ctGet(proc.netns, t, a.zone ?? 0);
  if (e === 'ENOENT') return otherProblem(proc, `Operation failed: ${errText(e)}`);
  const shown = selected(e, a, false) ? [e] : [];
  if (a.output.xml && shown.length) proc.stdout.write(XML_HEADER);
  for (const x of shown) proc.stdout.write(`${render(x, a)}\n`);
  return summary(proc, 'flow entries have been shown.', shown.length);
}

function create(proc: Proc, a: CtArgs): number {
  const orig = tupleOf(a, 'orig');
  const reply = tupleOf(a, 'reply');
  const inverted = reply && {
    ...reply,
    src: reply.dst,
    dst: reply.src,
    sport: reply.dport,
    dport: reply.sport,
  };
  const r = ctCreate(
    proc.netns,
    {
      orig: (orig ?? inverted)!,
      reply: orig ? (reply ?? undefined) : undefined,
      timeout: a.timeout ?? 0,
      status: a.status?.value ?? 0,
      mark: a.mark?.value,
      tcpState: a.tcpState,
      zone: a.zone,
    },
    ctPortid(proc.netns),
  );
  const text = a.command === 'A' ? 'flow entries have been added.' : 'flow entries have been created.';
  if (typeof r === 'string') {
    // -A on an entry that exists leaves it as it is, counts nothing and still
    // succeeds (found by experiment).
    if (r === 'EEXIST' && a.command === 'A') {
      summary(proc, text, 0);
      return 0;
    }
    return otherProblem(proc, `Operation failed: ${errText(r)}`);
  }
  return summary(proc, text, 1);
}

/**
 * mnl_nfct_update_cb for every entry of a dump: the ones the tuple options
 * select get the new timeout, status bits and mark; an entry the request
 * would not change is skipped; each changed one is printed as the GET
 * after it returns it.
 */
function update(proc: Proc, a: CtArgs): number {
  checkMasks(a);
  const portid = ctPortid(proc.netns);
  let n = 0;
  for (const e of ctDump(proc.netns).filter((x) => updateSelected(x, a))) {
    const mark = a.mark ? ((e.mark! & ~a.mark.mask) ^ a.mark.value) >>> 0 : undefined;
    const status = a.status ? e.status | a.status.value : undefined;
    const unchanged =
      (mark === undefined || mark === e.mark) &&
      (status === undefined || status === e.status) &&
      (a.timeout === undefined || a.timeout === e.timeout);
    if (unchanged) continue;
    const r = ctUpdate(
      proc.netns,
      e.conn,
      { family: a.family === null ? 'unspec' : 'ipv4', timeout: a.timeout, status, mark },
      portid,
    );
    if (r === 'ENOENT') continue;
    if (typeof r === 'string') {
      proc.stderr.write(`Operation failed: ${errText(r)}\n`);
      return otherProblem(proc, `Operation failed: ${errText(r)}`);
    }
    proc.stdout.write(`${a.output.xml ? formatXml(r) : formatEntry(r, a.output)}\n`);
    n++;
  }
  return summary(proc, 'flow entries have been updated.', n);
}

/** display of IPCTNL_MSG_CT_GET_STATS_CPU: one line per CPU. */
function stats(proc: Proc, a: CtArgs): number {
  if (a.table === 'expect') {
    for (const [cpu] of ctStats(proc.netns).entries())
      proc.stdout.write(`cpu=${String(cpu).padEnd(4)}\texpect_new=0 expect_create=0 expect_delete=0 \n`);
    return 0;
  }
  for (const [cpu, row] of ctStats(proc.netns).entries()) {
    const fields = CT_STAT_NAMES.map((n) => `${n}=${row[n]} `).join('');
    proc.stdout.write(`cpu=${String(cpu).padEnd(4)}\t${fields}\n`);
  }
  return 0;
}

function help(proc: Proc, a: CtArgs): number {
  proc.stdout.write(USAGE);
  if (a.protoExt && a.proto !== undefined)
    proc.stdout.write(`Proto \`${protoHelpTitle(a.protoExt, a.proto)}' help:\n${a.protoExt.help}`);
  return 0;
}

async function run(proc: Proc, a: CtArgs): Promise<number> {
  switch (a.command) {
    case null:
      proc.stdout.write(USAGE);
      return 0;
    case 'h':
      return help(proc, a);
    case 'V':
      proc.stdout.write(`${PROG}\n`);
      return 0;
    case 'L':
    case 'EXP_L':
      return list(proc, a);
    case 'D':
      return remove(proc, a);
    case 'G':
      return get(proc, a);
    case 'I':
    case 'A':
      return create(proc, a);
    case 'U':
      return update(proc, a);
    case 'E':
      checkMasks(a);
      return events(proc, a);
    case 'F':
      ctFlush(proc.netns, ctPortid(proc.netns));
      proc.stderr.write(`${PROG}: connection tracking table has been emptied.\n`);
      return 0;
    case 'EXP_F':
      proc.stderr.write(`${PROG}: expectation table has been emptied.\n`);
      return 0;
    case 'C':
      proc.stdout.write(`${ctCount(proc.netns)}\n`);
      return 0;
    case 'EXP_C':
      proc.stdout.write('0\n');
      return 0;
    case 'S':
    case 'EXP_S':
      return stats(proc, a);
    case 'EXP_E':
      return events(proc, a);
    default:
      return otherProblem(proc, `Operation failed: ${errText('EINVAL')}`);
  }
}

/**
 * stdio's stdout: a pipe or a file gets what printf wrote when the
 * program exits (full buffering), after everything it wrote to the
 * unbuffered stderr; -E flushes after each event itself.
 */
function buffered(proc: Proc): { proc: Proc; flush: () => void } {
  let pending = '';
  const stdout = { write: (text: string) => void (pending += text) };
  return {
    proc: { ...proc, stdout },
    flush: () => {
      if (pending) proc.stdout.write(pending);
      pending = '';
    },
  };
}

/** conntrack (conntrack-tools 1.4.7) on the namespace's table. */
export const conntrack: Command = async (real) => {
  let a: CtArgs;
  try {
    a = parseArgs(real.argv.slice(1), (w) => real.stderr.write(w));
  } catch (e) {
    if (e instanceof ParamError) return paramProblem(real, e.message);
    if (e instanceof OtherError) return otherProblem(real, e.message);
    throw e;
  }
  const events = a.command === 'E' || a.command === 'EXP_E';
  const out = events ? { proc: real, flush: () => {} } : buffered(real);
  try {
    return await run(out.proc, a);
  } catch (e) {
    if (e instanceof ParamError) return paramProblem(out.proc, e.message);
    if (e instanceof OtherError) return otherProblem(out.proc, e.message);
    throw e;
  } finally {
    out.flush();
  }
};
