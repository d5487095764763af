import { paramError } from '../errors.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { ExtData } from './spec.js';

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** strtoul(..., 0) as xtables_strtoui accepts it: decimal, 0x hex or 0 octal. */
export function parseUint(text: string, max = 0xffffffff): number | undefined {
  let n: number;
  if (/^0x[0-9a-f]+$/i.test(text)) n = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) n = parseInt(text, 8);
  else if (/^[1-9]\d*$/.test(text)) n = Number(text);
  else return undefined;
  return n <= max ? n : undefined;
}

/**
 * xtables_strtoui: strtoul base 0 (decimal, 0x hex, 0 octal) after optional
 * blanks and `+`, no `-`, the whole text consumed, min <= n <= max.
 */
export function strtoui(text: string, min: number, max: number): number | undefined {
  // Plain decimal (a port, a rule number), or a word (a service or protocol name), without the regex.
  const first = text.charCodeAt(0);
  if (first >= 0x31 && first <= 0x39 && text.length <= 10) {
    const n = decimal(text);
    if (n >= 0) return n >= min && n <= max ? n : undefined;
  } else if ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a) return undefined;
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return undefined;
  const t = m[1];
  const n = /^0[xX]/.test(t)
    ? parseInt(t.slice(2), 16)
    : t.length > 1 && t[0] === '0'
      ? parseInt(t, 8)
      : Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** parseIPv4 of text[0, end) for the common case, without splitting: four decimal octets of 1-3 digits; null otherwise. */
export function dottedQuad(text: string, end = text.length): number | null {
  let addr = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      octet = octet * 10 + c - 0x30;
      if (++digits > 3 || octet > 255) return null;
    } else if (c === 0x2e && digits > 0 && dots < 3) {
      addr = addr * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0) return null;
  return (addr * 256 + octet) >>> 0;
}

/** The value of a text of ASCII digits only; -1 for anything else. */
export function decimal(text: string): number {
  if (text.length === 0) return -1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    n = n * 10 + c - 0x30;
  }
  return n;
}

/** `value[/mask]` as the mark, connmark and MARK parsers take it. */
export function parseValueMask(text: string, what: string): { value: number; mask: number } {
  const [v, m] = text.split('/', 2);
  const value = parseUint(v);
  const mask = m === undefined ? 0xffffffff : parseUint(m);
  if (value === undefined || mask === undefined) throw paramError(`Bad ${what} value "${text}"`);
  return { value, mask };
}

export function requireAddr(text: string, opt: string): number {
  const a = parseIPv4(text);
  if (a === null) throw paramError(`Bad IP address "${text}" for option "${opt}"`);
  return a;
}

export const inv = (d: ExtData, key: string): string => (d[key] ? ' !' : '');

export function mustHave(d: ExtData, ext: string, opt: string): void {
  if (d[opt] === undefined) throw paramError(`${ext}: option "--${opt}" must be specified\n`);
}

/** One entry of an x6 extension's xt_option_entry table, as far as the generic checks go. */
export interface XtOpt {
  readonly name: string;
  /** Other names of the same option id (`dports` for `destination-ports`); messages use `name`. */
  readonly aliases?: readonly string[];
  readonly invert?: boolean;
  readonly mandatory?: boolean;
  /** Options this one needs (`.also`). */
  readonly also?: readonly string[];
  /** Options this one may not be given with (`.excl`). */
  readonly excl?: readonly string[];
}

/** The options given so far to one extension instance: a bit per entry of its option table. */
interface Given {
  data: ExtData;
  table: readonly XtOpt[];
  bits: number;
}

/**
 * cb->xflags of each extension instance, kept out of its data. Only a
 * parse needs them, so parseArgs drops them when it starts (xtFlagsReset)
 * rather than keeping one entry per rule ever parsed (a 100k-rule
 * restore). A rule has a handful of extensions: a list is enough, and
 * its first `used` records are reused from one parse to the next.
 */
const xflags: Given[] = [];
let used = 0;

/** Forgets the options recorded by earlier parses (their extension data is final). */
export function xtFlagsReset(): void {
  used = 0;
}

function givenOf(d: ExtData): Given | undefined {
  for (let k = 0; k < used; k++) if (xflags[k].data === d) return xflags[k];
  return undefined;
}

function newGiven(d: ExtData, table: readonly XtOpt[]): Given {
  if (used === xflags.length) xflags.push({ data: d, table, bits: 0 });
  const g = xflags[used++];
  g.data = d;
  g.table = table;
  g.bits = 0;
  return g;
}

/** The entry of the option table for this option name or alias, by index; -1 when none. */
function entryIndex(table: readonly XtOpt[], opt: string): number {
  for (let k = 0; k < table.length; k++) {
    const e = table[k];
    if (e.name === opt || (e.aliases !== undefined && e.aliases.includes(opt))) return k;
  }
  return -1;
}

const has = (g: Given | undefined, name: string): boolean => {
  if (g === undefined) return false;
  const k = entryIndex(g.table, name);
  return k >= 0 && (g.bits & (1 << k)) !== 0;
};

/** xtables_option_parse's checks, made before the extension's own parser runs. */
export function xtOptionParse(
  d: ExtData,
  ext: string,
  table: readonly XtOpt[],
  opt: string,
  invert: boolean,
): void {
  const k = entryIndex(table, opt);
  if (k < 0) return;
  // One bit per entry: libxt_* option tables have far fewer than 31 entries.
  if (k > 30) throw new Error(`${ext}: option table too large for its flags`);
  const entry = table[k];
  let g = givenOf(d);
  if (g === undefined) g = newGiven(d, table);
  if ((g.bits & (1 << k)) !== 0)
    throw paramError(`${ext}: option "--${entry.name}" can only be used once.\n`);
  if (invert && !entry.invert) throw paramError(`${ext}: option "--${entry.name}" cannot be inverted.\n`);
  g.bits |= 1 << k;
}

/**
 * xtables_options_fcheck: in table order, each mandatory option, then for
 * each given one its exclusions and its companions (so a conflict is
 * reported the same way whichever option came first).
 */
export function xtOptionsFcheck(d: ExtData, ext: string, table: readonly XtOpt[]): void {
  const g = givenOf(d);
  const bits = g?.bits ?? 0;
  for (let k = 0; k < table.length; k++) {
    const entry = table[k];
    const given = (bits & (1 << k)) !== 0;
    if (entry.mandatory && !given) throw paramError(`${ext}: option "--${entry.name}" must be specified\n`);
    if (!given) continue;
    if (entry.excl)
      for (const other of table)
        if (entry.excl.includes(other.name) && has(g, other.name))
          throw paramError(
            `${ext}: option "--${entry.name}" cannot be used together with "--${other.name}".\n`,
          );
    if (entry.also)
      for (const other of table)
        if (entry.also.includes(other.name) && !has(g, other.name))
          throw paramError(`${ext}: option "--${entry.name}" also requires "--${other.name}".\n`);
  }
}

/** An option table where every option is independent: each may be given once, `!` where allowed. */
export const xtTable = (names: readonly string[], invertible: readonly string[] = names): XtOpt[] =>
  names.map((name) => ({ name, invert: invertible.includes(name) }));

/** An option table of alternatives: any two of them together are refused (at fcheck, in table order). */
export const xtExclusive = (names: readonly string[], extra: readonly XtOpt[] = []): XtOpt[] => [
  ...names.map((name) => ({ name, excl: names.filter((n) => n !== name) })),
  ...extra,
];

/** Whether the option was given to this extension instance (a bit of cb->xflags). */
export const xtGiven = (d: ExtData, opt: string): boolean => has(givenOf(d), opt);

/** XTTYPE_UINT32/UINT16: strtoul (base 0) within [min, max], or the standard message. */
export function xtUint(ext: string, opt: string, arg: string, min = 0, max = 0xffffffff): number {
  const n = parseUint(arg, max);
  if (n === undefined || n < min)
    throw paramError(`${ext}: bad value for option "--${opt}", or out of range (${min}-${max}).\n`);
  return n;
}

/** XTTYPE_STRING with XTOPT_PUT: at least `min` characters, cut to fit a `size`-byte buffer. */
export function xtString(arg: string, size: number, min = 0): string {
  if (arg.length < min) throw paramError(`Argument must have a minimum length of ${min} characters\n`);
  return arg.slice(0, size - 1);
}
