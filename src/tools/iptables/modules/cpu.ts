import type { ExtSpec } from './spec.js';
import { xtUint } from './util.js';

/** libxt_cpu: `[!] --cpu number`. */
export const cpu: ExtSpec = {
  name: 'cpu',
  options: { cpu: { arg: true } },
  xtopts: [{ name: 'cpu', invert: true, mandatory: true }],
  parse(d, _opt, arg, invert) {
    d.cpu = xtUint('cpu', 'cpu', arg);
    d.inv = invert;
  },
  save: (d) => `${d.inv ? ' !' : ''} --cpu ${d.cpu as number}`,
  print: (d) => ` cpu ${d.inv ? '! ' : ''}${d.cpu as number}`,
};
