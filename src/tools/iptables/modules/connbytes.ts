import type { ExtData, ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { U64_MAX, xtUintRange } from './uint64.js';

const DIRS = ['original', 'reply', 'both'];
const MODES = ['packets', 'bytes', 'avgpkt'];

/**
 * print_from_to: `!` when from is above to (how `!` is stored), then
 * from, then `:to` unless to is 0 or the maximum (so `0:0` prints `0`).
 */
function fromTo(d: ExtData, prefix: string): string {
  let from = BigInt(d.from as string);
  let to = BigInt(d.to as string);
  let s = '';
  if (from > to) {
    s = ' !';
    [from, to] = [to, from];
  }
  s += ` ${prefix}connbytes ${from}`;
  if (to !== 0n && to < U64_MAX) s += `:${to}`;
  return s;
}

/** libxt_connbytes: `[!] --connbytes from[:to]`, `--connbytes-dir`, `--connbytes-mode`, all three required. */
export const connbytes: ExtSpec = {
  name: 'connbytes',
  options: { connbytes: { arg: true }, 'connbytes-dir': { arg: true }, 'connbytes-mode': { arg: true } },
  xtopts: [
    { name: 'connbytes', invert: true, mandatory: true },
    { name: 'connbytes-dir', mandatory: true },
    { name: 'connbytes-mode', mandatory: true },
  ],
  parse(d, opt, arg, invert) {
    if (opt === 'connbytes') {
      const v = xtUintRange('connbytes', opt, arg);
      const from = v[0];
      const to = v.length === 2 ? v[1] : U64_MAX;
      if (to < from) throw paramError(`${from} should be less than ${to}`);
      // `!` swaps the bounds: the kernel then matches outside them.
      d.from = (invert ? to : from).toString();
      d.to = (invert ? from : to).toString();
    } else if (opt === 'connbytes-dir') {
      if (!DIRS.includes(arg)) throw paramError(`Unknown --connbytes-dir \`${arg}'`);
      d.dir = arg;
    } else {
      if (!MODES.includes(arg)) throw paramError(`Unknown --connbytes-mode \`${arg}'`);
      d.mode = arg;
    }
  },
  save: (d) => `${fromTo(d, '--')} --connbytes-mode ${d.mode as string} --connbytes-dir ${d.dir as string}`,
  print: (d) => `${fromTo(d, '')} connbytes mode ${d.mode as string} connbytes direction ${d.dir as string}`,
};
