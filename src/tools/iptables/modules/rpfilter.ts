import type { ExtSpec } from './spec.js';
import { RPFILTER } from '../../../kernel/netfilter/matches/rpfilter.js';
import { xtTable } from './util.js';

/** The flags in the order rpfilter_print/rpfilter_save name them. */
const FLAGS: readonly (readonly [string, number])[] = [
  ['loose', RPFILTER.LOOSE],
  ['validmark', RPFILTER.VALID_MARK],
  ['accept-local', RPFILTER.ACCEPT_LOCAL],
  ['invert', RPFILTER.INVERT],
];

const words = (flags: number, prefix: string) =>
  FLAGS.filter(([, bit]) => flags & bit)
    .map(([name]) => ` ${prefix}${name}`)
    .join('');

/** libxt_rpfilter: four flags, none invertible (`--invert` is the inversion). */
export const rpfilter: ExtSpec = {
  name: 'rpfilter',
  options: Object.fromEntries(FLAGS.map(([name]) => [name, { arg: false }])),
  xtopts: xtTable(
    FLAGS.map(([name]) => name),
    [],
  ),
  init: () => ({ flags: 0 }),
  parse(d, opt) {
    d.flags = (d.flags as number) | (FLAGS.find(([name]) => name === opt)?.[1] ?? 0);
  },
  save: (d) => words(d.flags as number, '--'),
  print: (d) => ` rpfilter${words(d.flags as number, '')}`,
};
