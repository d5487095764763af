import type { ExtData, ExtSpec } from './spec.js';
import { xtUintRange } from './uint64.js';

const U32_MAX = 0xffffffff;

/** The SPI range of `--espspi`/`--ahspi`: one value is min and max; `b:a` is kept as given. */
function parseSpis(d: ExtData, ext: string, opt: string, arg: string, invert: boolean): void {
  const [min, max = min] = xtUintRange(ext, opt, arg, BigInt(U32_MAX)).map(Number);
  Object.assign(d, { min, max, inv: invert });
}

const anySpi = (d: ExtData) => d.min === 0 && d.max === U32_MAX && !d.inv;

/** print_spis: nothing for the full range, `spi:N` for one, `spis:A:B` for a range (`!` after the colon). */
function spis(d: ExtData): string {
  if (anySpi(d)) return '';
  const inv = d.inv ? '!' : '';
  return d.min === d.max
    ? `spi:${inv}${d.min as number}`
    : `spis:${inv}${d.min as number}:${d.max as number}`;
}

function save(d: ExtData, opt: string): string {
  if (d.min === 0 && d.max === U32_MAX) return '';
  const range = d.min === d.max ? `${d.min as number}` : `${d.min as number}:${d.max as number}`;
  return `${d.inv ? ' !' : ''} --${opt} ${range}`;
}

/** libxt_esp: `[!] --espspi spi[:spi]` (optional: the full range by default). */
export const esp: ExtSpec = {
  name: 'esp',
  options: { espspi: { arg: true } },
  xtopts: [{ name: 'espspi', invert: true }],
  init: () => ({ min: 0, max: U32_MAX, inv: false }),
  parse: (d, opt, arg, invert) => parseSpis(d, 'esp', opt, arg, invert),
  save: (d) => save(d, 'espspi'),
  print: (d) => ` esp${anySpi(d) ? '' : ` ${spis(d)}`}`,
};

/** libipt_ah: `[!] --ahspi spi[:spi]`; its print leaves a space after `ah` even without SPIs. */
export const ah: ExtSpec = {
  name: 'ah',
  options: { ahspi: { arg: true } },
  xtopts: [{ name: 'ahspi', invert: true }],
  init: () => ({ min: 0, max: U32_MAX, inv: false }),
  parse: (d, opt, arg, invert) => parseSpis(d, 'ah', opt, arg, invert),
  save: (d) => save(d, 'ahspi'),
  print: (d) => ` ah ${spis(d)}`,
};
