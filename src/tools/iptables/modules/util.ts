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
