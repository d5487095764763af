import type { ExtData, ExtSpec } from './spec.js';
import type { XtOpt } from './util.js';
import { paramError } from '../errors.js';
import { parseUint, xtGiven, xtOptionParse, xtOptionsFcheck, xtString, xtUint } from './util.js';
import { HL } from '../../../kernel/netfilter/matches/hashlimit.js';

/** libxt_hashlimit (revision 3, what iptables 1.8.9 picks for IPv4). */
const BURST_DEFAULT = 5;
const BURST_MAX = 1_000_000;
const GC_INTERVAL = 1000;
/** XT_HASHLIMIT_BYTE_EXPIRE(_BURST): seconds an idle byte-mode bucket lives. */
const BYTE_EXPIRE = 15;
const BYTE_EXPIRE_BURST = 60;
const SCALE = 1_000_000;
const U32_MAX = 0xffffffff;
/** Size of the name buffer in xt_hashlimit_mtinfo3, NUL included. */
const NAME_SIZE = 255;

/** The option table (hashlimit_mt_opts): `--hashlimit` is the old name of `--hashlimit-upto`. */
const OPTS: readonly XtOpt[] = [
  { name: 'hashlimit-upto', invert: true, excl: ['hashlimit-above'] },
  { name: 'hashlimit-above', invert: true, excl: ['hashlimit-upto'] },
  { name: 'hashlimit-srcmask' },
  { name: 'hashlimit-dstmask' },
  { name: 'hashlimit-burst' },
  { name: 'hashlimit-htable-size' },
  { name: 'hashlimit-htable-max' },
  { name: 'hashlimit-htable-gcinterval' },
  { name: 'hashlimit-htable-expire' },
  { name: 'hashlimit-mode' },
  { name: 'hashlimit-name', mandatory: true },
  { name: 'hashlimit-rate-match' },
  { name: 'hashlimit-rate-interval' },
];

const MODES: readonly (readonly [string, number])[] = [
  ['srcip', HL.SIP],
  ['srcport', HL.SPT],
  ['dstip', HL.DIP],
  ['dstport', HL.DPT],
];

/** atoll: leading blanks, a sign, then digits; 0 when there are none. */
const atoll = (s: string): number => {
  const m = /^\s*([-+]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
};

const factor = (c: string | undefined) => (c === 'm' ? 1024 * 1024 : c === 'k' ? 1024 : 1);

/** bytes_to_cost / cost_to_bytes: byte rates travel as the cost of a 16-byte chunk. */
const bytesToCost = (bytes: number) => Math.floor(U32_MAX / ((Math.floor(bytes / 16) % 2 ** 32) + 1));
const costToBytes = (cost: number) => ((cost ? Math.floor(U32_MAX / cost) : U32_MAX) - 1) * 16;

/** parse_bytes: `N[k|m]b/s`; false when the text is not a byte rate. */
function parseBytes(d: ExtData, text: string): boolean {
  const at = text.indexOf('b/s');
  if (at <= 0) return false;
  const r = atoll(text);
  if (r === 0) return false;
  const cost = bytesToCost(r * factor(text[at - 1]));
  if (cost === 0) throw paramError(`Rate too high "${text}"`);
  d.avg = cost;
  d.mult = BYTE_EXPIRE;
  return true;
}

/** parse_rate: `N[/second|minute|hour|day]`, any prefix of the unit. */
function parseRate(d: ExtData, text: string): boolean {
  let mult = 1;
  const slash = text.indexOf('/');
  if (slash >= 0) {
    const unit = text.slice(slash + 1).toLowerCase();
    const found = (
      [
        ['second', 1],
        ['minute', 60],
        ['hour', 3600],
        ['day', 86400],
      ] as const
    ).find(([name]) => unit !== '' && name.startsWith(unit));
    if (!found) return false;
    mult = found[1];
  }
  const r = atoll(text);
  if (!r) return false;
  const avg = Math.floor((SCALE * mult) / r);
  if (avg === 0) throw paramError(`Rate too fast "${text}"`);
  d.avg = avg;
  d.mult = mult;
  return true;
}

/** parse_burst: xtables_strtoul, then a k or m suffix multiplies. */
function parseBurst(text: string): number {
  const m = /^\s*\+?(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)(.*)$/is.exec(text);
  const v = m ? (parseUint(m[1]) ?? NaN) : NaN;
  if (!(v >= 1) || (m![2] === '' && v > BURST_MAX))
    throw paramError(`bad value for option "--hashlimit-burst", or out of range (1-${BURST_MAX}).`);
  return v * factor(m![2][0]);
}

/** XTTYPE_PLEN: a prefix length (the kernel refuses above 32) or a dotted netmask. */
function parsePlen(text: string, opt: string): number {
  const n = parseUint(text, 128);
  if (n !== undefined) return n;
  const parts = text.split('.');
  if (parts.length === 4 && parts.every((p) => /^\d+$/.test(p) && Number(p) <= 255)) {
    const mask = parts.reduce((a, p) => a * 256 + Number(p), 0);
    const len = 32 - Math.log2(2 ** 32 - mask);
    if (Number.isInteger(len)) return len;
  }
  throw paramError(
    `hashlimit: bad value for option "--${opt}", neither a valid network mask nor valid CIDR (0-32).\n`,
  );
}

function parseUptoAbove(d: ExtData, opt: string, arg: string, invert: boolean): void {
  const above = opt === 'hashlimit-above';
  if (above !== invert) d.mode = (d.mode as number) | HL.INVERT;
  if (parseBytes(d, arg)) d.mode = (d.mode as number) | HL.BYTES;
  else if (!parseRate(d, arg)) throw paramError(`hashlimit: Bad value for "--${opt}" option: "${arg}"`);
}

const PARSERS: Record<string, (d: ExtData, arg: string, invert: boolean, opt: string) => void> = {
  'hashlimit-upto': (d, arg, invert, opt) => parseUptoAbove(d, opt, arg, invert),
  'hashlimit-above': (d, arg, invert, opt) => parseUptoAbove(d, opt, arg, invert),
  'hashlimit-srcmask': (d, arg, _i, opt) => void (d.srcmask = parsePlen(arg, opt)),
  'hashlimit-dstmask': (d, arg, _i, opt) => void (d.dstmask = parsePlen(arg, opt)),
  'hashlimit-burst': (d, arg) => void (d.burst = parseBurst(arg)),
  'hashlimit-htable-size': (d, arg, _i, opt) => void (d.size = xtUint('hashlimit', opt, arg)),
  'hashlimit-htable-max': (d, arg, _i, opt) => void (d.max = xtUint('hashlimit', opt, arg)),
  'hashlimit-htable-gcinterval': (d, arg, _i, opt) => void (d.gcInterval = xtUint('hashlimit', opt, arg)),
  'hashlimit-htable-expire': (d, arg, _i, opt) => void (d.expire = xtUint('hashlimit', opt, arg)),
  'hashlimit-name': (d, arg) => void (d.name = xtString(arg, NAME_SIZE, 1)),
  'hashlimit-rate-match': (d) => void (d.mode = (d.mode as number) | HL.RATE_MATCH),
  'hashlimit-mode'(d, arg) {
    let mode = d.mode as number;
    for (const tok of arg.split(/[,|]/).filter((t) => t !== '')) {
      const bit = MODES.find(([n]) => n === tok)?.[1];
      if (bit === undefined) throw paramError(`hashlimit: Bad value for "--hashlimit-mode" option: "${arg}"`);
      mode |= bit;
    }
    d.mode = mode;
  },
  'hashlimit-rate-interval'(d, arg) {
    const n = atoll(arg);
    if (n <= 0) throw paramError(`hashlimit: Bad value for "--hashlimit-rate-interval" option: "${arg}"`);
    d.interval = n;
  },
};

/** hashlimit_mt_check: the default expiry, byte bursts in units of the rate, rate-match scaling. */
function check(d: ExtData, given: (opt: string) => boolean): void {
  if (!given('hashlimit-upto') && !given('hashlimit-above'))
    throw paramError('You have to specify --hashlimit');
  const mult = d.mult as number;
  if (!given('hashlimit-htable-expire')) d.expire = mult * 1000;
  const mode = d.mode as number;
  if (mode & HL.BYTES) {
    let burst = 0;
    if (given('hashlimit-burst')) {
      const unit = costToBytes(d.avg as number);
      const bytes = d.burst as number;
      if (bytes < unit) throw paramError(`burst cannot be smaller than ${unit}b`);
      burst = Math.ceil(bytes / unit);
      if (!given('hashlimit-htable-expire')) d.expire = BYTE_EXPIRE_BURST * 1000;
    }
    d.burst = burst;
  } else if ((d.burst as number) > BURST_MAX)
    throw paramError(`bad value for option "--hashlimit-burst", or out of range (1-${BURST_MAX}).`);
  if (mode & HL.RATE_MATCH) {
    if (!(mode & HL.BYTES)) d.avg = Math.floor((d.avg as number) / mult);
    if (d.interval === 0) d.interval = mode & HL.BYTES ? 1 : mult;
  }
}

const RATES: readonly (readonly [string, number])[] = [
  ['day', SCALE * 86400],
  ['hour', SCALE * 3600],
  ['min', SCALE * 60],
  ['sec', SCALE],
];

/** print_rate: the coarsest unit that divides without loss; returns that unit in ms. */
function rateText(period: number): [string, number] {
  if (period === 0) return [' inf', 0];
  let i = 1;
  for (; i < RATES.length; i++) {
    const mult = RATES[i][1];
    if (period > mult || Math.floor(mult / period) < mult % period) break;
  }
  const [name, mult] = RATES[i - 1];
  return [` ${Math.floor(mult / period)}/${name}`, (mult / SCALE) * 1000];
}

const UNITS: readonly (readonly [string, number])[] = [
  ['m', 1024 * 1024],
  ['k', 1024],
  ['', 1],
];

/** print_bytes: the rate in the largest unit that parses back to the same cost, then the burst. */
function bytesText(avg: number, burst: number, prefix: string): [string, number] {
  let r = costToBytes(avg);
  let i = 0;
  for (; i < UNITS.length - 1; i++) {
    const t = UNITS[i][1];
    // The C mask ~(thresh - 1) is 32 bits wide: it also clears everything above bit 31.
    const low = r % 2 ** 32;
    if (r >= t && bytesToCost(low - (low % t)) === avg) break;
  }
  let s = ` ${Math.floor(r / UNITS[i][1])}${UNITS[i][0]}b/s`;
  if (burst === 0) return [s, BYTE_EXPIRE * 1000];
  r *= burst;
  for (i = 0; i < UNITS.length - 1; i++) if (r >= UNITS[i][1]) break;
  s += ` ${prefix}burst ${Math.floor(r / UNITS[i][1])}${UNITS[i][0]}b`;
  return [s, BYTE_EXPIRE_BURST * 1000];
}

const modeText = (mode: number, sep: string) =>
  MODES.filter(([, bit]) => mode & bit)
    .map(([n]) => n)
    .join(sep);

/**
 * hashlimit_mt_save (`--` prefix) and hashlimit_mt_print: -L shows the
 * rate-match period times its interval, save the stored average.
 */
function text(d: ExtData, save: boolean): string {
  const mode = d.mode as number;
  const o = save ? '--hashlimit-' : '';
  let s = save
    ? mode & HL.INVERT
      ? ' --hashlimit-above'
      : ' --hashlimit-upto'
    : mode & HL.INVERT
      ? ' limit: above'
      : ' limit: up to';
  let quantum: number;
  if (mode & HL.BYTES) {
    const [t, q] = bytesText(d.avg as number, d.burst as number, o);
    s += t;
    quantum = q;
  } else {
    const interval = d.interval as number;
    const period = !save && interval !== 0 ? (d.avg as number) * interval : (d.avg as number);
    const [t, q] = rateText(period);
    s += `${t} ${o}burst ${d.burst as number}`;
    quantum = q;
  }
  if (mode & (HL.SIP | HL.SPT | HL.DIP | HL.DPT)) s += ` ${o}mode ${modeText(mode, save ? ',' : '-')}`;
  if (save) s += ` --hashlimit-name ${d.name as string}`;
  if (d.size) s += ` ${o}htable-size ${d.size as number}`;
  if (d.max) s += ` ${o}htable-max ${d.max as number}`;
  if (d.gcInterval !== GC_INTERVAL) s += ` ${o}htable-gcinterval ${d.gcInterval as number}`;
  if (d.expire !== quantum) s += ` ${o}htable-expire ${d.expire as number}`;
  if (d.srcmask !== 32) s += ` ${o}srcmask ${d.srcmask as number}`;
  if (d.dstmask !== 32) s += ` ${o}dstmask ${d.dstmask as number}`;
  if (mode & HL.RATE_MATCH) {
    s += ` ${o}rate-match`;
    if (d.interval !== 1) s += ` ${o}rate-interval ${d.interval as number}`;
  }
  return s;
}

export const hashlimit: ExtSpec = {
  name: 'hashlimit',
  options: {
    hashlimit: { arg: true },
    'hashlimit-upto': { arg: true },
    'hashlimit-above': { arg: true },
    'hashlimit-srcmask': { arg: true },
    'hashlimit-dstmask': { arg: true },
    'hashlimit-burst': { arg: true },
    'hashlimit-htable-size': { arg: true },
    'hashlimit-htable-max': { arg: true },
    'hashlimit-htable-gcinterval': { arg: true },
    'hashlimit-htable-expire': { arg: true },
    'hashlimit-mode': { arg: true },
    'hashlimit-name': { arg: true },
    'hashlimit-rate-match': { arg: false },
    'hashlimit-rate-interval': { arg: true },
  },
  init: () => ({
    mode: 0,
    avg: 0,
    burst: BURST_DEFAULT,
    size: 0,
    max: 0,
    gcInterval: GC_INTERVAL,
    expire: 0,
    srcmask: 32,
    dstmask: 32,
    interval: 0,
    mult: 1,
  }),
  parse(d, opt, arg, invert) {
    // The old `--hashlimit` shares the id (and so the once-only flag) of --hashlimit-upto.
    const id = opt === 'hashlimit' ? 'hashlimit-upto' : opt;
    xtOptionParse(d, 'hashlimit', OPTS, id, invert);
    PARSERS[id](d, arg, invert, opt === 'hashlimit' ? id : opt);
  },
  final(d) {
    check(d, (opt) => xtGiven(d, opt));
    xtOptionsFcheck(d, 'hashlimit', OPTS);
    delete d.mult;
  },
  save: (d) => text(d, true),
  print: (d) => text(d, false),
};
