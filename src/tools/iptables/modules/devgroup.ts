import type { ExtData, ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { hex } from './util.js';
import { strtoull } from './uint64.js';

/** /etc/iproute2/group as shipped: only group 0 has a name. */
const GROUP_NAMES: ReadonlyMap<string, number> = new Map([['default', 0]]);

/** xtables_strtoui with an end pointer: a u32 at the start of `text`, and where it ends; null if none. */
function leadingUint(text: string): { value: number; end: number } | null {
  const n = strtoull(text);
  return n === null || n.value > 0xffffffffn ? null : { value: Number(n.value), end: n.end };
}

/** xtables_parse_val_mask with the group names: `value[/mask]`, a name only without a mask. */
function parseGroup(arg: string, opt: string): { group: number; mask: number } {
  const nameOf = () => {
    const group = GROUP_NAMES.get(arg);
    if (group === undefined)
      throw paramError(`devgroup: could not map name ${arg} to an integer value for option "--${opt}".\n`);
    return { group, mask: 0xffffffff };
  };
  const v = leadingUint(arg);
  if (v === null) return nameOf();
  if (v.end === arg.length) return { group: v.value, mask: 0xffffffff };
  if (arg[v.end] !== '/') return nameOf();
  const rest = arg.slice(v.end + 1);
  const m = leadingUint(rest);
  if (m === null) throw paramError(`devgroup: bad integer value for option "--${opt}", or out of range.\n`);
  if (m.end !== rest.length)
    throw paramError(`devgroup: trailing garbage after value for option "--${opt}".\n`);
  return { group: v.value, mask: m.value };
}

/** xtables_print_val_mask: a mask in hex, else the group's name (unless numeric) or its number in hex. */
function valMask(t: { group: number; mask: number }, names: boolean): string {
  if (t.mask !== 0xffffffff) return ` ${hex(t.group)}/${hex(t.mask)}`;
  if (names) for (const [name, id] of GROUP_NAMES) if (id === t.group) return ` ${name}`;
  return ` ${hex(t.group)}`;
}

function show(d: ExtData, prefix: string, names: boolean): string {
  let s = '';
  for (const side of ['src', 'dst'] as const) {
    const t = d[side] as { group: number; mask: number; inv: boolean } | undefined;
    if (t) s += `${t.inv ? ' !' : ''} ${prefix}${side}-group${valMask(t, names)}`;
  }
  return s;
}

/** libxt_devgroup: `[!] --src-group value[/mask]`, `[!] --dst-group value[/mask]`, at least one. */
export const devgroup: ExtSpec = {
  name: 'devgroup',
  options: { 'src-group': { arg: true }, 'dst-group': { arg: true } },
  xtopts: [
    { name: 'src-group', invert: true },
    { name: 'dst-group', invert: true },
  ],
  parse(d, opt, arg, invert) {
    d[opt === 'src-group' ? 'src' : 'dst'] = { ...parseGroup(arg, opt), inv: invert };
  },
  final(d) {
    if (d.src === undefined && d.dst === undefined)
      throw paramError("devgroup match: You must specify either '--src-group' or '--dst-group'");
  },
  save: (d) => show(d, '--', true),
  print: (d, numeric) => show(d, '', !numeric),
};
