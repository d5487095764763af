import { maskOf, parseIPv4 } from '../../net/ipv4.js';
import { TCP_STATES } from '../../kernel/netfilter/conntrack/proto-tcp.js';

/** A command-line error: conntrack's exit_error(PARAMETER_PROBLEM, ...) text, exit status 2. */
export class ParamError extends Error {}

export type CommandName = 'L' | 'G' | 'D' | 'I' | 'U' | 'E' | 'F' | 'C' | 'S' | 'h' | 'V';

interface AddrFilter {
  readonly addr: number;
  readonly mask: number;
}

/** What the command line asked for. */
export interface CtArgs {
  command: CommandName | null;
  table: string;
  orig: { src?: AddrFilter; dst?: AddrFilter; sport?: number; dport?: number };
  reply: { src?: AddrFilter; dst?: AddrFilter; sport?: number; dport?: number };
  proto?: number;
  tcpState?: string;
  icmp: { type?: number; code?: number; id?: number };
  mark?: { value: number; mask: number };
  status?: number;
  nat?: { kind: 'src' | 'dst' | 'any'; addr?: number };
  family: 'ipv4' | 'ipv6';
  output: { extended: boolean; id: boolean; xml: boolean };
}

const COMMANDS: Readonly<Record<string, CommandName>> = {
  L: 'L',
  dump: 'L',
  G: 'G',
  get: 'G',
  D: 'D',
  delete: 'D',
  I: 'I',
  create: 'I',
  U: 'U',
  update: 'U',
  E: 'E',
  event: 'E',
  F: 'F',
  flush: 'F',
  C: 'C',
  count: 'C',
  S: 'S',
  stats: 'S',
  h: 'h',
  help: 'h',
  V: 'V',
  version: 'V',
};

/** Options and the canonical long name conntrack reports them by (`Illegal option `--src'`). */
const OPTIONS: Readonly<Record<string, { name: string; arg: 'yes' | 'optional' | 'no' }>> = {
  s: { name: 'src', arg: 'yes' },
  src: { name: 'src', arg: 'yes' },
  'orig-src': { name: 'src', arg: 'yes' },
  d: { name: 'dst', arg: 'yes' },
  dst: { name: 'dst', arg: 'yes' },
  'orig-dst': { name: 'dst', arg: 'yes' },
  r: { name: 'reply-src', arg: 'yes' },
  'reply-src': { name: 'reply-src', arg: 'yes' },
  q: { name: 'reply-dst', arg: 'yes' },
  'reply-dst': { name: 'reply-dst', arg: 'yes' },
  p: { name: 'protonum', arg: 'yes' },
  protonum: { name: 'protonum', arg: 'yes' },
  f: { name: 'family', arg: 'yes' },
  family: { name: 'family', arg: 'yes' },
  t: { name: 'timeout', arg: 'yes' },
  timeout: { name: 'timeout', arg: 'yes' },
  u: { name: 'status', arg: 'yes' },
  status: { name: 'status', arg: 'yes' },
  m: { name: 'mark', arg: 'yes' },
  mark: { name: 'mark', arg: 'yes' },
  n: { name: 'src-nat', arg: 'optional' },
  'src-nat': { name: 'src-nat', arg: 'optional' },
  g: { name: 'dst-nat', arg: 'optional' },
  'dst-nat': { name: 'dst-nat', arg: 'optional' },
  j: { name: 'any-nat', arg: 'optional' },
  'any-nat': { name: 'any-nat', arg: 'optional' },
  o: { name: 'output', arg: 'yes' },
  output: { name: 'output', arg: 'yes' },
  z: { name: 'zero', arg: 'no' },
  zero: { name: 'zero', arg: 'no' },
  e: { name: 'event-mask', arg: 'yes' },
  'event-mask': { name: 'event-mask', arg: 'yes' },
  w: { name: 'zone', arg: 'yes' },
  zone: { name: 'zone', arg: 'yes' },
  b: { name: 'buffer-size', arg: 'yes' },
  'buffer-size': { name: 'buffer-size', arg: 'yes' },
  c: { name: 'secmark', arg: 'yes' },
  secmark: { name: 'secmark', arg: 'yes' },
  l: { name: 'label', arg: 'yes' },
  label: { name: 'label', arg: 'yes' },
};

/** Options a protocol adds once -p names it (its extension's opts). */
const PROTO_OPTIONS: Readonly<Record<number, readonly string[]>> = {
  6: ['sport', 'orig-port-src', 'dport', 'orig-port-dst', 'reply-port-src', 'reply-port-dst', 'state'],
  17: ['sport', 'orig-port-src', 'dport', 'orig-port-dst', 'reply-port-src', 'reply-port-dst'],
  1: ['icmp-type', 'icmp-code', 'icmp-id'],
};

/** Which options each command accepts (conntrack's commands_v_options, for the ones emulated). */
const FILTERS = [
  'src',
  'dst',
  'reply-src',
  'reply-dst',
  'protonum',
  'family',
  'mark',
  'status',
  'src-nat',
  'dst-nat',
  'any-nat',
  'zone',
];
const ALLOWED: Partial<Record<CommandName, readonly string[]>> = {
  L: [...FILTERS, 'output', 'zero', 'label'],
  D: [...FILTERS, 'output', 'label'],
  F: [],
  C: [],
  S: [],
};

const PROTOS: Readonly<Record<string, number>> = {
  tcp: 6,
  udp: 17,
  icmp: 1,
  udplite: 136,
  sctp: 132,
  dccp: 33,
  gre: 47,
  icmpv6: 58,
};

function parseAddr(text: string): AddrFilter {
  const [a, l] = text.split('/', 2);
  const addr = parseIPv4(a);
  const len = l === undefined ? 32 : Number(l);
  if (addr === null || !Number.isInteger(len) || len < 0 || len > 32)
    throw new ParamError(`Invalid IP address \`${text}'`);
  return { addr: (addr & maskOf(len)) >>> 0, mask: maskOf(len) };
}

/** strtoul-like: the leading digits (conntrack does not reject trailing junk in ports). */
const leadingNumber = (text: string): number => Number.parseInt(text, 10) || 0;

/** strtoul(text, NULL, 0) on 32 bits: 0x hex, 0 octal, else decimal; junk ends the number. */
function strtoul(text: string): number {
  const m = /^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!m) return 0;
  const d = m[1];
  const n = /^0[xX]/.test(d)
    ? Number.parseInt(d.slice(2), 16)
    : d.length > 1 && d[0] === '0'
      ? Number.parseInt(d, 8)
      : Number(d);
  return n >>> 0;
}

const STATUS_BITS: Readonly<Record<string, number>> = {
  EXPECTED: 1,
  SEEN_REPLY: 2,
  ASSURED: 4,
  CONFIRMED: 8,
  UNSET: 0,
};

/** Parses argv (without argv[0]) as conntrack 1.4.7's getopt_long loop does. */
export function parseArgs(argv: readonly string[]): CtArgs {
  const a: CtArgs = {
    command: null,
    table: 'conntrack',
    orig: {},
    reply: {},
    icmp: {},
    family: 'ipv4',
    output: { extended: false, id: false, xml: false },
  };
  const seen: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    } else if (arg.startsWith('-') && arg.length > 1) {
      name = arg[1];
      inline = arg.length > 2 ? arg.slice(2) : undefined;
    } else continue;
    const cmd = COMMANDS[name];
    if (cmd) {
      if (a.command !== null) throw new ParamError('Invalid commands combination');
      a.command = cmd;
      const next =
        inline ?? (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-') ? argv[++i] : undefined);
      if (next !== undefined && cmd !== 'h' && cmd !== 'V') {
        if (!['conntrack', 'expect', 'dying', 'unconfirmed'].includes(next))
          throw new ParamError(`unknown type \`${next}'`);
        a.table = next;
      }
      continue;
    }
    const opt = OPTIONS[name];
    const protoOpt = a.proto !== undefined && PROTO_OPTIONS[a.proto]?.includes(name) ? name : undefined;
    if (!opt && !protoOpt) throw new ParamError(`unknown option \`${arg}'`);
    const takes = opt ? opt.arg : 'yes';
    let value = inline;
    if (value === undefined && takes === 'yes') {
      if (i + 1 >= argv.length) throw new ParamError(`option \`${arg}' requires an argument`);
      value = argv[++i];
    } else if (
      value === undefined &&
      takes === 'optional' &&
      argv[i + 1] !== undefined &&
      !argv[i + 1].startsWith('-')
    ) {
      value = argv[++i];
    }
    if (opt) {
      seen.push(opt.name);
      applyOption(a, opt.name, value);
    } else applyProtoOption(a, name, value!);
  }
  const allowed = a.command ? ALLOWED[a.command] : undefined;
  if (allowed) {
    const bad = seen.find((o) => !allowed.includes(o));
    if (bad) throw new ParamError(`Illegal option \`--${bad}' with this command`);
  }
  return a;
}

function applyOption(a: CtArgs, name: string, value: string | undefined): void {
  const v = value ?? '';
  switch (name) {
    case 'src':
      a.orig.src = parseAddr(v);
      return;
    case 'dst':
      a.orig.dst = parseAddr(v);
      return;
    case 'reply-src':
      a.reply.src = parseAddr(v);
      return;
    case 'reply-dst':
      a.reply.dst = parseAddr(v);
      return;
    case 'protonum': {
      const p = PROTOS[v.toLowerCase()] ?? (/^\d+$/.test(v) && Number(v) <= 255 ? Number(v) : undefined);
      if (p === undefined) throw new ParamError(`\`${v}' unsupported protocol`);
      a.proto = p;
      return;
    }
    case 'family':
      if (v !== 'ipv4' && v !== 'ipv6') throw new ParamError(`\`${v}' unsupported protocol`);
      a.family = v;
      return;
    case 'mark': {
      const [val, mask] = v.split('/', 2);
      a.mark = { value: strtoul(val), mask: mask === undefined ? 0xffffffff : strtoul(mask) };
      return;
    }
    case 'status': {
      let bits = 0;
      for (const w of v.split(',')) {
        const b = STATUS_BITS[w];
        if (b === undefined) throw new ParamError(`Bad parameter \`${w}'`);
        bits |= b;
      }
      a.status = bits;
      return;
    }
    case 'src-nat':
    case 'dst-nat':
    case 'any-nat':
      a.nat = {
        kind: name.slice(0, name.indexOf('-')) as 'src' | 'dst' | 'any',
        addr: value === undefined ? undefined : parseAddr(value).addr,
      };
      return;
    case 'output':
      for (const w of v.split(',')) {
        if (w === 'extended') a.output.extended = true;
        else if (w === 'id') a.output.id = true;
        else if (w === 'xml') a.output.xml = true;
        else if (!['timestamp', 'ktimestamp', 'labels', 'userspace'].includes(w))
          throw new ParamError(`Bad parameter \`${w}'`);
      }
      return;
  }
}

function applyProtoOption(a: CtArgs, name: string, value: string): void {
  switch (name) {
    case 'sport':
    case 'orig-port-src':
      a.orig.sport = leadingNumber(value);
      return;
    case 'dport':
    case 'orig-port-dst':
      a.orig.dport = leadingNumber(value);
      return;
    case 'reply-port-src':
      a.reply.sport = leadingNumber(value);
      return;
    case 'reply-port-dst':
      a.reply.dport = leadingNumber(value);
      return;
    case 'state': {
      const s =
        TCP_STATES.find((t) => t === value.toUpperCase()) ??
        (value.toUpperCase() === 'LISTEN' ? 'SYN_SENT2' : undefined);
      if (!s) throw new ParamError(`unknown TCP state \`${value}'`);
      a.tcpState = s;
      return;
    }
    case 'icmp-type':
      a.icmp.type = leadingNumber(value);
      return;
    case 'icmp-code':
      a.icmp.code = leadingNumber(value);
      return;
    case 'icmp-id':
      a.icmp.id = leadingNumber(value);
      return;
  }
}
