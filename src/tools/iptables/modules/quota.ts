import type { ExtSpec } from './spec.js';
import { xtUint64 } from './uint64.js';

/**
 * libxt_quota: `[!] --quota bytes`. -S and iptables-save show the `!`,
 * -L does not (quota_print never printed it).
 */
export const quota: ExtSpec = {
  name: 'quota',
  options: { quota: { arg: true } },
  xtopts: [{ name: 'quota', invert: true, mandatory: true }],
  parse(d, _opt, arg, invert) {
    d.quota = xtUint64('quota', 'quota', arg).toString();
    d.inv = invert;
  },
  save: (d) => `${d.inv ? ' !' : ''} --quota ${d.quota as string}`,
  print: (d) => ` quota: ${d.quota as string} bytes`,
};
