import { isAscii } from 'node:buffer';
import type { Netns } from '../../kernel/netns.js';
import type {
  AddrMatch,
  Counters,
  Rule,
  TableName,
  Verdict,
  XtModule,
} from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { flat, statelessMatch } from '../../kernel/netfilter/intern.js';
import { XtError } from './errors.js';
import { findMatch, findTarget } from './modules/index.js';
import type { ExtSpec, OptSpec, ParseCtx } from './modules/spec.js';
import { xtFlagsReset } from './modules/util.js';
import { parseProto } from './names.js';
import type { ChainExists, Loaded } from './parse-args.js';
import {
  extFinal,
  extParse,
  freeze,
  freezeMatches,
  isNative,
  isBaseLong,
  loadExt,
  NO_VERDICT,
  plainAddr,
  standardVerdict,
} from './parse-args.js';

/** A restore line read by the fast path: `-A CHAIN` and its one rule. */
export interface FastRule {
  readonly chain: string;
  readonly rule: Rule;
}

/**
 * Whether a restore's text is ASCII without backslashes or blanks but
 * spaces and newlines: then its words split at single spaces and at
 * "quotes" alone (one scan of the text instead of a test per character of
 * every word), and its lines need trimming of spaces only. Other control
 * characters are word characters to the general path too (splitLine).
 * Other texts take the general path.
 */
export const plainText = (text: string): boolean => !/[\t\v\f\r\\\u0080-\uffff]/.test(text);

/**
 * plainText of the text these bytes are, one character per byte: each
 * byte it refuses found by memchr, after SIMD's ASCII check (a file's 11 MB
 * in ~3 ms; the regex on its string takes ~13, after ~6 to decode it).
 */
export const plainBytes = (bytes: Buffer): boolean =>
  isAscii(bytes) &&
  bytes.indexOf(0x5c /* \\ */) < 0 &&
  bytes.indexOf(9) < 0 &&
  bytes.indexOf(0x0b) < 0 &&
  bytes.indexOf(0x0c) < 0 &&
  bytes.indexOf(0x0d) < 0;

/**
 * The words of one line of a plain text, read in place: words between
 * spaces, and "quoted" ones standing alone; a quote inside a word is left
 * to the general path.
 */
class Words {
  private line = '';
  private pos = 0;
  /** The next quote at or after `pos`, or -1. */
  private quote = -1;

  /** Starts on a new line at `pos` (one reader serves every line: nothing per line to collect). */
  reset(line: string, pos = 0): void {
    this.line = line;
    this.pos = pos;
    this.quote = line.indexOf('"');
  }

  /** Goes on from `pos` (a word's start) of the same line. */
  seek(pos: number): void {
    this.pos = pos;
    this.quote = this.line.indexOf('"', pos);
  }

  /** Where the word `span` found is in the line: [start, end), quotes left out. */
  start = 0;
  end = 0;

  /**
   * Finds the next word without making it a string (most words are only
   * compared, as `-m` or `--dport`): 1, its place in start and end; 0 at the
   * end of the line; -1 when it is not simple.
   */
  span(): number {
    const line = this.line;
    let i = this.pos;
    while (line.charCodeAt(i) === 32) i++;
    if (i >= line.length) return 0;
    if (i === this.quote) {
      const close = line.indexOf('"', i + 1);
      if (close < 0) return -1;
      this.start = i + 1;
      this.end = close;
      this.pos = close + 1;
      this.quote = line.indexOf('"', close + 1);
    } else {
      let end = line.indexOf(' ', i);
      if (end < 0) end = line.length;
      if (this.quote >= 0 && this.quote < end) return -1;
      this.start = i;
      this.end = end;
      this.pos = end;
    }
    return this.pos < line.length && line.charCodeAt(this.pos) !== 32 ? -1 : 1;
  }

  /** The next word; undefined at the end of the line; null when it is not simple. */
  next(): string | null | undefined {
    const found = this.span();
    return found > 0 ? this.line.slice(this.start, this.end) : found === 0 ? undefined : null;
  }
}

const words = new Words();

/** An extension's options as `--NAME` words, without the ones getopt gives to a base option of that name. */
interface OptWord {
  readonly word: string;
  readonly name: string;
  readonly spec: OptSpec;
}

const optWords = new Map<ExtSpec, readonly OptWord[]>();

function optionWords(spec: ExtSpec): readonly OptWord[] {
  let words = optWords.get(spec);
  if (!words) {
    words = Object.entries(spec.options)
      .filter(([name]) => !isBaseLong(name))
      .map(([name, o]) => ({ word: `--${name}`, name, spec: o }));
    optWords.set(spec, words);
  }
  return words;
}

/**
 * The common shape of a restore line, as iptables-save and kube-proxy
 * write it: `-A CHAIN [[!] -s ADDR] [[!] -d ADDR] [[!] -p PROTO]
 * [-m MATCH [[!] --OPT [ARG]]...]... [-j TARGET [[!] --OPT [ARG]]...]`,
 * options by their exact names. Parsed here without do_parse's general
 * machinery (argv, getopt abbreviations, per-word dispatch), through the
 * same extension parsers and final checks, into the same Rule that
 * parseArgs builds from the line.
 *
 * Null for any other line, and for any line parseArgs would refuse or
 * warn about: the caller then hands the line to parseArgs, which reports
 * it exactly (nothing here has side effects but the extension data it
 * makes). `line` is a trimmed line of a plain text (plainText), the only
 * kind this reads words of; `chainExists` answers for `-j CHAIN` as for
 * parseArgs. The rule's counters are `counters` (zero ones of its own by
 * default). `jumpTo`, when given, is the verdict of `-j CHAIN` (undefined
 * where chainExists is false): the draft's own (TableDraft.jumpVerdict).
 */
export function parseFastRule(
  line: string,
  table: TableName,
  chainExists: ChainExists,
  netns: Netns | undefined,
  counters?: Counters,
  jumpTo?: JumpTo,
): FastRule | null {
  try {
    return fastRule(line, table, chainExists, netns, counters, jumpTo);
  } catch (e) {
    // An extension refused an option or the rule, or would warn: parseArgs says how.
    if (e instanceof XtError || e === WOULD_WARN) return null;
    throw e;
  }
}

/** Thrown by an extension's warning here: a line iptables warns about is parseArgs's to read. */
const WOULD_WARN = Symbol('would warn');
const wouldWarn = (): never => {
  throw WOULD_WARN;
};

/** The ParseCtx of the line being read: one object for every line (the parsers read it; none keeps it). */
const lineCtx: {
  proto: number;
  protoInvert: boolean;
  netns: Netns | undefined;
  warn: (text: string) => void;
} = {
  proto: 0,
  protoInvert: false,
  netns: undefined,
  warn: wouldWarn,
};

function ctxFor(proto: number, protoInvert: boolean, netns: Netns | undefined): ParseCtx {
  lineCtx.proto = proto;
  lineCtx.protoInvert = protoInvert;
  lineCtx.netns = netns;
  return lineCtx;
}

/** The verdict of `-j CHAIN` to a user chain, undefined for a name that is none. */
export type JumpTo = (chain: string) => Verdict | undefined;

function fastRule(
  line: string,
  table: TableName,
  chainExists: ChainExists,
  netns: Netns | undefined,
  counters: Counters | undefined,
  jumpTo: JumpTo | undefined,
): FastRule | null {
  // `-A ` read in place: the line is trimmed, so its first word starts it.
  if (line.charCodeAt(0) !== 0x2d || line.charCodeAt(1) !== 0x41 /* -A */ || line.charCodeAt(2) !== 32)
    return null;
  words.reset(line, 2);
  let chain = words.next();
  if (chain == null || chain === '' || chain.length >= 29 || chain[0] === '-' || chain[0] === '!')
    return null;
  // Consecutive lines mostly name the same chain: one string for all of them, the
  // draft's own for a user chain (a slice of this line would keep the line alive
  // as long as the batch keeps the name, for its blame: restore.ts Origins).
  if (sameWord(chain, lastChain)) chain = lastChain;
  else {
    const own = jumpTo?.(chain);
    lastChain = chain = own !== undefined && own.kind === 'jump' ? own.chain : chain;
  }
  xtFlagsReset();
  let src: string | undefined;
  let dst: string | undefined;
  let srcInv = false;
  let dstInv = false;
  let proto: number | undefined;
  let protoInvert = false;
  let jump: string | undefined;
  let target: Loaded | null = null;
  // One list for every line, its first `count` entries this line's (a list per line would be garbage at once).
  const matches = loadedMatches;
  let count = 0;
  let ctx: ParseCtx | null = null;
  let invert = false;
  // The matches' words, from the first `-m` to `-j` (see sharedMatches): whether they alone made the matches.
  let matchesFrom = -1;
  let jumpAt = -1;
  let matchesByText = true;
  // -s or -d among those words: then they are not the matches alone, and are not kept by their text.
  let baseInMatches = false;
  // The matches an earlier line read from the same words (see the -m case).
  let preShared: readonly XtModule[] | undefined;
  for (;;) {
    const found = words.span();
    if (found === 0) break;
    if (found < 0) return null;
    // The word is read in place; only arguments become strings.
    const at = words.start;
    const length = words.end - at;
    if (length < 2 || line.charCodeAt(at) !== 0x2d /* - */) {
      if (length !== 1 || line.charCodeAt(at) !== 0x21 /* ! */ || invert) return null;
      invert = true;
      continue;
    }
    if (length === 2) {
      const letter = line.charCodeAt(at + 1);
      if (letter === 0x6d /* m */) {
        // The name is looked up where it stands in the line (most are one of the few the lines before named).
        // A match after those an earlier line's words gave: this line's are not that line's.
        if (words.span() <= 0 || preShared !== undefined) return null;
        const spec = invert ? undefined : recentMatches.find(line, words.start, words.end);
        if (!spec) return null;
        if (matchesFrom < 0 && jump === undefined && spec.name !== 'comment' && !protoInvert) {
          // Words an earlier line had from here to its `-j`, for the same protocol: its matches, not parsed again.
          const j = line.indexOf(' -j ', at);
          const known = j < 0 ? undefined : sharedMatches.get(proto ?? 0)?.get(line.slice(at, j + 1));
          if (known !== undefined) {
            preShared = known;
            matchesFrom = at;
            words.seek(j + 1);
            continue;
          }
        }
        if (matchesFrom < 0) matchesFrom = at;
        if (jump !== undefined) matchesByText = false;
        matchWords[count] = optionWords(spec);
        matches[count] = reload(matches[count], spec);
        optioned[count] = false;
        count++;
        continue;
      }
      const arg = words.next();
      if (arg == null) return null;
      switch (letter) {
        case 0x73 /* s */:
          if (src !== undefined) return null;
          if (matchesFrom >= 0 && jump === undefined) baseInMatches = true;
          src = arg;
          srcInv = invert;
          break;
        case 0x64 /* d */:
          if (dst !== undefined) return null;
          if (matchesFrom >= 0 && jump === undefined) baseInMatches = true;
          dst = arg;
          dstInv = invert;
          break;
        case 0x70 /* p */: {
          // Matches taken as an earlier line's were that line's for the protocol before this one.
          if (proto !== undefined || preShared !== undefined) return null;
          const p = protoOf(arg);
          if (p === undefined || (p === 0 && invert)) return null;
          // The matches parsed before were given another protocol.
          if (matchesFrom >= 0) matchesByText = false;
          proto = p;
          protoInvert = invert;
          ctx = null;
          break;
        }
        case 0x6a /* j */: {
          // checkTargetName's refusals; the only blank a plain text's word can hold is a space.
          if (invert || jump !== undefined || arg === '' || arg.length >= 29 || arg.includes(' '))
            return null;
          jump = arg;
          jumpAt = at;
          const spec = recentTargets.find(jump, 0, jump.length);
          if (spec) {
            target = loadedTarget = reload(loadedTarget, spec);
            targetWords = optionWords(spec);
          }
          break;
        }
        default:
          return null;
      }
      invert = false;
      continue;
    }
    // `--NAME`: an option of a loaded extension, matches first (getopt_long's merged table).
    let owner = optionOf(matches, count, line, at, length);
    if (owner !== undefined) {
      optioned[hitMatch] = true;
      // A match's option after -j: its words are not all between -m and -j.
      if (jump !== undefined) matchesByText = false;
    } else if (target && optionOf1(targetWords, line, at, length)) owner = target;
    if (!owner) return null;
    const opt = hitOpt!;
    let arg = '';
    if (opt.spec.arg) {
      const next = opt.spec.arg2 ? null : words.next();
      if (next == null) return null;
      arg = next;
    }
    extParse(owner, opt.name, arg, invert, (ctx ??= ctxFor(proto ?? 0, protoInvert, netns)));
    invert = false;
  }
  if (invert) return null;
  if (table === 'nat' && jump === 'DROP') return null;
  ctx ??= ctxFor(proto ?? 0, protoInvert, netns);
  // Matches read from the same words as an earlier line's, for the same protocol, are that line's.
  let byText: Map<string, readonly XtModule[]> | undefined;
  let matchText = '';
  let shared = preShared;
  if (
    shared === undefined &&
    count > 0 &&
    matchesByText &&
    !baseInMatches &&
    !protoInvert &&
    statelessMatches(matches, count)
  ) {
    matchText = line.slice(matchesFrom, jumpAt < 0 ? line.length : jumpAt);
    byText = sharedMatches.get(proto ?? 0);
    if (byText === undefined) sharedMatches.set(proto ?? 0, (byText = new Map()));
    shared = byText.get(matchText);
  }
  // Shared ones passed these checks on the line that made them.
  // A bare match made before for this protocol passed these checks then (see bareMatch).
  if (shared === undefined)
    for (let k = 0; k < count; k++)
      if (bareMatch(k, proto ?? 0, protoInvert) === undefined) extFinal(matches[k], ctx);
  if (target) extFinal(target, ctx);
  const s = lastSrc.read(src, srcInv);
  const d = lastDst.read(dst, dstInv);
  if (s === undefined || d === undefined) return null;
  let verdict: Verdict = NO_VERDICT;
  if (target) verdict = { kind: 'target', target: freeze(target) };
  else if (jump !== undefined) {
    const standard = standardVerdict(jump);
    if (standard) verdict = standard;
    else if (jumpTo !== undefined) {
      const v = jumpTo(jump);
      if (v === undefined) return null;
      verdict = v;
    } else if (chainExists(table, jump)) verdict = jumpVerdict(jump);
    else return null;
  }
  const rule: Rule = {
    src: s,
    dst: d,
    inIface: null,
    outIface: null,
    proto: proto ?? 0,
    protoInvert,
    fragment: null,
    matches:
      shared ??
      (count === 0
        ? NO_MATCHES
        : count === 1
          ? [frozenMatch(0, proto ?? 0, protoInvert)]
          : frozenMatches(count, proto ?? 0, protoInvert)),
    verdict,
    counters: counters ?? newCounters(),
  };
  if (byText !== undefined && shared === undefined) {
    if (byText.size >= MAX_SHARED_MATCHES) byText.clear();
    // A flat key: a slice would keep its whole line alive.
    byText.set(flat(matchText), rule.matches);
  }
  return { chain, rule };
}

/**
 * The matches of rules by the text of their words (from the first `-m` to
 * `-j`), per protocol: a kube-proxy dump repeats a few shapes of them on
 * tens of thousands of lines (`-p tcp -m tcp` before every DNAT, `-m
 * statistic --mode random --probability P`), and their rules share one
 * list (a Rule and its parts never change) instead of keeping three
 * objects each alive. Only matches that keep nothing per rule instance
 * (kernel/netfilter/intern.ts), and no comment (its text is most often
 * the rule's own). The same words for the same protocol parse to the same
 * matches: their parsers read nothing else (ParseCtx's netns only for
 * set, which keeps state).
 */
const sharedMatches = new Map<number, Map<string, readonly XtModule[]>>();
/** Beyond this many texts for one protocol, its map starts over (a bound on what it keeps). */
const MAX_SHARED_MATCHES = 10_000;

function statelessMatches(matches: readonly Loaded[], count: number): boolean {
  for (let k = 0; k < count; k++) {
    const name = matches[k].spec.name;
    if (name === 'comment' || !statelessMatch(name, matches[k].data)) return false;
  }
  return true;
}

/** The matches of the lines read, the last line's first (its `count`); the rest are stale. */
const loadedMatches: Loaded[] = [];
/** The target of the line being read (when it has one). */
let loadedTarget: Loaded | undefined;

/**
 * `-m`/`-j` SPEC loaded into a record of an earlier line's (nothing keeps
 * a Loaded: its data goes into the rule, frozen), or into a new one.
 */
function reload(l: Loaded | undefined, spec: ExtSpec): Loaded {
  if (l === undefined) return loadExt(spec);
  l.spec = spec;
  l.data = spec.init?.() ?? {};
  return l;
}

/**
 * The extensions the last few `-m` (or `-j`) words named, found by
 * comparing the word where it stands: a dump's lines name a handful of
 * them over and over, and the registry's map would hash each word anew.
 */
class RecentExtensions {
  private readonly specs: ExtSpec[] = [];

  constructor(private readonly lookup: (name: string) => ExtSpec | undefined) {}

  /** The extension text[start, end) names. */
  find(text: string, start: number, end: number): ExtSpec | undefined {
    const length = end - start;
    for (const spec of this.specs)
      if (spec.name.length === length && text.startsWith(spec.name, start)) return spec;
    const spec = this.lookup(text.slice(start, end));
    // The registry's names are its extensions' own (an alias is an extension of its own name).
    if (spec !== undefined && this.specs.length < RECENT_EXTENSIONS) this.specs.push(spec);
    return spec;
  }
}

const RECENT_EXTENSIONS = 8;
const recentMatches = new RecentExtensions(findMatch);
const recentTargets = new RecentExtensions(findTarget);

/** The last few `-p` words read and their protocols: rules say `-p tcp` and `-p udp` line after line. */
const protoWords: string[] = [];
const protoNumbers: (number | undefined)[] = [];

function protoOf(word: string): number | undefined {
  for (let k = 0; k < protoWords.length; k++) if (protoWords[k] === word) return protoNumbers[k];
  const p = parseProto(word.toLowerCase());
  if (protoWords.length < 4) {
    protoWords.push(word);
    protoNumbers.push(p);
  }
  return p;
}

/**
 * Two words compared last character first: chain names differ most in
 * their hashed tail, and comparing two slices of lines in full is a call
 * into the runtime that a differing last character saves.
 */
const sameWord = (a: string, b: string): boolean =>
  a.length === b.length && a.charCodeAt(a.length - 1) === b.charCodeAt(b.length - 1) && a === b;

/** The chain the last `-A` line named: the string kept for the lines after it that name it too. */
let lastChain = '';

/**
 * The last few jump verdicts made. Rules jumping to the same chain share
 * one (a Rule never changes): in a kube-proxy dump every endpoint chain
 * jumps to KUBE-MARK-MASQ, a third of its rules.
 */
const jumpVerdicts: Verdict[] = [];
const JUMP_VERDICTS = 4;
let nextVerdict = 0;

function jumpVerdict(chain: string): Verdict {
  for (const v of jumpVerdicts) if (v.kind === 'jump' && sameWord(v.chain, chain)) return v;
  const v: Verdict = { kind: 'jump', chain, goto: false };
  jumpVerdicts[nextVerdict] = v;
  nextVerdict = (nextVerdict + 1) % JUMP_VERDICTS;
  return v;
}

/** Rules without matches share one empty list (a Rule never changes). */
const NO_MATCHES: readonly XtModule[] = [];

/** The option the last successful optionOf/optionOf1 found (kept here rather than in an object per option word). */
let hitOpt: OptWord | undefined;
/** The index in the line's matches of the one the last successful optionOf found. */
let hitMatch = 0;
/** Whether the line's k-th match was given an option (parallel to loadedMatches). */
const optioned: boolean[] = [];

/**
 * Matches given no option (`-m tcp` before kube-proxy's every DNAT), by
 * extension and protocol: they parse to the same module, which rules
 * share (a Rule and its parts never change), as they share match lists
 * (sharedMatches). Only those keeping nothing per rule instance, and no
 * comment (it has an option).
 */
const bareMatches = new Map<ExtSpec, (XtModule | undefined)[]>();

/** The shared module of the line's k-th match when it is bare and one was made for the protocol. */
function bareMatch(k: number, proto: number, protoInvert: boolean): XtModule | undefined {
  return mayShareBare(k, proto, protoInvert) ? bareMatches.get(loadedMatches[k].spec)?.[proto] : undefined;
}

/** Whether the line's k-th match may be one shared by its extension and protocol (not yet whether it keeps no state). */
const mayShareBare = (k: number, proto: number, protoInvert: boolean): boolean =>
  !optioned[k] && !protoInvert && proto <= 255;

/** The line's k-th match as the rule keeps it: the shared module of a bare one (made now if need be). */
function frozenMatch(k: number, proto: number, protoInvert: boolean): XtModule {
  const l = loadedMatches[k];
  const known = bareMatch(k, proto, protoInvert);
  if (known !== undefined) return known;
  const module = freeze(l);
  if (mayShareBare(k, proto, protoInvert) && statelessMatch(l.spec.name, l.data)) {
    let byProto = bareMatches.get(l.spec);
    if (byProto === undefined) bareMatches.set(l.spec, (byProto = []));
    byProto[proto] = module;
  }
  return module;
}

/** The line's `count` matches as the rule keeps them (freezeMatches, with bare ones shared). */
function frozenMatches(count: number, proto: number, protoInvert: boolean): XtModule[] {
  let natives = 0;
  for (let k = 0; k < count; k++) if (isNative(loadedMatches[k])) natives++;
  // Native matches merged into one (freezeMatches): made anew.
  if (natives >= 2) return freezeMatches(loadedMatches.slice(0, count));
  const out = new Array<XtModule>(count);
  for (let k = 0; k < count; k++) out[k] = frozenMatch(k, proto, protoInvert);
  return out;
}

/** The option words of this line's matches (parallel to loadedMatches) and of its target, found once per `-m`/`-j`. */
const matchWords: (readonly OptWord[])[] = [];
let targetWords: readonly OptWord[] = [];

/**
 * The match the `--NAME` word at line[at, at + length) is an option of,
 * newest instance first, as xtables_merge_options orders option tables.
 */
function optionOf(
  matches: readonly Loaded[],
  count: number,
  line: string,
  at: number,
  length: number,
): Loaded | undefined {
  for (let k = count - 1; k >= 0; k--)
    if (optionOf1(matchWords[k], line, at, length)) {
      hitMatch = k;
      return matches[k];
    }
  return undefined;
}

/** Whether the word at line[at, at + length) is one of the options (then in hitOpt). */
function optionOf1(options: readonly OptWord[], line: string, at: number, length: number): boolean {
  for (const opt of options)
    if (opt.word.length === length && line.startsWith(opt.word, at)) {
      hitOpt = opt;
      return true;
    }
  return false;
}

/**
 * -s or -d of one plain address, and the last one read: null without one,
 * undefined for the forms left to parseArgs. Rules saying the same as the
 * line before share its match (an AddrMatch never changes): kube-proxy's
 * `! -s POD_CIDR` opens every service chain.
 */
class LastAddress {
  private text = '';
  private invert = false;
  private match: AddrMatch | null = null;

  read(text: string | undefined, invert: boolean): AddrMatch | null | undefined {
    if (text === undefined) return null;
    if (this.match !== null && invert === this.invert && sameWord(text, this.text)) return this.match;
    const match = plainAddr(text, invert);
    if (match === null) return undefined;
    this.text = text;
    this.invert = invert;
    this.match = match;
    return match;
  }
}

const lastSrc = new LastAddress();
const lastDst = new LastAddress();
