import { paramError } from '../errors.js';

export const U64_MAX = 18446744073709551615n;

/**
 * xtables_strtoul (base 0, up to 2^64-1) at the start of `text`: optional
 * blanks and `+`, never `-`; decimal, 0x hex or 0 octal. The value and
 * where the number ends, or null when no number starts there.
 */
export function strtoull(text: string): { value: bigint; end: number } | null {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!m) return null;
  const t = m[1];
  const value = /^0[xX]/.test(t)
    ? BigInt(t)
    : t.length > 1 && t[0] === '0'
      ? BigInt(`0o${t.slice(1)}`)
      : BigInt(t);
  if (value > U64_MAX) return null;
  return { value, end: m[0].length };
}

/** XTTYPE_UINT64: the whole argument one number, or the standard message. */
export function xtUint64(ext: string, opt: string, arg: string): bigint {
  const n = strtoull(arg);
  if (n === null || n.end !== arg.length)
    throw paramError(`${ext}: bad value for option "--${opt}", or out of range (0-${U64_MAX}).\n`);
  return n.value;
}

/**
 * XTTYPE_UINT64RC, UINT16RC (xtopt_parse_mint): `a[:b]` up to `max`, an
 * empty part taking 0 (first) or the maximum (second). The values given,
 * one or two.
 */
export function xtUintRange(ext: string, opt: string, arg: string, max = U64_MAX): bigint[] {
  const values: bigint[] = [];
  let rest = arg;
  for (;;) {
    if (values.length === 2) throw paramError(`${ext}: Too many components for option "--${opt}" (max: 2)\n`);
    let value: bigint;
    let end = 0;
    if (rest === '' || rest[0] === ':') value = values.length === 1 ? max : 0n;
    else {
      const n = strtoull(rest);
      if (n === null || n.value > max)
        throw paramError(
          `${ext}: bad value for option "--${opt}" near "${rest}", or out of range (0-${max}).\n`,
        );
      end = n.end;
      if (end < rest.length && rest[end] !== ':')
        throw paramError(
          `${ext}: Argument to "--${opt}" has unexpected characters near "${rest.slice(end)}".\n`,
        );
      value = n.value;
    }
    values.push(value);
    if (end === rest.length) break;
    rest = rest.slice(end + 1);
  }
  return values;
}
