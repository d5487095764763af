import type { ExtData, ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { xtUintRange } from './uint64.js';

const range = (d: ExtData) =>
  d.min === d.max ? `${d.min as number}` : `${d.min as number}:${d.max as number}`;

/** libxt_tcpmss: `[!] --mss value[:value]` (a single value is min and max). */
export const tcpmss: ExtSpec = {
  name: 'tcpmss',
  options: { mss: { arg: true } },
  xtopts: [{ name: 'mss', invert: true, mandatory: true }],
  parse(d, _opt, arg, invert) {
    const v = xtUintRange('tcpmss', 'mss', arg, 65535n).map(Number);
    const [min, max = min] = v;
    if (min > max) throw paramError('tcpmss: invalid range given');
    d.min = min;
    d.max = max;
    d.inv = invert;
  },
  save: (d) => `${d.inv ? ' !' : ''} --mss ${range(d)}`,
  print: (d) => ` tcpmss match ${d.inv ? '!' : ''}${range(d)}`,
};
