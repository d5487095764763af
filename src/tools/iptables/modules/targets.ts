import type { ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { formatIPv4, parseIPv4 } from '../../../net/ipv4.js';
import {
  decimal,
  dottedQuad,
  hex,
  mustHave,
  parseUint,
  parseValueMask,
  xtExclusive,
  xtTable,
} from './util.js';
import { saveString } from './matches-misc.js';

const REJECT_TYPES = [
  'icmp-net-unreachable',
  'icmp-host-unreachable',
  'icmp-port-unreachable',
  'icmp-proto-unreachable',
  'icmp-net-prohibited',
  'icmp-host-prohibited',
  'tcp-reset',
  'icmp-admin-prohibited',
];
const REJECT_ALIASES: Record<string, string> = {
  'net-unreach': 'icmp-net-unreachable',
  'host-unreach': 'icmp-host-unreachable',
  'port-unreach': 'icmp-port-unreachable',
  'proto-unreach': 'icmp-proto-unreachable',
  'net-prohib': 'icmp-net-prohibited',
  'host-prohib': 'icmp-host-prohibited',
  'tcp-rst': 'tcp-reset',
  'admin-prohib': 'icmp-admin-prohibited',
};

export const REJECT: ExtSpec = {
  name: 'REJECT',
  options: { 'reject-with': { arg: true } },
  xtopts: xtTable(['reject-with'], []),
  init: () => ({ with: 'icmp-port-unreachable' }),
  parse(d, _o, arg) {
    const w = REJECT_TYPES.includes(arg) ? arg : REJECT_ALIASES[arg];
    if (!w) throw paramError(`unknown reject type "${arg}"`);
    d.with = w;
  },
  save: (d) => ` --reject-with ${d.with as string}`,
  print: (d) => ` reject-with ${d.with as string}`,
};

const LOG_LEVELS = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];
const LOG_LEVEL_NAMES: Record<string, number> = {
  alert: 1,
  crit: 2,
  debug: 7,
  emerg: 0,
  err: 3,
  error: 3,
  info: 6,
  notice: 5,
  panic: 0,
  warning: 4,
  warn: 4,
};
const LOG_FLAGS: readonly (readonly [string, number])[] = [
  ['log-tcp-sequence', 1],
  ['log-tcp-options', 2],
  ['log-ip-options', 4],
  ['log-uid', 8],
  ['log-macdecode', 0x20],
];

export const LOG: ExtSpec = {
  name: 'LOG',
  options: {
    'log-level': { arg: true },
    'log-prefix': { arg: true },
    ...Object.fromEntries(LOG_FLAGS.map(([n]) => [n, { arg: false }])),
  },
  xtopts: xtTable(['log-level', 'log-prefix', ...LOG_FLAGS.map(([n]) => n)], []),
  init: () => ({ level: 4, flags: 0 }),
  parse(d, opt, arg) {
    if (opt === 'log-level') {
      const n = /^\d+$/.test(arg) ? Number(arg) : LOG_LEVEL_NAMES[arg];
      if (n === undefined || n > 7) throw paramError(`log level "${arg}" unknown\n`);
      d.level = n;
    } else if (opt === 'log-prefix') {
      // iptables-nft keeps what fits the 30-byte xt_log_info.prefix and drops the rest silently.
      d.prefix = arg.slice(0, 29);
    } else d.flags = (d.flags as number) | LOG_FLAGS.find(([n]) => n === opt)![1];
  },
  save(d) {
    let s = '';
    if (d.prefix !== undefined) s += ` --log-prefix${saveString(d.prefix as string)}`;
    if (d.level !== 4) s += ` --log-level ${d.level as number}`;
    for (const [n, bit] of LOG_FLAGS) if ((d.flags as number) & bit) s += ` --${n}`;
    return s;
  },
  print(d, numeric) {
    let s = ' LOG';
    if (numeric) s += ` flags ${d.flags as number} level ${d.level as number}`;
    else {
      s += ` level ${LOG_LEVELS[d.level as number] === 'warning' ? 'warn' : LOG_LEVELS[d.level as number]}`;
      for (const [n, bit] of LOG_FLAGS)
        if ((d.flags as number) & bit) s += ` ${n.replace('log-', '').replace('-', '-')}`;
    }
    if (d.prefix !== undefined) s += ` prefix "${d.prefix as string}"`;
    return s;
  },
};

/** MARK revision 2: everything becomes --set-xmark value/mask on save. */
export const MARK: ExtSpec = {
  name: 'MARK',
  options: {
    'set-mark': { arg: true },
    'set-xmark': { arg: true },
    'and-mark': { arg: true },
    'or-mark': { arg: true },
    'xor-mark': { arg: true },
  },
  xtopts: xtExclusive(['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark']),
  parse(d, opt, arg) {
    const bad = () => paramError(`MARK: bad integer value for option "--${opt}", or out of range.\n`);
    if (opt === 'set-mark' || opt === 'set-xmark') {
      let vm: { value: number; mask: number };
      try {
        vm = parseValueMask(arg, 'MARK');
      } catch {
        throw bad();
      }
      const { value, mask } = vm;
      Object.assign(d, { value, mask: opt === 'set-mark' ? (mask | value) >>> 0 : mask });
      return;
    }
    const n = parseUint(arg);
    if (n === undefined) throw bad();
    if (opt === 'and-mark') Object.assign(d, { value: 0, mask: ~n >>> 0 });
    else if (opt === 'or-mark') Object.assign(d, { value: n, mask: n });
    else Object.assign(d, { value: n, mask: 0 });
  },
  final: (d) => {
    if (d.mask === undefined)
      throw paramError('MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
  },
  save: (d) => ` --set-xmark ${hex(d.value as number)}/${hex(d.mask as number)}`,
  print(d) {
    const v = d.value as number,
      m = d.mask as number;
    if (v === 0) return ` MARK and ${hex(~m >>> 0)}`;
    if (v === m) return ` MARK or ${hex(v)}`;
    if (m === 0) return ` MARK xor ${hex(v)}`;
    if (m === 0xffffffff) return ` MARK set ${hex(v)}`;
    return ` MARK xset ${hex(v)}/${hex(m)}`;
  },
};

export const CONNMARK: ExtSpec = {
  name: 'CONNMARK',
  options: {
    'set-mark': { arg: true },
    'set-xmark': { arg: true },
    'save-mark': { arg: false },
    'restore-mark': { arg: false },
    nfmask: { arg: true },
    ctmask: { arg: true },
    mask: { arg: true },
  },
  xtopts: xtExclusive(
    ['set-xmark', 'set-mark', 'save-mark', 'restore-mark'],
    xtTable(['ctmask', 'nfmask', 'mask'], []),
  ),
  parse(d, opt, arg) {
    if (opt === 'set-mark' || opt === 'set-xmark') {
      const { value, mask } = parseValueMask(arg, 'CONNMARK');
      Object.assign(d, { mode: 'set', value, mask: opt === 'set-mark' ? (mask | value) >>> 0 : mask });
    } else if (opt === 'save-mark' || opt === 'restore-mark') {
      d.mode = opt === 'save-mark' ? 'save' : 'restore';
    } else {
      const n = parseUint(arg);
      if (n === undefined) throw paramError(`Bad CONNMARK mask "${arg}"`);
      if (opt === 'mask') Object.assign(d, { nfmask: n, ctmask: n });
      else d[opt] = n;
    }
  },
  final: (d) => {
    if (d.mode === undefined) throw paramError('CONNMARK target: No operation specified\n');
  },
  save(d) {
    if (d.mode === 'set') return ` --set-xmark ${hex(d.value as number)}/${hex(d.mask as number)}`;
    return ` --${d.mode as string}-mark --nfmask ${hex((d.nfmask as number) ?? 0xffffffff)} --ctmask ${hex((d.ctmask as number) ?? 0xffffffff)}`;
  },
  print(d) {
    if (d.mode === 'set') {
      const v = d.value as number,
        m = d.mask as number;
      if (m === 0xffffffff) return ` CONNMARK set ${hex(v)}`;
      if (v === m) return ` CONNMARK or ${hex(v)}`;
      if (v === 0) return ` CONNMARK and ${hex(~m >>> 0)}`;
      return ` CONNMARK xset ${hex(v)}/${hex(m)}`;
    }
    const nf = (d.nfmask as number) ?? 0xffffffff,
      ct = (d.ctmask as number) ?? 0xffffffff;
    if (nf === 0xffffffff && ct === 0xffffffff) return ` CONNMARK ${d.mode as string}`;
    if (nf === ct) return ` CONNMARK ${d.mode as string} mask ${hex(nf)}`;
    return d.mode === 'save'
      ? ` CONNMARK save nfmask ${hex(nf)} ctmask ~${hex(ct)}`
      : ` CONNMARK restore ctmask ${hex(ct)} nfmask ~${hex(nf)}`;
  },
};

interface NatRange {
  min: number;
  max: number;
  ports?: [number, number];
}

/** `ADDR` or `ADDR:PORT`, what kube-proxy's DNAT rules say, read without the regex; null for any other form. */
function plainNatRange(text: string, ctx: { proto: number }): NatRange | null {
  const colon = text.indexOf(':');
  const addr = dottedQuad(text, colon < 0 ? text.length : colon);
  if (addr === null) return null;
  if (colon < 0) return { min: addr, max: addr };
  const port = decimal(text.slice(colon + 1));
  if (port < 0 || port > 65535 || !NAT_PORT_PROTOS.includes(ctx.proto)) return null;
  return { min: addr, max: addr, ports: [port, port] };
}

/** Protocols with ports a NAT range may give (TCP, UDP, SCTP, DCCP). */
const NAT_PORT_PROTOS = [6, 17, 132, 33];

function parseNatRange(text: string, ctx: { proto: number }, what: string): NatRange {
  const plain = plainNatRange(text, ctx);
  if (plain) return plain;
  const m = /^([\d.]+)?(?:-([\d.]+))?(?::(\d+)(?:-(\d+))?)?$/.exec(text);
  const min = m?.[1] === undefined ? null : parseIPv4(m[1]);
  const max = m?.[2] === undefined ? min : parseIPv4(m[2]);
  if (!m || min === null || max === null) throw paramError(`Bad IP address "${text}"`);
  if (m[3] === undefined) return { min, max };
  if (!NAT_PORT_PROTOS.includes(ctx.proto))
    throw paramError('Need TCP, UDP, SCTP or DCCP with port specification');
  const lo = Number(m[3]);
  const hi = m[4] === undefined ? lo : Number(m[4]);
  if (lo > 65535 || hi > 65535 || lo > hi) throw paramError(`Port range \`${text}' invalid\n`);
  void what;
  return { min, max, ports: [lo, hi] };
}

const natText = (r: NatRange) =>
  `${formatIPv4(r.min)}${r.max !== r.min ? `-${formatIPv4(r.max)}` : ''}${r.ports ? `:${r.ports[0]}${r.ports[1] !== r.ports[0] ? `-${r.ports[1]}` : ''}` : ''}`;

const natFlags = (d: Record<string, unknown>) =>
  `${d.random ? ' --random' : ''}${d.fully ? ' --random-fully' : ''}${d.persistent ? ' --persistent' : ''}`;
const natFlagsPrint = (d: Record<string, unknown>) =>
  `${d.random ? ' random' : ''}${d.fully ? ' random-fully' : ''}${d.persistent ? ' persistent' : ''}`;
const FLAG_OPTS = { random: { arg: false }, 'random-fully': { arg: false }, persistent: { arg: false } };

function natTarget(name: 'DNAT' | 'SNAT'): ExtSpec {
  const opt = name === 'DNAT' ? 'to-destination' : 'to-source';
  return {
    name,
    options: { [opt]: { arg: true }, ...FLAG_OPTS },
    xtopts: xtTable([opt, 'random', 'random-fully', 'persistent'], []),
    parse(d, o, arg, _inv, ctx) {
      if (o === opt) {
        d.range = parseNatRange(arg, ctx, name);
      } else d[o === 'random-fully' ? 'fully' : o] = true;
    },
    final: (d) => {
      if (!d.range) throw paramError(`${name}: option "--${opt}" must be specified\n`);
    },
    save: (d) => ` --${opt} ${natText(d.range as NatRange)}${natFlags(d)}`,
    print: (d) => ` to:${natText(d.range as NatRange)}${natFlagsPrint(d)}`,
  };
}

export const DNAT = natTarget('DNAT');
export const SNAT = natTarget('SNAT');

function parsePorts(arg: string, ctx: { proto: number }): [number, number] {
  if (![6, 17, 132, 33].includes(ctx.proto))
    throw paramError('Need TCP, UDP, SCTP or DCCP with port specification');
  const [a, b] = arg.split('-', 2);
  const lo = Number(a);
  const hi = b === undefined ? lo : Number(b);
  if (!/^\d+$/.test(a) || lo > 65535 || !(hi >= lo && hi <= 65535))
    throw paramError(`Port range \`${arg}' invalid\n`);
  return [lo, hi];
}
const portsText = (p: [number, number]) => (p[0] === p[1] ? `${p[0]}` : `${p[0]}-${p[1]}`);

export const MASQUERADE: ExtSpec = {
  name: 'MASQUERADE',
  options: { 'to-ports': { arg: true }, ...FLAG_OPTS },
  xtopts: xtTable(['to-ports', 'random', 'random-fully', 'persistent'], []),
  parse(d, o, arg, _inv, ctx) {
    if (o === 'to-ports') d.ports = parsePorts(arg, ctx);
    else d[o === 'random-fully' ? 'fully' : o] = true;
  },
  save: (d) => `${d.ports ? ` --to-ports ${portsText(d.ports as [number, number])}` : ''}${natFlags(d)}`,
  print: (d) =>
    `${d.ports ? ` masq ports: ${portsText(d.ports as [number, number])}` : ''}${natFlagsPrint(d)}`,
};

export const REDIRECT: ExtSpec = {
  name: 'REDIRECT',
  options: { 'to-ports': { arg: true }, random: { arg: false } },
  xtopts: xtTable(['to-ports', 'random'], []),
  parse(d, o, arg, _inv, ctx) {
    if (o === 'to-ports') d.ports = parsePorts(arg, ctx);
    else d.random = true;
  },
  save: (d) =>
    `${d.ports ? ` --to-ports ${portsText(d.ports as [number, number])}` : ''}${d.random ? ' --random' : ''}`,
  print: (d) =>
    `${d.ports ? ` redir ports ${portsText(d.ports as [number, number])}` : ''}${d.random ? ' random' : ''}`,
};

export const NOTRACK: ExtSpec = {
  name: 'NOTRACK',
  options: {},
  parse() {},
  save: () => '',
  print: () => ' NOTRACK',
};

export const CT: ExtSpec = {
  name: 'CT',
  options: { notrack: { arg: false }, zone: { arg: true }, helper: { arg: true } },
  xtopts: xtTable(['notrack', 'helper', 'zone'], []),
  parse(d, o, arg) {
    if (o === 'notrack') d.notrack = true;
    else if (o === 'helper') d.helper = arg;
    else d.zone = parseUint(arg, 0xffff);
  },
  save: (d) =>
    `${d.notrack ? ' --notrack' : ''}${d.helper !== undefined ? ` --helper ${d.helper as string}` : ''}${d.zone ? ` --zone ${d.zone as number}` : ''}`,
  print: (d) =>
    ` CT${d.notrack ? ' notrack' : ''}${d.helper !== undefined ? ` helper ${d.helper as string}` : ''}${d.zone ? ` zone ${d.zone as number}` : ''}`,
};

export const TRACE: ExtSpec = {
  name: 'TRACE',
  options: {},
  parse() {},
  save: () => '',
  print: () => '',
};

/** libxt_TOS symbolic values; a name sets the low six bits only (mask 0x3f). */
const TOS_NAMES: Record<string, number> = {
  'minimize-delay': 0x10,
  'maximize-throughput': 0x08,
  'maximize-reliability': 0x04,
  'minimize-cost': 0x02,
  'normal-service': 0x00,
};
const hex2 = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;

export const TOS: ExtSpec = {
  name: 'TOS',
  options: {
    'set-tos': { arg: true },
    'and-tos': { arg: true },
    'or-tos': { arg: true },
    'xor-tos': { arg: true },
  },
  xtopts: xtExclusive(['set-tos', 'and-tos', 'or-tos', 'xor-tos']),
  parse(d, o, arg) {
    if (o !== 'set-tos') {
      const n = parseUint(arg, 0xff);
      if (n === undefined) throw paramError(`TOS: bad value for option "--${o}", or out of range (0-255).\n`);
      const [value, mask] = o === 'and-tos' ? [0, ~n & 0xff] : o === 'or-tos' ? [n, n] : [n, 0];
      Object.assign(d, { value, mask });
      return;
    }
    const named = TOS_NAMES[arg.toLowerCase()];
    if (named !== undefined) {
      Object.assign(d, { value: named, mask: 0x3f });
      return;
    }
    const [v, m] = arg.split('/', 2);
    const value = parseUint(v, 0xff),
      mask = m === undefined ? 0xff : parseUint(m, 0xff);
    if (value === undefined || mask === undefined) throw paramError(`Bad TOS value "${arg}"`);
    Object.assign(d, { value, mask });
  },
  final: (d) => mustHave(d, 'TOS', 'value'),
  save: (d) => ` --set-tos ${hex2(d.value as number)}/${hex2(d.mask as number)}`,
  print: (d) => ` TOS set ${hex2(d.value as number)}/${hex2(d.mask as number)}`,
};

export const TTL: ExtSpec = {
  name: 'TTL',
  options: { 'ttl-set': { arg: true }, 'ttl-dec': { arg: true }, 'ttl-inc': { arg: true } },
  xtopts: xtExclusive(['ttl-set', 'ttl-dec', 'ttl-inc']),
  parse(d, o, arg) {
    const n = parseUint(arg, 255);
    const min = o === 'ttl-set' ? 0 : 1;
    if (n === undefined || n < min)
      throw paramError(`TTL: bad value for option "--${o}", or out of range (${min}-255).\n`);
    Object.assign(d, { mode: o.slice(4), value: n });
  },
  final: (d) => mustHave(d, 'TTL', 'mode'),
  save: (d) => ` --ttl-${d.mode as string} ${d.value as number}`,
  print: (d) =>
    ` TTL ${d.mode === 'set' ? 'set to' : d.mode === 'dec' ? 'decrement by' : 'increment by'} ${d.value as number}`,
};
