import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { xtExclusive, xtUint } from './util.js';
import { classToDscp } from './dscp.js';

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** libxt_DSCP: the six DSCP bits by value (0-63) or DiffServ class; saved as the value. */
export const DSCP: ExtSpec = {
  name: 'DSCP',
  options: { 'set-dscp': { arg: true }, 'set-dscp-class': { arg: true } },
  xtopts: xtExclusive(['set-dscp', 'set-dscp-class']),
  parse(d, opt, arg) {
    d.dscp = opt === 'set-dscp' ? xtUint('DSCP', 'set-dscp', arg, 0, 63) : classToDscp(arg);
  },
  final(d) {
    if (d.dscp === undefined) throw paramError('DSCP target: Parameter --set-dscp is required');
  },
  save: (d) => ` --set-dscp ${hex2(d.dscp as number)}`,
  print: (d) => ` DSCP set ${hex2(d.dscp as number)}`,
};

/** One `%x` of sscanf: blanks, a sign, an optional 0x, hex digits (strtoul clamps); null when none. */
function scanHex(text: string, at: number): { value: number; end: number } | null {
  const m = /^\s*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(text.slice(at));
  if (!m) return null;
  const n = Math.min(parseInt(m[2], 16), 0xffffffff);
  return { value: m[1] === '-' ? (0x100000000 - n) % 0x100000000 : n, end: at + m[0].length };
}

/**
 * libxt_CLASSIFY's CLASSIFY_string_to_priority: sscanf("%x:%x") (trailing
 * text ignored), then TC_H_MAKE(major << 16, minor) in 32 bits: a major
 * over 0xffff loses its high bits.
 */
function parsePriority(arg: string): number {
  const major = scanHex(arg, 0);
  const minor = major && arg[major.end] === ':' ? scanHex(arg, major.end + 1) : null;
  if (!major || !minor) throw paramError(`Bad class value "${arg}"`);
  return (((major.value & 0xffff) << 16) | (minor.value & 0xffff)) >>> 0;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** libxt_CLASSIFY: skb->priority as MAJOR:MINOR, always hexadecimal. */
export const CLASSIFY: ExtSpec = {
  name: 'CLASSIFY',
  options: { 'set-class': { arg: true } },
  xtopts: [{ name: 'set-class', mandatory: true }],
  parse(d, _opt, arg) {
    d.priority = parsePriority(arg);
  },
  save: (d) => ` --set-class ${hex4((d.priority as number) >>> 16)}:${hex4((d.priority as number) & 0xffff)}`,
  print: (d) =>
    ` CLASSIFY set ${((d.priority as number) >>> 16).toString(16)}:${((d.priority as number) & 0xffff).toString(16)}`,
};
