import type { ExtData, ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { formatIPv4, parseIPv4 } from '../../../net/ipv4.js';
import { hex, mustHave, parseUint, parseValueMask, xtTable } from './util.js';

/** xtables_save_string: bare when only [_-0-9A-Za-z], else double-quoted with \ escapes. */
export function saveString(value: string): string {
  if (/^[-_0-9A-Za-z]+$/.test(value)) return ` ${value}`;
  return ` "${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

const markText = (v: number, m: number) => (m === 0xffffffff ? ` ${hex(v)}` : ` ${hex(v)}/${hex(m)}`);

function markArg(arg: string, ext: string): { value: number; mask: number } {
  try {
    return parseValueMask(arg, ext);
  } catch {
    throw paramError(`${ext}: bad integer value for option "--mark", or out of range.\n`);
  }
}
function markGiven(d: ExtData, ext: string): void {
  if (d.value === undefined) throw paramError(`${ext}: option "--mark" must be specified\n`);
}

export const comment: ExtSpec = {
  name: 'comment',
  options: { comment: { arg: true } },
  xtopts: xtTable(['comment'], []),
  parse(d, _o, arg) {
    if (arg.length > 255) throw paramError(`comment: option "--comment" argument too long`);
    d.comment = arg;
  },
  final: (d) => mustHave(d, 'comment', 'comment'),
  save: (d) => ` --comment${saveString(d.comment as string)}`,
  print: (d) => ` /* ${d.comment as string} */`,
};

export const mark: ExtSpec = {
  name: 'mark',
  options: { mark: { arg: true } },
  xtopts: xtTable(['mark']),
  parse(d, _o, arg, invert) {
    Object.assign(d, markArg(arg, 'mark'), { inv: invert });
  },
  final: (d) => markGiven(d, 'mark'),
  save: (d) => `${d.inv ? ' !' : ''} --mark${markText(d.value as number, d.mask as number)}`,
  print: (d) => ` mark match${d.inv ? ' !' : ''}${markText(d.value as number, d.mask as number)}`,
};

export const connmark: ExtSpec = {
  name: 'connmark',
  options: { mark: { arg: true } },
  xtopts: xtTable(['mark']),
  parse(d, _o, arg, invert) {
    Object.assign(d, markArg(arg, 'connmark'), { inv: invert });
  },
  final: (d) => markGiven(d, 'connmark'),
  save: (d) => `${d.inv ? ' !' : ''} --mark${markText(d.value as number, d.mask as number)}`,
  print: (d) => ` connmark match ${d.inv ? '!' : ''}${markText(d.value as number, d.mask as number)}`,
};

export const mac: ExtSpec = {
  name: 'mac',
  options: { 'mac-source': { arg: true } },
  xtopts: xtTable(['mac-source']),
  parse(d, _o, arg, invert) {
    if (!/^([0-9a-f]{1,2}:){5}[0-9a-f]{1,2}$/i.test(arg)) throw paramError('Invalid MAC address specified.');
    d.mac = arg
      .split(':')
      .map((b) => b.toLowerCase().padStart(2, '0'))
      .join(':');
    d.inv = invert;
  },
  final: (d) => mustHave(d, 'mac', 'mac'),
  save: (d) => `${d.inv ? ' !' : ''} --mac-source ${d.mac as string}`,
  print: (d) => ` MAC${d.inv ? ' !' : ''} ${d.mac as string}`,
};

function parseRange(text: string, opt: string): [number, number] {
  const [a, b] = text.split('-', 2);
  const lo = parseIPv4(a);
  const hi = b === undefined ? lo : parseIPv4(b);
  if (lo === null || hi === null) throw paramError(`iprange: Bad value for "--${opt}" option: "${text}"`);
  return [lo, hi];
}
const rangeText = (r: [number, number]) => `${formatIPv4(r[0])}-${formatIPv4(r[1])}`;

export const iprange: ExtSpec = {
  name: 'iprange',
  options: { 'src-range': { arg: true }, 'dst-range': { arg: true } },
  xtopts: xtTable(['src-range', 'dst-range']),
  parse(d, opt, arg, invert) {
    const key = opt === 'src-range' ? 'src' : 'dst';
    d[key] = parseRange(arg, opt);
    d[`${key}Inv`] = invert;
  },
  save(d) {
    let s = '';
    for (const k of ['src', 'dst'])
      if (d[k]) s += `${d[`${k}Inv`] ? ' !' : ''} --${k}-range ${rangeText(d[k] as [number, number])}`;
    return s;
  },
  print(d) {
    let s = '';
    if (d.src) s += ` source IP range ${d.srcInv ? '! ' : ''}${rangeText(d.src as [number, number])}`;
    if (d.dst) s += ` destination IP range ${d.dstInv ? '! ' : ''}${rangeText(d.dst as [number, number])}`;
    return s;
  },
};

const ADDR_TYPES = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];

function parseTypes(text: string): number {
  let bits = 0;
  for (const w of text.split(',')) {
    const i = ADDR_TYPES.indexOf(w.toUpperCase());
    if (i < 0) throw paramError(`addrtype: bad type "${w}"`);
    bits |= 1 << i;
  }
  return bits;
}
const typesText = (bits: number) => ADDR_TYPES.filter((_, i) => bits & (1 << i)).join(',');

export const addrtype: ExtSpec = {
  name: 'addrtype',
  options: {
    'src-type': { arg: true },
    'dst-type': { arg: true },
    'limit-iface-in': { arg: false },
    'limit-iface-out': { arg: false },
  },
  xtopts: [
    ...xtTable(['src-type', 'dst-type']),
    { name: 'limit-iface-in', excl: ['limit-iface-out'] },
    { name: 'limit-iface-out', excl: ['limit-iface-in'] },
  ],
  parse(d, opt, arg, invert) {
    if (opt === 'src-type' || opt === 'dst-type') {
      const k = opt.slice(0, 3);
      d[k] = parseTypes(arg);
      d[`${k}Inv`] = invert;
    } else {
      d.limit = opt === 'limit-iface-in' ? 'in' : 'out';
    }
  },
  final(d) {
    if (d.src === undefined && d.dst === undefined)
      throw paramError('addrtype: you must specify --src-type or --dst-type');
  },
  save(d) {
    let s = '';
    for (const k of ['src', 'dst'])
      if (d[k] !== undefined) s += `${d[`${k}Inv`] ? ' !' : ''} --${k}-type ${typesText(d[k] as number)}`;
    if (d.limit) s += ` --limit-iface-${d.limit as string}`;
    return s;
  },
  print(d) {
    let s = ' ADDRTYPE match';
    for (const k of ['src', 'dst'])
      if (d[k] !== undefined) s += ` ${k}-type ${d[`${k}Inv`] ? '!' : ''}${typesText(d[k] as number)}`;
    if (d.limit) s += ` limit-${d.limit as string}`;
    return s;
  },
};

const SCALE = 10000;
const RATES: readonly (readonly [string, number])[] = [
  ['day', 86400 * SCALE],
  ['hour', 3600 * SCALE],
  ['min', 60 * SCALE],
  ['sec', SCALE],
];

function parseRate(text: string): number {
  const m = /^(\d+)(?:\/(\w+))?$/.exec(text);
  const unit = m?.[2]?.toLowerCase();
  const mult =
    unit === undefined
      ? SCALE
      : [
          ['second', SCALE],
          ['minute', 60 * SCALE],
          ['hour', 3600 * SCALE],
          ['day', 86400 * SCALE],
        ].find(([n]) => (n as string).startsWith(unit))?.[1];
  const r = Number(m?.[1]);
  if (!m || mult === undefined || !r) throw paramError(`bad rate "${text}"'`);
  if (r > (mult as number)) throw paramError(`Rate too fast "${text}"\n`);
  return Math.floor((mult as number) / r);
}

/** print_rate: the coarsest unit that divides without loss. */
function rateText(period: number): string {
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i][1];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  return `${Math.floor(RATES[i - 1][1] / period)}/${RATES[i - 1][0]}`;
}

export const limit: ExtSpec = {
  name: 'limit',
  options: { limit: { arg: true }, 'limit-burst': { arg: true } },
  xtopts: xtTable(['limit', 'limit-burst'], []),
  init: () => ({ avg: (SCALE * 3600) / 3, burst: 5 }),
  parse(d, opt, arg) {
    if (opt === 'limit') d.avg = parseRate(arg);
    else {
      const b = parseUint(arg, 10000);
      if (b === undefined || b === 0)
        throw paramError(`limit: bad value for option "--limit-burst", or out of range (1-10000).`);
      d.burst = b;
    }
  },
  save: (d) =>
    ` --limit ${rateText(d.avg as number)}${d.burst !== 5 ? ` --limit-burst ${d.burst as number}` : ''}`,
  print: (d) => ` limit: avg ${rateText(d.avg as number)} burst ${d.burst as number}`,
};

/** libxt_statistic's option table: id order, invertible ones, exclusions and companions. */
const STATISTIC_OPTS: readonly XtOpt[] = [
  { name: 'mode', mandatory: true },
  { name: 'probability', invert: true, excl: ['every', 'packet'] },
  { name: 'every', invert: true, also: ['packet'], excl: ['probability'] },
  { name: 'packet', also: ['every'], excl: ['probability'] },
];

export const statistic: ExtSpec = {
  name: 'statistic',
  options: { mode: { arg: true }, probability: { arg: true }, every: { arg: true }, packet: { arg: true } },
  xtopts: STATISTIC_OPTS,
  parse(d, opt, arg, invert) {
    if (invert) d.inv = true;
    if (opt === 'mode') {
      if (arg !== 'random' && arg !== 'nth') throw paramError(`Bad mode "${arg}"`);
      d.mode = arg;
    } else if (opt === 'probability') {
      const p = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(arg) ? Number(arg) : NaN;
      if (!(p >= 0 && p <= 1))
        throw paramError(`statistic: bad value for option "--probability", or out of range (0-1).\n`);
      d.probability = Math.round(p * 0x80000000);
    } else {
      const min = opt === 'every' ? 1 : 0;
      const n = parseUint(arg);
      if (n === undefined || n < min)
        throw paramError(
          `statistic: bad value for option "--${opt}", or out of range (${min}-4294967295).\n`,
        );
      d[opt] = n;
    }
  },
  // statistic_check, then xtables_options_fcheck: the mode defaults to random until given.
  final(d) {
    const mode = d.mode ?? 'random';
    if (mode === 'random' && d.probability === undefined)
      throw paramError('--probability must be specified when using random mode');
    if (mode === 'nth' && d.every === undefined && d.packet === undefined)
      throw paramError('--every and --packet must be specified when using nth mode');
    // every is stored decremented in the kernel struct, so p must be below it.
    if (((d.packet as number) ?? 0) > ((d.every as number) ?? 1) - 1)
      throw paramError('the --packet p must be 0 <= p <= n-1');
  },
  save: (d) => statText(d, '--'),
  print: (d) => ` statistic${statText(d, '')}`,
};

function statText(d: ExtData, prefix: string): string {
  const inv = d.inv ? ' !' : '';
  if (d.mode === 'random')
    return ` ${prefix}mode random${inv} ${prefix}probability ${(((d.probability as number) ?? 0) / 0x80000000).toFixed(11)}`;
  const packet = (d.packet as number) ?? 0;
  return ` ${prefix}mode nth${inv} ${prefix}every ${d.every as number}${packet || prefix ? ` ${prefix}packet ${packet}` : ''}`;
}

export const length: ExtSpec = {
  name: 'length',
  options: { length: { arg: true } },
  xtopts: xtTable(['length']),
  parse(d, _o, arg, invert) {
    const [a, b] = arg.split(':', 2);
    const lo = a === '' ? 0 : parseUint(a, 0xffff);
    const hi = b === undefined ? lo : b === '' ? 0xffff : parseUint(b, 0xffff);
    if (lo === undefined || hi === undefined)
      throw paramError(`length: bad value for option "--length" near "${arg}", or out of range (0-65535).\n`);
    Object.assign(d, { min: lo, max: hi, inv: invert });
  },
  final: (d) => mustHave(d, 'length', 'min'),
  save: (d) => `${d.inv ? ' !' : ''} --length ${lenText(d)}`,
  print: (d) => ` length ${d.inv ? '!' : ''}${lenText(d)}`,
};
const lenText = (d: ExtData) =>
  d.min === d.max ? `${d.min as number}` : `${d.min as number}:${d.max as number}`;

const PKT_TYPES = ['unicast', 'broadcast', 'multicast', 'host', 'otherhost'];
export const pkttype: ExtSpec = {
  name: 'pkttype',
  options: { 'pkt-type': { arg: true } },
  xtopts: xtTable(['pkt-type']),
  parse(d, _o, arg, invert) {
    if (!PKT_TYPES.includes(arg.toLowerCase())) throw paramError(`Bad packet type '${arg}'`);
    Object.assign(d, { type: arg.toLowerCase() === 'host' ? 'unicast' : arg.toLowerCase(), inv: invert });
  },
  final: (d) => mustHave(d, 'pkttype', 'type'),
  save: (d) => `${d.inv ? ' !' : ''} --pkt-type ${d.type as string}`,
  print: (d) => ` PKTTYPE ${d.inv ? '!' : ''}= ${d.type as string}`,
};

const PHYSDEV_ORDER = ['physdev-is-in', 'physdev-in', 'physdev-is-out', 'physdev-out', 'physdev-is-bridged'];
export const physdev: ExtSpec = {
  name: 'physdev',
  options: {
    'physdev-in': { arg: true },
    'physdev-out': { arg: true },
    'physdev-is-in': { arg: false },
    'physdev-is-out': { arg: false },
    'physdev-is-bridged': { arg: false },
  },
  xtopts: xtTable(['physdev-in', 'physdev-out', 'physdev-is-in', 'physdev-is-out', 'physdev-is-bridged']),
  parse(d, opt, arg, invert) {
    // xtables_parse_interface, as for -i/-o.
    if (arg.length > 15) throw paramError(`interface name \`${arg}' must be shorter than IFNAMSIZ (15)`);
    d[opt] = { value: arg, inv: invert };
  },
  final(d) {
    if (Object.keys(d).length === 0) throw paramError('PHYSDEV: no physdev option specified');
  },
  save: (d) => physText(d),
  print: (d) => ` PHYSDEV match${physText(d)}`,
};
function physText(d: ExtData): string {
  let s = '';
  for (const k of PHYSDEV_ORDER) {
    const o = d[k] as { value: string; inv: boolean } | undefined;
    // A name is printed even when empty (`--physdev-out ''` saves as `--physdev-out `).
    if (o) s += `${o.inv ? ' !' : ''} --${k}${physdev.options[k].arg ? ` ${o.value}` : ''}`;
  }
  return s;
}

export const owner: ExtSpec = {
  name: 'owner',
  options: { 'uid-owner': { arg: true }, 'gid-owner': { arg: true }, 'socket-exists': { arg: false } },
  xtopts: xtTable(['uid-owner', 'gid-owner', 'socket-exists']),
  parse(d, opt, arg, invert) {
    if (opt === 'socket-exists') {
      d.socket = { inv: invert };
      return;
    }
    const name = arg === 'root' ? '0' : arg;
    const [a, b] = name.split('-', 2);
    const lo = parseUint(a);
    const hi = b === undefined ? lo : parseUint(b);
    if (lo === undefined || hi === undefined)
      throw paramError(`owner: Bad value for "--${opt}" option: "${arg}"`);
    d[opt === 'uid-owner' ? 'uid' : 'gid'] = { lo, hi, inv: invert };
  },
  save(d) {
    let s = '';
    for (const k of ['uid', 'gid']) {
      const o = d[k] as { lo: number; hi: number; inv: boolean } | undefined;
      if (o) s += `${o.inv ? ' !' : ''} --${k}-owner ${o.lo === o.hi ? o.lo : `${o.lo}-${o.hi}`}`;
    }
    if (d.socket) s += `${(d.socket as { inv: boolean }).inv ? ' !' : ''} --socket-exists`;
    return s;
  },
  print(d, numeric) {
    let s = '';
    for (const k of ['uid', 'gid']) {
      const o = d[k] as { lo: number; hi: number; inv: boolean } | undefined;
      if (!o) continue;
      const id = o.lo === o.hi ? (!numeric && o.lo === 0 ? 'root' : `${o.lo}`) : `${o.lo}-${o.hi}`;
      s += `${o.inv ? ' !' : ''} owner ${k.toUpperCase()} match ${id}`;
    }
    if (d.socket) s += ` ${(d.socket as { inv: boolean }).inv ? '! ' : ''}owner socket exists`;
    return s;
  },
};
