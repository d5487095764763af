import type { ExtData, ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { xtUint } from './util.js';

/** The kernel's ipt_ttl_info.mode (IPT_TTL_EQ, _NE, _LT, _GT). */
export type TtlMode = 'eq' | 'ne' | 'lt' | 'gt';

/**
 * libipt_ttl's option table: any two of lt/gt/eq exclude each other; the
 * undocumented `--ttl` shares eq's id (so `--ttl-eq 1 --ttl 2` is "used
 * once") and is invertible like it (measured).
 */
const TTL_OPTS: readonly XtOpt[] = [
  { name: 'ttl-lt', excl: ['ttl-gt', 'ttl-eq'] },
  { name: 'ttl-gt', excl: ['ttl-lt', 'ttl-eq'] },
  { name: 'ttl-eq', aliases: ['ttl'], invert: true, excl: ['ttl-lt', 'ttl-gt'] },
];

const SAVE: Record<TtlMode, string> = {
  eq: ' --ttl-eq',
  ne: ' ! --ttl-eq',
  lt: ' --ttl-lt',
  gt: ' --ttl-gt',
};
const PRINT: Record<TtlMode, string> = { eq: '==', ne: '!=', lt: '<', gt: '>' };

export const ttl: ExtSpec = {
  name: 'ttl',
  options: { 'ttl-eq': { arg: true }, 'ttl-lt': { arg: true }, 'ttl-gt': { arg: true }, ttl: { arg: true } },
  xtopts: TTL_OPTS,
  parse(d, opt, arg, invert) {
    const name = opt === 'ttl' ? 'ttl-eq' : opt;
    d.ttl = xtUint('ttl', name, arg, 0, 255);
    d.mode = name === 'ttl-eq' ? (invert ? 'ne' : 'eq') : name.slice(4);
  },
  final(d) {
    if (d.mode === undefined)
      throw paramError("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
  },
  save: (d) => `${SAVE[d.mode as TtlMode]} ${d.ttl as number}`,
  print: (d: ExtData) => ` TTL match TTL ${PRINT[d.mode as TtlMode]} ${d.ttl as number}`,
};
