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

/** The options given so far to each extension instance (cb->xflags), kept out of its data. */
const xflags = new WeakMap<ExtData, Set<string>>();

/** xtables_option_parse's checks, made before the extension's own parser runs. */
export function xtOptionParse(
  d: ExtData,
  ext: string,
  table: readonly XtOpt[],
  opt: string,
  invert: boolean,
): void {
  const entry = table.find((e) => e.name === opt || e.aliases?.includes(opt));
  if (!entry) return;
  opt = entry.name;
  const seen = xflags.get(d) ?? new Set<string>();
  xflags.set(d, seen);
  if (seen.has(opt)) throw paramError(`${ext}: option "--${opt}" can only be used once.\n`);
  if (invert && !entry.invert) throw paramError(`${ext}: option "--${opt}" cannot be inverted.\n`);
  seen.add(opt);
}

/**
 * xtables_options_fcheck: in table order, each mandatory option, then for
 * each given one its exclusions and its companions (so a conflict is
 * reported the same way whichever option came first).
 */
export function xtOptionsFcheck(d: ExtData, ext: string, table: readonly XtOpt[]): void {
  const seen = xflags.get(d) ?? new Set<string>();
  for (const entry of table) {
    if (entry.mandatory && !seen.has(entry.name))
      throw paramError(`${ext}: option "--${entry.name}" must be specified\n`);
    if (!seen.has(entry.name)) continue;
    for (const other of table)
      if (entry.excl?.includes(other.name) && seen.has(other.name))
        throw paramError(
          `${ext}: option "--${entry.name}" cannot be used together with "--${other.name}".\n`,
        );
    for (const other of table)
      if (entry.also?.includes(other.name) && !seen.has(other.name))
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
export const xtGiven = (d: ExtData, opt: string): boolean => xflags.get(d)?.has(opt) ?? false;

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
