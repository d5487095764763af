import type { ExtData, ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { xtGiven, xtOptionParse, xtOptionsFcheck, xtString, xtUint } from './util.js';

/** XT_STRING_MAX_PATTERN_SIZE and the algo name buffer (XT_STRING_MAX_ALGO_NAME_SIZE). */
const PATTERN_MAX = 128;
const ALGO_SIZE = 16;

const OPTS: readonly XtOpt[] = [
  { name: 'from' },
  { name: 'to' },
  { name: 'algo', mandatory: true },
  { name: 'string', invert: true, excl: ['hex-string'] },
  { name: 'hex-string', invert: true, excl: ['string'] },
  { name: 'icase' },
];

const bytesOf = (s: string): number[] => [...Buffer.from(s, 'utf8')];
const isXdigit = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** parse_string: the argument's bytes, at most 128. */
function parseString(s: string): number[] {
  const b = bytesOf(s);
  if (b.length > PATTERN_MAX) throw paramError(`STRING too long "${s}"`);
  return b;
}

/**
 * parse_hex_string, step for step (its quirks included): text outside
 * `|...|` is literal, `\c` escapes one character, inside the bars pairs of
 * hex digits with optional spaces between them.
 */
function parseHexString(s: string): number[] {
  if (s.length === 0) throw paramError('STRING must contain at least one char');
  const out: number[] = [];
  let hex = false;
  let literal = false;
  let i = 0;
  while (i < s.length) {
    if (out.length >= PATTERN_MAX) throw paramError(`STRING too long "${s}"`);
    if (s[i] === '\\' && !hex) literal = true;
    else if (s[i] === '\\') throw paramError('Cannot include literals in hex data');
    else if (s[i] === '|') {
      if (hex) hex = false;
      else {
        hex = true;
        while (s[i + 1] === ' ') i++;
      }
      if (i + 1 >= s.length) break;
      i++;
    }
    if (literal) {
      if (i + 1 >= s.length) throw paramError('Bad literal placement at end of string');
      out.push(s.charCodeAt(i + 1) & 0xff);
      i += 2;
      literal = false;
    } else if (hex) {
      if (i + 1 >= s.length) throw paramError('Odd number of hex digits');
      if (i + 2 >= s.length) throw paramError('Invalid hex block');
      if (!isXdigit(s[i])) throw paramError(`Invalid hex char '${s[i]}'`);
      if (!isXdigit(s[i + 1])) throw paramError(`Invalid hex char '${s[i + 1]}'`);
      out.push(parseInt(s.slice(i, i + 2), 16));
      i += s[i + 2] === ' ' ? 3 : 2;
    } else {
      out.push(s.charCodeAt(i) & 0xff);
      i++;
    }
  }
  return out;
}

const printable = (c: number) => c >= 0x20 && c <= 0x7e;

/** is_hex_string: a byte that does not print, or a trailing backslash. */
const shownAsHex = (p: readonly number[]) => p.some((c) => !printable(c)) || p[p.length - 1] === 0x5c;

/** print_hex_string or print_string (quotes and backslashes escaped). */
function patternText(p: readonly number[]): string {
  if (shownAsHex(p)) return ` "|${p.map((c) => c.toString(16).padStart(2, '0')).join('')}|"`;
  const body = p.map((c) => (c === 0x22 || c === 0x5c ? '\\' : '') + String.fromCharCode(c)).join('');
  return ` "${body}"`;
}

/** string_save and string_print: the pattern as text when it prints, else as a hex block. */
function text(d: ExtData, save: boolean): string {
  const p = d.pattern as readonly number[];
  const hex = shownAsHex(p);
  let s = save
    ? `${d.inv ? ' !' : ''} --${hex ? 'hex-string' : 'string'}${patternText(p)}`
    : ` STRING match ${d.inv ? '!' : ''}${patternText(p)}`;
  s += save ? ` --algo ${d.algo as string}` : ` ALGO name ${d.algo as string}`;
  if (d.from !== 0) s += save ? ` --from ${d.from as number}` : ` FROM ${d.from as number}`;
  if (d.to !== 0xffff) s += save ? ` --to ${d.to as number}` : ` TO ${d.to as number}`;
  if (d.icase) s += save ? ' --icase' : ' ICASE';
  return s;
}

/** libxt_string revision 1. */
export const string: ExtSpec = {
  name: 'string',
  options: {
    from: { arg: true },
    to: { arg: true },
    algo: { arg: true },
    string: { arg: true },
    'hex-string': { arg: true },
    icase: { arg: false },
  },
  init: () => ({ pattern: [], algo: '', from: 0, to: 0xffff, icase: false, inv: false }),
  parse(d, opt, arg, invert) {
    xtOptionParse(d, 'string', OPTS, opt, invert);
    if (opt === 'from' || opt === 'to') d[opt] = xtUint('string', opt, arg, 0, 0xffff);
    else if (opt === 'algo') d.algo = xtString(arg, ALGO_SIZE);
    else if (opt === 'icase') d.icase = true;
    else {
      d.pattern = opt === 'string' ? parseString(arg) : parseHexString(arg);
      if (invert) d.inv = true;
    }
  },
  final(d) {
    if (!xtGiven(d, 'string') && !xtGiven(d, 'hex-string'))
      throw paramError("STRING match: You must specify `--string' or `--hex-string'");
    xtOptionsFcheck(d, 'string', OPTS);
  },
  save: (d) => text(d, true),
  print: (d) => text(d, false),
};
