import type { Netns } from '../../kernel/netns.js';
import type { AddrMatch, Rule, TableName, Verdict } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';
import { XtError } from './errors.js';
import { findMatch, findTarget } from './modules/index.js';
import type { ParseCtx } from './modules/spec.js';
import { xtFlagsReset } from './modules/util.js';
import { parseProto } from './names.js';
import type { ChainExists, Loaded } from './parse-args.js';
import {
  checkTargetName,
  extFinal,
  extParse,
  freeze,
  isBaseLong,
  loadExt,
  NO_VERDICT,
  plainAddr,
  STANDARD_VERDICT,
} from './parse-args.js';

/** A restore line read by the fast path: `-A CHAIN` and its one rule. */
export interface FastRule {
  readonly chain: string;
  readonly rule: Rule;
}

/**
 * The words of one restore line, read in place: plain words, and
 * "quoted" ones without escapes standing alone. Anything else (a tab, a
 * backslash in quotes, quotes inside a word, non-ASCII outside quotes)
 * is not simple: the general path splits the line instead.
 */
class Words {
  private pos = 0;

  constructor(private readonly line: string) {}

  /** The next word; undefined at the end of the line; null when it is not simple. */
  next(): string | null | undefined {
    const line = this.line;
    let i = this.pos;
    while (line.charCodeAt(i) === 32) i++;
    if (i >= line.length) return undefined;
    let end: number;
    let word: string;
    if (line.charCodeAt(i) === 0x22) {
      end = line.indexOf('"', i + 1);
      if (end < 0) return null;
      const escape = line.lastIndexOf('\\', end);
      if (escape > i) return null;
      word = line.slice(i + 1, end++);
    } else {
      end = i;
      let c = line.charCodeAt(end);
      while (c > 32 && c < 127 && c !== 0x22) c = line.charCodeAt(++end);
      word = line.slice(i, end);
    }
    if (end < line.length && line.charCodeAt(end) !== 32) return null;
    this.pos = end;
    return word;
  }
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
 * makes). `chainExists` answers for `-j CHAIN` as for parseArgs.
 */
export function parseFastRule(
  line: string,
  table: TableName,
  chainExists: ChainExists,
  netns: Netns | undefined,
): FastRule | null {
  try {
    return fastRule(line, table, chainExists, netns);
  } catch (e) {
    // An extension refused an option or the rule: parseArgs says how.
    if (e instanceof XtError) return null;
    throw e;
  }
}

function fastRule(
  line: string,
  table: TableName,
  chainExists: ChainExists,
  netns: Netns | undefined,
): FastRule | null {
  const words = new Words(line);
  if (words.next() !== '-A') return null;
  const chain = words.next();
  if (chain == null || chain.length >= 29 || chain === '' || chain[0] === '-' || chain[0] === '!') return null;
  xtFlagsReset();
  let src: string | undefined;
  let dst: string | undefined;
  let srcInv = false;
  let dstInv = false;
  let proto: number | undefined;
  let protoInvert = false;
  let jump: string | undefined;
  let target: Loaded | null = null;
  const matches: Loaded[] = [];
  let ctx: ParseCtx | null = null;
  let invert = false;
  for (;;) {
    const word = words.next();
    if (word === undefined) break;
    if (word === null) return null;
    if (word === '!') {
      if (invert) return null;
      invert = true;
      continue;
    }
    if (word.length === 2 && word.charCodeAt(0) === 0x2d /* - */) {
      const arg = words.next();
      if (arg == null) return null;
      switch (word) {
        case '-s':
          if (src !== undefined) return null;
          src = arg;
          srcInv = invert;
          break;
        case '-d':
          if (dst !== undefined) return null;
          dst = arg;
          dstInv = invert;
          break;
        case '-p': {
          if (proto !== undefined) return null;
          const p = parseProto(arg.toLowerCase());
          if (p === undefined || (p === 0 && invert)) return null;
          proto = p;
          protoInvert = invert;
          ctx = null;
          break;
        }
        case '-m': {
          const spec = invert ? undefined : findMatch(arg);
          if (!spec) return null;
          matches.push(loadExt(spec));
          break;
        }
        case '-j': {
          if (invert || jump !== undefined) return null;
          jump = checkTargetName(arg);
          const spec = findTarget(jump);
          if (spec) target = loadExt(spec);
          break;
        }
        default:
          return null;
      }
      invert = false;
      continue;
    }
    if (word.length <= 2 || !word.startsWith('--')) return null;
    // getopt_long: a base option's exact name comes first; `--opt=arg` is left to it.
    const name = word.slice(2);
    if (isBaseLong(name) || name.includes('=')) return null;
    const owner = ownerOf(matches, target, name);
    if (!owner) return null;
    const opt = owner.spec.options[name];
    let arg = '';
    if (opt.arg) {
      const a = opt.arg2 ? null : words.next();
      if (a == null) return null;
      arg = a;
    }
    extParse(owner, name, arg, invert, (ctx ??= { proto: proto ?? 0, protoInvert, netns }));
    invert = false;
  }
  if (invert) return null;
  if (table === 'nat' && jump === 'DROP') return null;
  ctx ??= { proto: proto ?? 0, protoInvert, netns };
  for (const l of matches) extFinal(l, ctx);
  if (target) extFinal(target, ctx);
  const s = address(src, srcInv);
  const d = address(dst, dstInv);
  if (s === undefined || d === undefined) return null;
  let verdict: Verdict = NO_VERDICT;
  if (target) verdict = { kind: 'target', target: freeze(target) };
  else if (jump !== undefined) {
    const standard = STANDARD_VERDICT.get(jump);
    if (standard) verdict = standard;
    else if (chainExists(table, jump)) verdict = { kind: 'jump', chain: jump, goto: false };
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
    matches: matches.map(freeze),
    verdict,
    counters: newCounters(),
  };
  return { chain, rule };
}

/** The loaded extension that has this option, matches first in order (as getopt's merged table). */
function ownerOf(matches: readonly Loaded[], target: Loaded | null, name: string): Loaded | undefined {
  for (const l of matches) if (Object.hasOwn(l.spec.options, name)) return l;
  return target && Object.hasOwn(target.spec.options, name) ? target : undefined;
}

/** -s/-d of one plain address: null without one, undefined for the forms left to parseArgs. */
function address(text: string | undefined, invert: boolean): AddrMatch | null | undefined {
  if (text === undefined) return null;
  return plainAddr(text, invert) ?? undefined;
}
