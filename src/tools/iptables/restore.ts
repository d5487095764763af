import type { Command, Proc } from '../process.js';
import { readAll } from '../process.js';
import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import type { Rule, TableName } from '../../kernel/netfilter/types.js';
import { isTableName } from '../../kernel/netfilter/tables.js';
import { PARAMETER_PROBLEM, RESOURCE_PROBLEM, XtError } from './errors.js';
import { parseArgs } from './parse-args.js';
import { applyEdit, KernelReject } from './execute.js';
import { VERSION } from './main.js';

const PROG = 'iptables-restore';

/** iptables-restore's long options and their short letters. */
const RESTORE_LONG: Record<string, string> = {
  counters: 'c',
  verbose: 'v',
  version: 'V',
  test: 't',
  help: 'h',
  noflush: 'n',
  table: 'T',
  wait: 'w',
  'wait-interval': 'W',
};

/** Splits a rule line as iptables-restore does: whitespace, double quotes, backslash escapes. */
export function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length && quoted) {
      cur += line[++i];
    } else if (c === '"') {
      quoted = !quoted;
      has = true;
    } else if (/\s/.test(c) && !quoted) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (has || cur) out.push(cur);
  return out;
}

interface Options {
  counters: boolean;
  noflush: boolean;
  test: boolean;
  table?: string;
  file?: string;
}

class Fail extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(text);
  }
}

/** `iptables-restore [-c] [-n] [-t] [-T TABLE] [FILE]`: each COMMIT is one atomic transaction. */
export const iptablesRestore: Command = async (proc: Proc) => {
  const opts: Options = { counters: false, noflush: false, test: false };
  const usage = (msg: string) => {
    proc.stderr.write(`${PROG}: ${msg}\nTry \`${PROG} -h' for more information.\n`);
    return 1;
  };
  const args = proc.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let letter: string;
    let inline: string | undefined;
    if (a.startsWith('--') && a.length > 2) {
      // getopt_long: any unambiguous prefix of a long option name.
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const hits = Object.keys(RESTORE_LONG).filter((k) => k.startsWith(name));
      const exact = hits.find((k) => k === name);
      if (!exact && hits.length !== 1) return usage(`unrecognized option '${a}'`);
      const long = exact ?? hits[0];
      letter = RESTORE_LONG[long];
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (letter === 'T' && inline === undefined) {
        if (i + 1 >= args.length) return usage(`option '--${long}' requires an argument`);
        inline = args[++i];
      }
    } else if (a.startsWith('-') && a.length > 1) {
      let k = 1;
      for (; k < a.length; k++) {
        const c = a[k];
        if (!'cvVtnhT wW'.replace(' ', '').includes(c)) return usage(`invalid option -- '${c}'`);
        if (c === 'T') break;
        if (c === 'c') opts.counters = true;
        else if (c === 'n') opts.noflush = true;
        else if (c === 't') opts.test = true;
      }
      if (k === a.length) continue;
      letter = 'T';
      inline = a.slice(k + 1) || undefined;
      if (inline === undefined) {
        if (i + 1 >= args.length) return usage("option requires an argument -- 'T'");
        inline = args[++i];
      }
    } else {
      opts.file = a;
      continue;
    }
    if (letter === 'c') opts.counters = true;
    else if (letter === 'n') opts.noflush = true;
    else if (letter === 't') opts.test = true;
    else if (letter === 'T') opts.table = inline;
  }
  let text: string;
  if (opts.file !== undefined) {
    const content = proc.readFile(opts.file);
    if (content === null) {
      proc.stderr.write(`Can't open ${opts.file}: No such file or directory\n`);
      return 1;
    }
    text = content;
  } else text = await readAll(proc.stdin);
  try {
    restore(proc, text, opts);
    return 0;
  } catch (e) {
    if (e instanceof Fail) {
      proc.stderr.write(e.text);
      return e.status;
    }
    throw e;
  }
};

/** An error iptables-nft only reports when the batch is built (at COMMIT). */
const deferred: { missingChain: string | null } = { missingChain: null };

function restore(proc: Proc, text: string, opts: Options): void {
  const nf = proc.netns.netfilter;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let draft: TableDraft | null = null;
  let tableName: TableName | null = null;
  let skip = false;
  const origin = new Map<Rule, { line: number; op: string; chain: string }>();
  deferred.missingChain = null;
  for (let n = 1; n <= lines.length; n++) {
    const line = lines[n - 1].trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('*')) {
      if (draft) throw paramFail(`Bad argument \`${line}'`, n, true);
      const name = line.slice(1).trim();
      if (!isTableName(name)) throw paramFail(`${PROG}: line ${n} table name '${name}' invalid`, n);
      tableName = name;
      skip = opts.table !== undefined && opts.table !== name;
      draft = nf.begin(name);
      if (!opts.noflush) {
        for (const c of draft.userChains()) draft.flush(c);
        for (const h of ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'])
          if (draft.isBuiltin(h)) draft.flush(h);
        for (const c of draft.userChains()) draft.deleteChain(c);
        // The table is deleted and made anew: built-in chains come back with ACCEPT and zero counters.
        for (const h of ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'])
          if (draft.isBuiltin(h)) draft.resetBuiltin(h);
      }
      origin.clear();
      continue;
    }
    if (!draft || !tableName) throw new Fail(1, `${PROG}: line ${n} failed\n`);
    if (line === 'COMMIT') {
      // iptables-nft resolves jump targets when it builds the batch at COMMIT: that line is blamed.
      if (deferred.missingChain && !opts.test) throw paramFail(deferred.missingChain, n);
      if (!skip && !opts.test) commit(proc, draft, origin);
      draft = null;
      tableName = null;
      continue;
    }
    if (line.startsWith(':')) {
      chainLine(draft, line, n, opts);
      continue;
    }
    ruleLineApply(draft, tableName, line, n, opts, origin);
  }
  if (draft) throw new Fail(1, `${PROG}: COMMIT expected at line ${lines.length + 1}\n`);
}

function paramFail(msg: string, n: number, bare = false): Fail {
  return new Fail(
    PARAMETER_PROBLEM,
    `${bare ? '' : `${PROG} ${VERSION}: `}${msg}\nError occurred at line: ${n}\nTry \`${PROG} -h' or '${PROG} --help' for more information.\n`,
  );
}

function chainLine(draft: TableDraft, line: string, n: number, opts: Options): void {
  const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line);
  if (!m) throw new Fail(1, `${PROG}: line ${n} failed\n`);
  const [, name, policy, p, b] = m;
  // A policy on a user chain is ignored: the chain is just declared.
  if (policy === '-' || (!draft.isBuiltin(name) && (policy === 'ACCEPT' || policy === 'DROP'))) {
    if (draft.has(name)) draft.flush(name);
    else draft.newChain(name);
    return;
  }
  if (!draft.isBuiltin(name)) throw new Fail(1, `${PROG}: line ${n} failed: Bad built-in chain name.\n`);
  if (policy !== 'ACCEPT' && policy !== 'DROP')
    throw new Fail(1, `${PROG}: line ${n} failed: Bad policy name.\n`);
  const counters = opts.counters && p !== undefined ? { packets: BigInt(p), bytes: BigInt(b) } : undefined;
  draft.setPolicy(name, policy, counters);
}

function ruleLineApply(
  draft: TableDraft,
  table: TableName,
  line: string,
  n: number,
  opts: Options,
  origin: Map<Rule, { line: number; op: string; chain: string }>,
): void {
  let words = splitLine(line);
  let counters: [bigint, bigint] | undefined;
  const cm = /^\[(\d+):(\d+)\]$/.exec(words[0] ?? '');
  if (cm) {
    words = words.slice(1);
    if (opts.counters) counters = [BigInt(cm[1]), BigInt(cm[2])];
  }
  try {
    const cmd = parseArgs(['-t', table, ...words], (_t, c) => draft.has(c) && !draft.isBuiltin(c));
    if (counters && !cmd.counters) cmd.counters = counters;
    if (counters)
      for (const r of cmd.rules) Object.assign(r.counters, { packets: counters[0], bytes: counters[1] });
    const op = cmd.command === 'I' ? 'RULE_INSERT' : cmd.command === 'R' ? 'RULE_REPLACE' : 'RULE_APPEND';
    applyEdit(draft, cmd, (r) => origin.set(r, { line: n, op, chain: cmd.chain! }));
  } catch (e) {
    if (e instanceof XtError) {
      if (!e.plain && /^Chain '.*' does not exist$/.test(e.message)) {
        deferred.missingChain ??= e.message;
        return;
      }
      if (e.plain)
        throw new Fail(e.status, `${PROG}: line ${n} failed: ${e.message.replace(/^iptables: /, '')}\n`);
      throw paramFail(e.message, n, e.bare);
    }
    if (e instanceof KernelReject)
      throw new Fail(RESOURCE_PROBLEM, `${PROG} ${VERSION}: \nline ${n}: ${e.message}\n`);
    throw e;
  }
}

function commit(
  proc: Proc,
  draft: TableDraft,
  origin: Map<Rule, { line: number; op: string; chain: string }>,
): void {
  try {
    proc.netns.netfilter.commit(draft);
  } catch (e) {
    if (!(e instanceof NfError)) throw e;
    const o = e.rule ? origin.get(e.rule) : undefined;
    const where = o
      ? `line ${o.line}: ${o.op} failed (${e.message}): rule in chain ${o.chain}`
      : `${e.message}`;
    throw new Fail(RESOURCE_PROBLEM, `${PROG} ${VERSION}: \n${where}\n`);
  }
}
