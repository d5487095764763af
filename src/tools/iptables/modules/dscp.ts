import type { ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { xtUint } from './util.js';

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** dscp_helper.c's ds_classes, in its order (a name matches as a case-insensitive prefix). */
const DS_CLASSES: readonly (readonly [string, number])[] = [
  ['CS0', 0x00],
  ['CS1', 0x08],
  ['AF11', 0x0a],
  ['AF12', 0x0c],
  ['AF13', 0x0e],
  ['CS2', 0x10],
  ['AF21', 0x12],
  ['AF22', 0x14],
  ['AF23', 0x16],
  ['CS3', 0x18],
  ['AF31', 0x1a],
  ['AF32', 0x1c],
  ['AF33', 0x1e],
  ['CS4', 0x20],
  ['AF41', 0x22],
  ['AF42', 0x24],
  ['AF43', 0x26],
  ['CS5', 0x28],
  ['EF', 0x2e],
  ['CS6', 0x30],
  ['CS7', 0x38],
  ['BE', 0x00],
];

/** class_to_dscp: strncasecmp over each class name's length (so `EFX` is EF, as measured). */
export function classToDscp(name: string): number {
  const upper = name.toUpperCase();
  for (const [cls, value] of DS_CLASSES) if (upper.startsWith(cls)) return value;
  throw paramError(`Invalid DSCP value \`${name}'`);
}

const DSCP_OPTS: readonly XtOpt[] = [
  { name: 'dscp', invert: true, excl: ['dscp-class'] },
  { name: 'dscp-class', invert: true, excl: ['dscp'] },
];

/** libxt_dscp: the six DSCP bits of the TOS byte, by value or DiffServ class. */
export const dscp: ExtSpec = {
  name: 'dscp',
  options: { dscp: { arg: true }, 'dscp-class': { arg: true } },
  xtopts: DSCP_OPTS,
  parse(d, opt, arg, invert) {
    d.dscp = opt === 'dscp' ? xtUint('dscp', 'dscp', arg, 0, 63) : classToDscp(arg);
    d.inv = invert;
  },
  final(d) {
    if (d.dscp === undefined) throw paramError('DSCP match: Parameter --dscp is required');
  },
  save: (d) => `${d.inv ? ' !' : ''} --dscp ${hex2(d.dscp as number)}`,
  print: (d) => ` DSCP match ${d.inv ? '!' : ''}${hex2(d.dscp as number)}`,
};

/** tos_symbol_names: a name gives the low six bits (mask 0x3f), leaving the ECN bits alone. */
const TOS_SYMBOLS: readonly (readonly [string, number])[] = [
  ['Minimize-Delay', 0x10],
  ['Maximize-Throughput', 0x08],
  ['Maximize-Reliability', 0x04],
  ['Minimize-Cost', 0x02],
  ['Normal-Service', 0x00],
];

/** xtables_strtoui with an end pointer: a number at the start of `text` (after blanks and `+`) and what follows. */
function leadingUint(text: string, max: number): { value: number; rest: string } | null {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!m) return null;
  const t = m[1];
  const value = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t[0] === '0' ? parseInt(t, 8) : Number(t);
  return value <= max ? { value, rest: text.slice(m[0].length) } : null;
}

/** xtopt_parse_tosmask: VALUE[/MASK] (mask 0xff by default), else a symbol (mask 0x3f). */
function parseTosMask(arg: string): { value: number; mask: number } {
  const head = leadingUint(arg, 0xff);
  if (head === null) {
    const symbol = TOS_SYMBOLS.find(([name]) => name.toLowerCase() === arg.toLowerCase());
    if (!symbol) throw paramError(`Symbolic name "${arg}" is unknown`);
    return { value: symbol[1], mask: 0x3f };
  }
  let mask = 0xff;
  let rest = head.rest;
  if (rest.startsWith('/')) {
    const m = leadingUint(rest.slice(1), 0xff);
    if (m === null) throw paramError(`Illegal value: "${arg}"`);
    mask = m.value;
    rest = m.rest;
  }
  if (rest !== '') throw paramError(`Illegal value: "${arg}"`);
  return { value: head.value, mask };
}

/** libxt_tos revision 1: (TOS & mask) == value. */
export const tos: ExtSpec = {
  name: 'tos',
  options: { tos: { arg: true } },
  xtopts: [{ name: 'tos', invert: true, mandatory: true }],
  parse(d, _opt, arg, invert) {
    Object.assign(d, parseTosMask(arg), { inv: invert });
  },
  save: (d) => `${d.inv ? ' !' : ''} --tos ${hex2(d.value as number)}/${hex2(d.mask as number)}`,
  print(d, numeric) {
    const value = d.value as number;
    const mask = d.mask as number;
    // tos_try_print_symbolic: only a six-bit mask prints as a name; no space after "match" otherwise.
    const symbol = !numeric && mask === 0x3f ? TOS_SYMBOLS.find(([, v]) => v === value) : undefined;
    return ` tos match${d.inv ? '!' : ''}${symbol ? ` ${symbol[0]}` : `${hex2(value)}/${hex2(mask)}`}`;
  },
};
