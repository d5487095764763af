import type { Command, Proc } from '../process.js';
import { readChunks } from '../process.js';
import type { Netns } from '../../kernel/netns.js';
import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { keptTable } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import { replayBlame } from '../../kernel/netfilter/validate.js';
import type { Rule, TableName } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { isTableName } from '../../kernel/netfilter/tables.js';
import { PARAMETER_PROBLEM, RESOURCE_PROBLEM, XtError } from './errors.js';
import { decimal } from './modules/util.js';
import { parseArgs } from './parse-args.js';
import type { ParsedCommand } from './parse-args.js';
import { plainBytes, plainText, type JumpTo } from './fast-rule.js';
import { chainName, internedFastRule } from './fast-rule-intern.js';
import { applyEdit, KernelReject } from './execute.js';
import { restoreChunk, restoreInput } from './restore-chunks.js';
import { restoreBody } from './restore-memo.js';
import { noteTemplate, rebaseBody } from './restore-rebase.js';
import { noteTransition, shareBody } from './restore-share.js';
import type { Netfilter } from '../../kernel/netfilter/store.js';
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
  modprobe: 'M',
};

/** -w/-W take an optional value as the next word (anything not starting with `-` or `!`), as kube-proxy passes `-w 5 -W 100000`. */
const waitValue = (next: string | undefined) => next !== undefined && next[0] !== '-' && next[0] !== '!';

/** JavaScript's `\s`, by char code: the ASCII ones inline, the rest through the regex. */
const isSpace = (line: string, i: number): boolean => {
  const c = line.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(line[i]));
};

/** Splits a rule line as iptables-restore does: whitespace, double quotes, backslash escapes. */
export function splitLine(line: string, out: string[] = []): string[] {
  let i = 0;
  while (i < line.length) {
    if (isSpace(line, i)) {
      i++;
      continue;
    }
    // A plain word (nearly every one): printable ASCII up to a space, taken as one slice.
    let end = i;
    let c = line.charCodeAt(end);
    while (c > 32 && c < 127 && c !== 0x22) c = line.charCodeAt(++end);
    if (end === line.length || c === 32) {
      out.push(line.slice(i, end));
      i = end;
      continue;
    }
    // One word, taken as slices between quotes and escapes rather than char by char.
    let word = '';
    let quoted = false;
    let from = i;
    for (; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 0x22) {
        word += line.slice(from, i);
        quoted = !quoted;
        from = i + 1;
      } else if (c === 0x5c && quoted && i + 1 < line.length) {
        // The escaped character starts the next slice, whatever it is.
        word += line.slice(from, i);
        from = ++i;
      } else if (!quoted && isSpace(line, i)) break;
    }
    out.push(word + line.slice(from, i));
  }
  return out;
}

/** iptables-nft accepts -b (its long form is gone) and says it does nothing. */
const binaryNotice = (proc: Proc) => proc.stderr.write('-b/--binary option is not implemented\n');

interface Options {
  counters: boolean;
  noflush: boolean;
  test: boolean;
  /** -v, counted: each rule line gets as many -v (unless --noflush), and comments are echoed. */
  verbose: number;
  table?: string;
  file?: string;
}

class Fail extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
    /** Found as the batch is prepared (nft_prepare at COMMIT): what the lines before it printed is out. */
    readonly prepared = false,
  ) {
    super(text);
  }
}

/** `iptables-restore [-c] [-n] [-t] [-T TABLE] [FILE]`: each COMMIT is one atomic transaction. */
export const iptablesRestore: Command = async (proc: Proc) => {
  const opts: Options = { counters: false, noflush: false, test: false, verbose: 0 };
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
      if ((letter === 'T' || letter === 'M') && inline === undefined) {
        if (i + 1 >= args.length) return usage(`option '--${long}' requires an argument`);
        inline = args[++i];
      }
      if ((letter === 'w' || letter === 'W') && inline === undefined && waitValue(args[i + 1])) i++;
    } else if (a.startsWith('-') && a.length > 1) {
      let k = 1;
      for (; k < a.length; k++) {
        const c = a[k];
        if (!'cvVtnhTMwWb'.includes(c)) return usage(`invalid option -- '${c}'`);
        if (c === 'T' || c === 'M') break;
        if (c === 'c') opts.counters = true;
        else if (c === 'n') opts.noflush = true;
        else if (c === 't') opts.test = true;
        else if (c === 'b') binaryNotice(proc);
        else if (c === 'v') opts.verbose++;
        // A -w/-W ending its cluster takes the next word as its value when it looks like one.
        else if ((c === 'w' || c === 'W') && k === a.length - 1 && waitValue(args[i + 1])) i++;
      }
      if (k === a.length) continue;
      letter = a[k];
      inline = a.slice(k + 1) || undefined;
      if (inline === undefined) {
        if (i + 1 >= args.length) return usage(`option requires an argument -- '${letter}'`);
        inline = args[++i];
      }
    } else {
      opts.file = a;
      continue;
    }
    if (letter === 'c') opts.counters = true;
    else if (letter === 'n') opts.noflush = true;
    else if (letter === 't') opts.test = true;
    else if (letter === 'v') opts.verbose++;
    else if (letter === 'T') opts.table = inline;
  }
  let text: string | Buffer | readonly string[];
  if (opts.file !== undefined) {
    const content = proc.readFile(opts.file);
    if (content === null) {
      proc.stderr.write(`Can't open ${opts.file}: No such file or directory\n`);
      return 1;
    }
    text = content;
  } else text = proc.stdin.bytes?.() ?? restoreInput(await readChunks(proc.stdin));
  try {
    restore(proc, text, opts);
    return 0;
  } catch (e) {
    if (e instanceof Fail) {
      proc.stderr.write(e.text);
      return e.status;
    }
    throw e;
  } finally {
    // The end of the work, whatever it was: a bar on the terminal is erased before anything else is printed.
    proc.progress?.('iptables-restore', 1, 1);
  }
};

/**
 * An error iptables-nft only reports when the batch is built (at COMMIT),
 * and how much of the batch's -v output comes before it.
 */
const deferred: { missingChain: string | null; printed: number } = { missingChain: null, printed: 0 };

/** The index of the last of `at` (ascending, at[0] = 0) that is at most k. */
function lastAt(at: readonly number[], k: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (at[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Which line added each rule of the batch, so a rule the kernel blames at
 * COMMIT can be reported by its line. The rules in fixed chunks (a list of
 * 100k grown by copying would take its size several times over in fresh
 * memory), and the line, the chain and the edit only where they do not
 * follow from the entry before (a restore appends line after line to one
 * chain): a 100k-rule batch records cheaply, and the lookup happens only
 * on failure.
 */
class Origins {
  private chunks: Rule[][] = [];
  private size = 0;
  /** From rule lineAt[i] on (to the next), rule k came from line lines[i] + k - lineAt[i]. */
  private lineAt: number[] = [];
  private lines: number[] = [];
  /** From rules[chainAt[i]] on (to the next), the rules went to chains[i]. */
  private chainAt: number[] = [];
  private chains: string[] = [];
  /** Likewise, the edit that added them (RULE_APPEND nearly always). */
  private opAt: number[] = [];
  private ops: string[] = [];

  /** The line being applied, for `record`. */
  private line = 0;
  private op = '';
  private chain = '';

  /** Runs appended at once (restore-chunks.ts), at index `at`: spelled out only when blame needs them. */
  private runs: { at: number; rules: readonly Rule[]; line: number; chain: string }[] = [];

  add(rule: Rule, line: number, op: string, chain: string): void {
    const k = this.size++;
    const last = this.lineAt.length - 1;
    if (last < 0 || this.lines[last] + k - this.lineAt[last] !== line) {
      this.lineAt.push(k);
      this.lines.push(line);
    }
    if (chain !== this.chains[this.chains.length - 1]) {
      this.chainAt.push(k);
      this.chains.push(chain);
    }
    if (op !== this.ops[this.ops.length - 1]) {
      this.opAt.push(k);
      this.ops.push(op);
    }
    const chunk = this.chunks[this.chunks.length - 1];
    if (chunk !== undefined && chunk.length < ORIGIN_CHUNK) chunk.push(rule);
    else this.chunks.push([rule]);
  }

  /** `rules` appended to `chain` by consecutive lines from `line` on. */
  addRun(rules: readonly Rule[], line: number, chain: string): void {
    this.runs.push({ at: this.size, rules, line, chain });
  }

  private ruleAt(k: number): Rule {
    return this.chunks[Math.floor(k / ORIGIN_CHUNK)][k % ORIGIN_CHUNK];
  }

  private lineOf(k: number): number {
    const i = lastAt(this.lineAt, k);
    return this.lines[i] + k - this.lineAt[i];
  }

  private expand(): void {
    if (this.runs.length === 0) return;
    // What was recorded, read again in order with the runs spelled out among it.
    const was = Object.assign(new Origins(), this);
    this.clear();
    let k = 0;
    const upTo = (end: number) => {
      for (; k < end; k++)
        this.add(
          was.ruleAt(k),
          was.lineOf(k),
          was.ops[lastAt(was.opAt, k)],
          was.chains[lastAt(was.chainAt, k)],
        );
    };
    for (const run of was.runs) {
      upTo(run.at);
      run.rules.forEach((rule, i) => this.add(rule, run.line + i, 'RULE_APPEND', run.chain));
    }
    upTo(was.size);
  }

  /** Sets what `record` notes next: one callback for the whole batch rather than one per line. */
  at(line: number, op: string, chain: string): void {
    this.line = line;
    this.op = op;
    this.chain = chain;
  }

  readonly record = (rule: Rule): void => this.add(rule, this.line, this.op, this.chain);

  clear(): void {
    this.chunks = [];
    this.size = 0;
    this.lineAt = [];
    this.lines = [];
    this.chainAt = [];
    this.chains = [];
    this.opAt = [];
    this.ops = [];
    this.runs = [];
  }

  /** The rules the batch added, in order. */
  added(): readonly Rule[] {
    this.expand();
    return this.chunks.flat();
  }

  find(rule: Rule): { line: number; op: string; chain: string } | undefined {
    this.expand();
    let k = this.size - 1;
    while (k >= 0 && this.ruleAt(k) !== rule) k--;
    if (k < 0) return undefined;
    return {
      line: this.lineOf(k),
      op: this.ops[lastAt(this.opAt, k)],
      chain: this.chains[lastAt(this.chainAt, k)],
    };
  }
}

/** Rules per chunk of Origins (32 KB of slots: never in the large-object space). */
const ORIGIN_CHUNK = 4096;

/** One table block being read: its transaction and how rule lines see its chains. */
interface Block {
  readonly name: TableName;
  readonly draft: TableDraft;
  readonly skip: boolean;
  readonly isChain: (table: string, chain: string) => boolean;
  /** The text is plain (fast-rule's plainText) and not printed (-v): its `-A` lines may take the fast path. */
  readonly fast: boolean;
  /** Its lines are strings of their own, not slices of the whole input (see restore). */
  readonly own: boolean;
  /** `-j CHAIN`'s verdict, the draft's own for the chain (TableDraft.jumpVerdict). */
  readonly jumpTo: JumpTo;
  /** Its body was read and committed whole by the memo (restore-memo.ts): its COMMIT line is all that is left. */
  readonly committed?: boolean;
}

/** A table block opened: its transaction on the namespace's table. */
function openBlock(nf: Netfilter, name: TableName, skip: boolean, fast: boolean, own: boolean): Block {
  const draft = nf.begin(name);
  return {
    name,
    draft,
    skip,
    isChain: (_t, c) => draft.isUser(c),
    jumpTo: (c) => draft.jumpVerdict(c),
    fast,
    own,
  };
}

/**
 * The chunks from texts[t] on as the body of the block just opened, read
 * and committed at once when the world has read that body before
 * (restore-memo.ts). Null when the memo does not take it, 'spoilt' when
 * its application failed (the block starts again, line by line, and says
 * what is wrong as it always has).
 */
function memoBody(
  proc: Proc,
  block: Block,
  texts: readonly string[],
  t: number,
  opts: Options,
): { next: number; lines: number } | null | 'spoilt' {
  if (!opts.noflush || opts.test || opts.verbose > 0 || block.skip) return null;
  const nf = proc.netns.netfilter;
  const before = nf.view(block.name);
  // What another namespace made of this very table, else of one like it (restore-share.ts, restore-rebase.ts).
  const rebased = shareBody(block, texts, t, proc.netns) ?? rebaseBody(block, texts, t, proc.netns);
  const memo = rebased === null ? restoreBody(block, texts, t, proc.netns) : null;
  const read = rebased ?? memo;
  if (read === null || read === 'spoilt') return read;
  try {
    const after = nf.commit(block.draft, 'iptables-restore');
    if (memo !== null && memo !== 'spoilt') {
      // Kept apart from the live table, whose map the packet path may change (draft.ts keptTable).
      const kept = keptTable(after);
      // A body read in full: the template of later ones much like it (restore-rebase.ts), and
      // what it made of this table, for the namespaces holding the same (restore-share.ts).
      noteTemplate(block, texts, t, before, kept, proc.netns);
      noteTransition(block.draft, memo.body, before, kept, proc.netns);
    }
  } catch (e) {
    if (e instanceof NfError) return 'spoilt';
    throw e;
  }
  return read;
}

/**
 * Node's Buffer with the method `toString('latin1', start, end)` ends in,
 * called directly: a 100k-line restore reads each line with it, and the
 * checks and dispatch of toString cost more than the copy.
 */
type Latin1Buffer = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * `input`: the text, a pipe's writes (chunks), or the bytes of an ASCII
 * file (a `<` redirect), which are read without being decoded as a whole.
 */
function restore(proc: Proc, input: string | Buffer | readonly string[], opts: Options): void {
  const nf = proc.netns.netfilter;
  let block: Block | null = null;
  const origin = new Origins();
  const record = {
    add: (rule: Rule, line: number, chain: string) => origin.add(rule, line, 'RULE_APPEND', chain),
    addRun: (rules: readonly Rule[], line: number, chain: string) => origin.addRun(rules, line, chain),
  };
  deferred.missingChain = null;
  // What the batch being read prints with -v: iptables-nft prints as it prepares the batch, at COMMIT.
  const printed: string[] = [];
  const say = (t: string) => void printed.push(t);
  const warn = (t: string) => proc.stderr.write(t);
  const emit = (upTo = printed.length) => {
    proc.stdout.write(printed.slice(0, upTo).join(''));
    printed.length = 0;
  };
  /** A line's failure: one found while preparing comes after the output of the lines before it. */
  const failing = (e: unknown): unknown => {
    if (e instanceof Fail && e.prepared) emit();
    printed.length = 0;
    return e;
  };
  // A chain name read from a plain text's bytes is a string of its own (see chainName).
  const keepOwn = (name: string) => chainName(name, true, proc.netns);
  // Line by line without splitting the text first: a 100k-rule dump need not be held twice.
  let n = 0;
  // A pipe's writes, null for one text (a file, a here-doc).
  const chunks = typeof input === 'string' || Buffer.isBuffer(input) ? null : (input as readonly string[]);
  const texts: readonly (string | Buffer)[] = chunks ?? [input as string | Buffer];
  // How far the input is read, for a progress bar on the user's terminal (large rulesets take seconds).
  const total = proc.progress ? texts.reduce((sum, t) => sum + t.length, 0) : 0;
  let before = 0;
  let last = 0;
  // A pipe's writes, each read as it comes: one read before is not read line by line again (restore-chunks.ts).
  // A block whose first line is yet to come (its body may be one the world has read: restore-memo.ts).
  let fresh = false;
  for (let t = 0; t < texts.length; t++) {
    const chunk = texts[t];
    const size = chunk.length;
    before += last;
    last = size;
    let from = 0;

    if (fresh && block !== null && chunks !== null) {
      fresh = false;
      const open: Block = block;
      const read = memoBody(proc, open, chunks, t, opts);
      if (read === 'spoilt') block = openBlock(nf, open.name, open.skip, open.fast, open.own);
      else if (read !== null) {
        block = { ...open, committed: true };
        n += read.lines;
        // The body's chunks count as read for the progress bar.
        for (let k = t + 1; k < read.next; k++) before += texts[k].length;
        t = read.next - 1;
        continue;
      }
    }
    if (block !== null && opts.verbose === 0 && typeof chunk === 'string') {
      const taken = restoreChunk(block, chunk, n, proc.netns, record);
      n += taken.lines;
      from = taken.end;
      if (from === size) continue;
    }
    // A plain text is ASCII: it is read from its bytes, each line as a string
    // of its own. A slice of the text would keep the whole input alive through
    // whatever a rule or chain keeps of its line (the rule intern keeps the
    // line itself), and copying each slice costs more than reading it so.
    // Any other text is read as a string, by the general path.
    let bytes: Latin1Buffer | null = null;
    let text = '';
    if (typeof chunk === 'string') {
      if (plainText(chunk)) bytes = Buffer.from(chunk, 'latin1') as Latin1Buffer;
      else text = chunk;
    } else if (plainBytes(chunk)) bytes = chunk as Latin1Buffer;
    else text = chunk.toString('latin1');
    // -v sends every line through the general path, which prints.
    const fast = opts.verbose === 0 && bytes !== null;
    // The chunk's own reading: its lines take the fast path when it is plain.
    const open = block as Block | null;
    if (open !== null) block = { ...open, fast, own: bytes !== null };
    for (; from < size;) {
      let end = bytes !== null ? bytes.indexOf(10, from) : text.indexOf('\n', from);
      if (end < 0) end = size;
      // A comment starts the line (an indented `#` is a word); with -v it is echoed as read.
      const comment = (bytes !== null ? bytes[from] : text.charCodeAt(from)) === 0x23; /* # */
      if (comment && opts.verbose > 0)
        proc.stdout.write(
          bytes !== null ? bytes.latin1Slice(from, Math.min(end + 1, size)) : text.slice(from, end + 1),
        );
      let line: string;
      // The name a `:NAME - [0:0]` line declares, read from the bytes without the line (see plainDeclare).
      let declared: string | null = null;
      if (bytes !== null) {
        // The only blank of a plain text's line is a space.
        let s = from;
        let e = end;
        while (s < e && bytes[s] === 32) s++;
        while (e > s && bytes[e - 1] === 32) e--;
        if (block?.fast && plainDeclare(bytes, s, e)) {
          declared = bytes.latin1Slice(s + 1, e - 8);
          line = ':';
        } else line = comment || s === e ? '' : bytes.latin1Slice(s, e);
      } else line = text.slice(from, end).trim();
      from = end + 1;
      n++;
      if ((n & 0x3fff) === 0) proc.progress?.('iptables-restore', before + from, total);
      const first = line.charCodeAt(0);
      if (line === '' || comment) continue;
      if (first === 0x2a /* * */) {
        if (block) throw paramFail(`Bad argument \`${line}'`, n, true);
        const name = line.slice(1).trim();
        if (!isTableName(name)) throw paramFail(`${PROG}: line ${n} table name '${name}' invalid`, n);
        const skip = opts.table !== undefined && opts.table !== name;
        block = openBlock(nf, name, skip, fast, bytes !== null);
        if (!opts.noflush) flushTable(block.draft, opts.verbose > 0 && !skip ? say : undefined);
        origin.clear();
        fresh = from === size && chunks !== null;
        continue;
      }
      if (!block) throw new Fail(1, `${PROG}: line ${n} failed\n`);
      if (line === 'COMMIT') {
        // Committed as its body was read (restore-memo.ts): nothing came between.
        if (block.committed) {
          block = null;
          continue;
        }
        // iptables-nft resolves jump targets when it builds the batch at COMMIT: that line is blamed.
        if (deferred.missingChain && !opts.test) {
          emit(deferred.printed);
          throw paramFail(deferred.missingChain, n);
        }
        // --test aborts the batch instead: nothing is prepared, nothing printed.
        if (opts.test || block.skip) printed.length = 0;
        else {
          emit();
          commit(proc, block.draft, origin);
        }
        block = null;
        continue;
      }
      try {
        if (declared !== null) block.draft.declare(declared, keepOwn);
        else if (first === 0x3a /* : */) chainLine(block, line, n, opts, proc.netns);
        else
          ruleLineApply(
            block,
            line,
            n,
            opts,
            origin,
            proc.netns,
            verboseLines(block, opts),
            say,
            printed.length,
            warn,
          );
      } catch (e) {
        throw failing(e);
      }
    }
  }
  if (block) throw new Fail(1, `${PROG}: COMMIT expected at line ${n + 1}\n`);
}

/** How many -v iptables-restore adds to the block's rule lines: its own count, but none with --noflush. */
const verboseLines = (block: Block, opts: Options): number => (block.skip || opts.noflush ? 0 : opts.verbose);

/**
 * Without --noflush the table is deleted and made anew: no user chain, no
 * built-in until a line makes it, handles from 1. With -v, iptables-nft
 * flushes it as `-F -v` and `-X -v` would instead (nft_cmd_table_flush),
 * printing each chain, and the table stays.
 */
function flushTable(draft: TableDraft, say?: (text: string) => void): void {
  if (!say) {
    draft.recreate();
    return;
  }
  const cmd: ParsedCommand = {
    command: 'F',
    table: draft.tableName,
    rules: [],
    numeric: false,
    verbose: true,
    exact: false,
    lineNumbers: false,
  };
  applyEdit(draft, cmd, undefined, true, say);
  applyEdit(draft, { ...cmd, command: 'X' }, undefined, true, say);
}

function paramFail(msg: string, n: number, bare = false): Fail {
  return new Fail(
    PARAMETER_PROBLEM,
    `${bare ? '' : `${PROG} ${VERSION}: `}${msg}\nError occurred at line: ${n}\nTry \`${PROG} -h' or '${PROG} --help' for more information.\n`,
  );
}

/**
 * `:NAME POLICY [P:B]` of a plain text (fast-rule's plainText: no
 * whitespace but single spaces) split at its spaces, when that is all the
 * line is (nearly always); null otherwise.
 */
function plainChainLine(line: string): string[] | null {
  const sp = line.indexOf(' ');
  const sp2 = sp < 0 ? -1 : line.indexOf(' ', sp + 1);
  if (sp < 2 || sp2 <= sp + 1 || line.indexOf(' ', sp2 + 1) >= 0) return null;
  const colon = line.indexOf(':', sp2);
  if (line.charCodeAt(sp2 + 1) !== 0x5b || colon < 0 || line.charCodeAt(line.length - 1) !== 0x5d)
    return null;
  const p = line.slice(sp2 + 2, colon);
  const b = line.slice(colon + 1, -1);
  if (decimal(p) < 0 || decimal(b) < 0) return null;
  return [line.slice(1, sp), line.slice(sp + 1, sp2), p, b];
}

/**
 * Whether bytes[s, e), a trimmed line of a plain text, is `:NAME - [0:0]`
 * as chainLine reads it on the fast path (iptables-save declares every
 * user chain so, a kube-proxy dump tens of thousands): the line itself is
 * then never made, only the name.
 */
function plainDeclare(bytes: Buffer, s: number, e: number): boolean {
  return (
    e - s > 9 &&
    bytes[s] === 0x3a /* : */ &&
    bytes[e - 8] === 32 &&
    bytes[e - 7] === 0x2d /* - */ &&
    bytes[e - 6] === 32 &&
    bytes[e - 5] === 0x5b /* [ */ &&
    bytes[e - 4] === 0x30 /* 0 */ &&
    bytes[e - 3] === 0x3a /* : */ &&
    bytes[e - 2] === 0x30 /* 0 */ &&
    bytes[e - 1] === 0x5d /* ] */ &&
    // The name holds no space (memchr: these lines come first, before this code is optimized).
    bytes.indexOf(32, s + 1) === e - 8
  );
}

function chainLine(block: Block, line: string, n: number, opts: Options, netns: Netns): void {
  const draft = block.draft;
  // `:NAME - [0:0]`, as iptables-save declares every user chain (a kube-proxy
  // dump has tens of thousands): what the general reading below makes of it.
  if (block.fast && line.endsWith(' - [0:0]') && line.indexOf(' ') === line.length - 8 && line.length > 9) {
    draft.declare(line.slice(1, -8), (name) => chainName(name, block.own, netns));
    return;
  }
  const m =
    (block.fast ? plainChainLine(line) : null) ??
    /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line)?.slice(1);
  if (!m) throw new Fail(1, `${PROG}: line ${n} failed\n`);
  const [name, policy, p, b] = m;
  // A policy on a user chain is ignored: the chain is just declared.
  if (policy === '-' || (!draft.isBuiltin(name) && (policy === 'ACCEPT' || policy === 'DROP'))) {
    draft.declare(name, (n) => chainName(n, block.own, netns));
    return;
  }
  if (!draft.isBuiltin(name)) throw new Fail(1, `${PROG}: line ${n} failed: Bad built-in chain name.\n`);
  if (policy !== 'ACCEPT' && policy !== 'DROP')
    throw new Fail(1, `${PROG}: line ${n} failed: Bad policy name.\n`);
  const counters = opts.counters && p !== undefined ? newCounters(BigInt(p), BigInt(b)) : undefined;
  draft.setPolicy(name, policy, counters);
}

const OPS: Partial<Record<string, string>> = { I: 'RULE_INSERT', R: 'RULE_REPLACE' };

/**
 * One rule line, as iptables-restore hands it to do_parse: `-t TABLE`,
 * then `verbose` times -v, then its words. What it prints goes to `say`;
 * `printed` counts what the batch printed before it. `warn` gets what
 * do_parse warns of on stderr and goes on (`--nflog-range`).
 */
function ruleLineApply(
  block: Block,
  line: string,
  n: number,
  opts: Options,
  origin: Origins,
  netns: Netns,
  verbose = 0,
  say?: (text: string) => void,
  printed = 0,
  warn?: (text: string) => void,
): void {
  if (block.fast && line.charCodeAt(0) === 0x2d /* - */ && fastAppend(block, line, n, origin, netns)) return;
  const words = ['-t', block.name];
  for (let k = 0; k < verbose; k++) words.push('-v');
  const at = words.length;
  splitLine(line, words);
  let counters: [bigint, bigint] | undefined;
  const cm = line.charCodeAt(0) === 0x5b /* [ */ ? /^\[(\d+):(\d+)\]$/.exec(words[at]) : null;
  if (cm) {
    words.splice(at, 1);
    if (opts.counters) counters = [BigInt(cm[1]), BigInt(cm[2])];
  }
  try {
    const cmd = parseArgs(words, block.isChain, warn, netns);
    if (counters && !cmd.counters) cmd.counters = counters;
    if (counters) for (const r of cmd.rules) r.counters.set(counters[0], counters[1]);
    origin.at(n, OPS[cmd.command ?? ''] ?? 'RULE_APPEND', cmd.chain!);
    applyEdit(block.draft, cmd, origin.record, true, say);
  } catch (e) {
    if (e instanceof XtError) {
      if (!e.plain && /^Chain '.*' does not exist$/.test(e.message)) {
        if (deferred.missingChain === null) {
          deferred.missingChain = e.message;
          deferred.printed = printed;
        }
        return;
      }
      if (e.plain)
        throw new Fail(
          e.status,
          `${PROG}: line ${n} failed: ${e.message.replace(/^iptables: /, '')}\n`,
          true,
        );
      throw paramFail(e.message, n, e.bare);
    }
    if (e instanceof KernelReject)
      throw new Fail(RESOURCE_PROBLEM, `${PROG} ${VERSION}: \nline ${n}: ${e.message}\n`, true);
    throw e;
  }
}

/**
 * A line of the common `-A CHAIN RULE` shape, parsed and appended without
 * the general path (parse-args, applyEdit). False, having changed nothing,
 * for any other line and for any the general path would report: it then
 * reads the line again and says what is wrong, as iptables-restore would.
 */
function fastAppend(block: Block, line: string, n: number, origin: Origins, netns: Netns): boolean {
  const fast = internedFastRule(line, block.name, block.isChain, netns, block.own, block.jumpTo);
  if (!fast) return false;
  // A missing chain fails the append with ENOENT: the general path then says `No chain/target/match`.
  try {
    block.draft.append(fast.chain, fast.rule);
  } catch (e) {
    if (e instanceof NfError) return false;
    throw e;
  }
  origin.add(fast.rule, n, 'RULE_APPEND', fast.chain);
  return true;
}

function commit(proc: Proc, draft: TableDraft, origin: Origins): void {
  try {
    proc.netns.netfilter.commit(draft, 'iptables-restore');
  } catch (e) {
    if (!(e instanceof NfError)) throw e;
    // The kernel replays a batch that fails validation and answers each rule message of the replay.
    const replayed = e.table ? replayBlame(e.table, origin.added()) : [];
    const blamed: readonly { rule: Rule | null; error: NfError }[] =
      replayed.length > 0 ? replayed : [{ rule: e.rule, error: e }];
    const where = blamed.map(({ rule, error }) => {
      const o = rule ? origin.find(rule) : undefined;
      return o
        ? `line ${o.line}: ${o.op} failed (${error.message}): rule in chain ${o.chain}\n`
        : `${error.message}\n`;
    });
    throw new Fail(RESOURCE_PROBLEM, `${PROG} ${VERSION}: \n${where.join('')}`);
  }
}
