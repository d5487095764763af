import { maskOf, parseIPv4 } from '../../net/ipv4.js';
import type { TcpState } from '../../kernel/netfilter/conntrack/proto-tcp.js';
import type { ProtoExt } from './protos.js';
import { findProto } from './protos.js';

/** A command-line error: exit_error(PARAMETER_PROBLEM, ...) text, exit status 2 with the hint. */
export class ParamError extends Error {}

/** exit_error(OTHER_PROBLEM, ...): the message alone, exit status 1. */
export class OtherError extends Error {}

/** The commands, in conntrack.h's CT_*_BIT order (the rows of commands_v_options). */
export type CommandName =
  | 'L'
  | 'I'
  | 'U'
  | 'D'
  | 'G'
  | 'F'
  | 'E'
  | 'V'
  | 'h'
  | 'EXP_L'
  | 'EXP_I'
  | 'EXP_D'
  | 'EXP_G'
  | 'EXP_F'
  | 'EXP_E'
  | 'C'
  | 'EXP_C'
  | 'S'
  | 'EXP_S'
  | 'A';

export type Table = 'conntrack' | 'expect' | 'dying' | 'unconfirmed';

/** An address filter: the address under its mask (a /32 unless --mask-* or CIDR says otherwise). */
export interface AddrFilter {
  addr: number;
  mask: number;
}

export interface PortSide {
  sport?: number;
  dport?: number;
}

/** What the command line asked for. */
export interface CtArgs {
  command: CommandName | null;
  table: Table;
  /** CT_OPT_* names given (optflags), in the order first seen. */
  options: Set<string>;
  family: 'ipv4' | 'ipv6' | null;
  orig: { src?: AddrFilter; dst?: AddrFilter } & PortSide;
  reply: { src?: AddrFilter; dst?: AddrFilter } & PortSide;
  proto?: number;
  protoExt?: ProtoExt;
  /** Options the protocol extension saw (its optflags). */
  protoOptions: Set<string>;
  tcpState?: TcpState;
  icmp: { type?: number; code?: number; id?: number };
  timeout?: number;
  /** -u: bits to set/require, and the kernel filter mask (UNREPLIED and !BIT clear-required bits). */
  status?: { value: number; mask: number };
  mark?: { value: number; mask: number };
  nat: { src?: number; dst?: number };
  /** --mask-src / --mask-dst: netmasks for the original addresses. */
  masks: { src?: number; dst?: number };
  zone?: number;
  eventMask: number;
  output: OutputMask;
}

export interface OutputMask {
  xml: boolean;
  extended: boolean;
  timestamp: boolean;
  id: boolean;
  ktimestamp: boolean;
  labels: boolean;
  save: boolean;
}

/** Long options: name, argument (0 none, 1 required, 2 optional), the getopt value. */
const LONG: readonly (readonly [string, 0 | 1 | 2, string])[] = [
  ['dump', 2, 'L'],
  ['create', 2, 'I'],
  ['add', 2, 'A'],
  ['delete', 2, 'D'],
  ['update', 2, 'U'],
  ['get', 2, 'G'],
  ['flush', 2, 'F'],
  ['event', 2, 'E'],
  ['counter', 2, 'C'],
  ['stats', 0, 'S'],
  ['version', 0, 'V'],
  ['help', 0, 'h'],
  ['orig-src', 1, 's'],
  ['src', 1, 's'],
  ['orig-dst', 1, 'd'],
  ['dst', 1, 'd'],
  ['reply-src', 1, 'r'],
  ['reply-dst', 1, 'q'],
  ['protonum', 1, 'p'],
  ['timeout', 1, 't'],
  ['status', 1, 'u'],
  ['zero', 0, 'z'],
  ['event-mask', 1, 'e'],
  ['tuple-src', 1, '['],
  ['tuple-dst', 1, ']'],
  ['mask-src', 1, '{'],
  ['mask-dst', 1, '}'],
  ['nat-range', 1, 'a'],
  ['mark', 1, 'm'],
  ['secmark', 1, 'c'],
  ['id', 2, 'i'],
  ['family', 1, 'f'],
  ['src-nat', 2, 'n'],
  ['dst-nat', 2, 'g'],
  ['output', 1, 'o'],
  ['buffer-size', 1, 'b'],
  ['any-nat', 2, 'j'],
  ['zone', 1, 'w'],
  ['label', 1, 'l'],
  ['label-add', 1, '<'],
  ['label-del', 2, '>'],
  ['orig-zone', 1, '('],
  ['reply-zone', 1, ')'],
];

/** getopt_str ":LIUDGEFAhVs:d:r:q:p:t:u:e:a:z[:]:{:}:m:i:f:o:n::g::c:b:C::Sj::w:l:<:>::(:):". */
const SHORT: Readonly<Record<string, 0 | 1 | 2>> = {
  L: 0,
  I: 0,
  U: 0,
  D: 0,
  G: 0,
  E: 0,
  F: 0,
  A: 0,
  h: 0,
  V: 0,
  s: 1,
  d: 1,
  r: 1,
  q: 1,
  p: 1,
  t: 1,
  u: 1,
  e: 1,
  a: 1,
  z: 0,
  '[': 1,
  ']': 1,
  '{': 1,
  '}': 1,
  m: 1,
  i: 1,
  f: 1,
  o: 1,
  n: 2,
  g: 2,
  c: 1,
  b: 1,
  C: 2,
  S: 0,
  j: 2,
  w: 1,
  l: 1,
  '<': 1,
  '>': 2,
  '(': 1,
  ')': 1,
};

/** optflags: the CT_OPT_* names, in bit order (the columns of commands_v_options). */
const OPTFLAGS = [
  'src',
  'dst',
  'reply-src',
  'reply-dst',
  'protonum',
  'timeout',
  'status',
  'zero',
  'event-mask',
  'tuple-src',
  'tuple-dst',
  'mask-src',
  'mask-dst',
  'nat-range',
  'mark',
  'id',
  'family',
  'src-nat',
  'dst-nat',
  'output',
  'secmark',
  'buffer-size',
  'any-nat',
  'zone',
  'label',
  'label-add',
  'label-del',
  'orig-zone',
  'reply-zone',
] as const;

const OPT_OF: Readonly<Record<string, string>> = {
  s: 'src',
  d: 'dst',
  r: 'reply-src',
  q: 'reply-dst',
  p: 'protonum',
  t: 'timeout',
  u: 'status',
  z: 'zero',
  e: 'event-mask',
  '[': 'tuple-src',
  ']': 'tuple-dst',
  '{': 'mask-src',
  '}': 'mask-dst',
  m: 'mark',
  i: 'id',
  f: 'family',
  n: 'src-nat',
  g: 'dst-nat',
  o: 'output',
  c: 'secmark',
  b: 'buffer-size',
  j: 'any-nat',
  w: 'zone',
  l: 'label',
  '<': 'label-add',
  '>': 'label-del',
  '(': 'orig-zone',
  ')': 'reply-zone',
};

/**
 * commands_v_options (0 illegal, 1 compulsory, 2 optional, 3 one of the
 * address pairs), one string per command, columns in OPTFLAGS order.
 */
const MATRIX: Readonly<Record<CommandName, string>> = {
  L: '22222022000220202222202220022',
  I: '33331120000002200220000202022',
  U: '22222220000220222222000022200',
  D: '22222220000220222222000220022',
  G: '33331000000000020002000020000',
  F: '00000000000000002000000000000',
  E: '22222000200220202222222220022',
  V: '00000000000000000000000000000',
  h: '00002000000000000000000000000',
  EXP_L: '00000000000000002002000000000',
  EXP_I: '11221120011110000000000000000',
  EXP_D: '11221000000000000000000000000',
  EXP_G: '11221000000000000000000000000',
  EXP_F: '00000000000000000000000000000',
  EXP_E: '00000000000000000002000000000',
  C: '00000000000000000000000000000',
  EXP_C: '00000000000000000000000000000',
  S: '00000000000000000000000000000',
  EXP_S: '00000000000000000000000000000',
  A: '33331120000002200220000202022',
};

/** cmd2type: what a command letter means on the conntrack and the expect table. */
const CMD2TYPE: Readonly<Record<string, readonly [CommandName, CommandName | null]>> = {
  L: ['L', 'EXP_L'],
  I: ['I', 'EXP_I'],
  D: ['D', 'EXP_D'],
  G: ['G', 'EXP_G'],
  F: ['F', 'EXP_F'],
  E: ['E', 'EXP_E'],
  V: ['V', 'V'],
  h: ['h', 'h'],
  C: ['C', 'EXP_C'],
  S: ['S', 'EXP_S'],
  U: ['U', null],
  A: ['A', null],
};

/** The long option name getopt knows a value by (get_long_opt). */
const longName = (v: string): string => LONG.find((l) => l[2] === v)?.[0] ?? 'unknown';

const STATUS_WORDS: readonly (readonly [string, number])[] = [
  ['ASSURED', 4],
  ['SEEN_REPLY', 2],
  ['UNSET', 0],
  ['FIXED_TIMEOUT', 1 << 10],
  ['EXPECTED', 1],
  ['OFFLOAD', 1 << 14],
  ['HW_OFFLOAD', 1 << 15],
];
const EVENT_WORDS: readonly (readonly [string, number])[] = [
  ['ALL', 7],
  ['NEW', 1],
  ['UPDATES', 2],
  ['DESTROY', 4],
];
const OUTPUT_WORDS = [
  'xml',
  'extended',
  'timestamp',
  'id',
  'ktimestamp',
  'labels',
  'userspace',
  'save',
] as const;

/** strtoul(text, &end, 0): the value and where parsing stopped (0x hex, 0 octal, decimal). */
export function strtoul(text: string): { value: number; rest: string; empty: boolean } {
  const m = /^\s*[+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(text);
  if (!m) return { value: 0, rest: text, empty: true };
  const d = m[1];
  const n = /^0[xX]/.test(d)
    ? Number.parseInt(d.slice(2), 16)
    : d.length > 1 && d[0] === '0'
      ? Number.parseInt(d, 8)
      : Number(d);
  return { value: n, rest: text.slice(m[0].length), empty: false };
}

/** atoi: leading decimal digits (an optional sign), 0 without any. */
export const atoi = (text: string): number => {
  const m = /^\s*([+-]?\d+)/.exec(text);
  return m ? Number(m[1]) : 0;
};

/**
 * do_parse_parameter's strncasecmp(str, word, strlen(str)): a word matches
 * when the given text is a prefix of it, case-insensitively; the first
 * match in table order wins.
 */
function parseWords(
  arg: string,
  words: readonly (readonly [string, number])[],
  onSkip?: (w: string) => void,
): number {
  let bits = 0;
  const parts = arg.split(',');
  parts.forEach((w, i) => {
    const rest = parts.slice(i).join(',');
    if (w === '') throw new ParamError(`Bad parameter \`${rest}'`);
    const lw = w.toLowerCase();
    if ('src_nat'.startsWith(lw) || 'dst_nat'.startsWith(lw)) {
      onSkip?.('src_nat'.startsWith(lw) ? 'SRC_NAT' : 'DST_NAT');
      return;
    }
    const hit = words.find(([name]) => name.toLowerCase().startsWith(lw));
    if (!hit) throw new ParamError(`Bad parameter \`${rest}'`);
    bits |= hit[1];
  });
  return bits;
}

/** parse_addr with the CIDR rules of nfct_parse_addr_from_opt. */
function parseAddrOpt(opt: string, text: string, a: CtArgs, cidrOk: boolean): AddrFilter {
  const slash = text.indexOf('/');
  const host = slash < 0 ? text : text.slice(0, slash);
  let len = -1;
  if (slash >= 0) {
    const l = text.slice(slash + 1);
    len = /^[+-]?\d+$/.test(l) && Number(l) >= 0 ? Number(l) : -2;
  }
  const v4 = parseIPv4(host);
  const family = v4 !== null ? 'ipv4' : host.includes(':') ? 'ipv6' : null;
  if (family === null) throw new ParamError(`Invalid IP address \`${text}'`);
  if (a.family !== null && a.family !== family) throw new ParamError('mismatched address family');
  a.family = family;
  if (family === 'ipv4' && len > 32) len = -2;
  if (len !== -1 && !cidrOk) throw new ParamError(`CIDR notation unavailable for \`--${opt}'`);
  if (len === -2) throw new ParamError('Invalid netmask');
  const mask = len < 0 ? 0xffffffff : maskOf(len);
  const addr = v4 ?? 0;
  return { addr: (addr & mask) >>> 0, mask };
}

/** A fresh, empty request. */
function empty(): CtArgs {
  return {
    command: null,
    table: 'conntrack',
    options: new Set(),
    family: null,
    orig: {},
    reply: {},
    protoOptions: new Set(),
    icmp: {},
    nat: {},
    masks: {},
    eventMask: 0,
    output: {
      xml: false,
      extended: false,
      timestamp: false,
      id: false,
      ktimestamp: false,
      labels: false,
      save: false,
    },
  };
}

/** One getopt_long step's result. */
interface Opt {
  readonly val: string;
  readonly arg?: string;
  /** The argv word to name in errors (argv[optind-1]). */
  readonly word: string;
}

/**
 * Parses argv (without argv[0]) as conntrack 1.4.7's do_parse: getopt_long
 * with the protocol's options merged in once -p names it, then the
 * command/option table, the address pairs and the protocol's final check.
 * `warn` receives the warnings conntrack prints on stderr while parsing.
 */
export function parseArgs(argv: readonly string[], warn: (text: string) => void = () => {}): CtArgs {
  const a = empty();
  const g = new Getopt(argv, () => a.protoExt);
  for (let o = g.next(); o; o = g.next()) {
    if (o.val in CMD2TYPE) {
      command(a, o.val, g);
      continue;
    }
    const ext = a.protoExt;
    if (o.val.startsWith('proto:')) {
      ext!.parse(a, o.val.slice(6), o.arg!);
      continue;
    }
    option(a, o, g, warn);
  }
  check(a);
  for (const side of ['src', 'dst'] as const) {
    const m = a.masks[side];
    const f = a.orig[side];
    if (m !== undefined && f) a.orig[side] = { addr: (f.addr & m) >>> 0, mask: m };
  }
  return a;
}

function command(a: CtArgs, letter: string, g: Getopt): void {
  const table = g.optionalArg();
  let type: Table = 'conntrack';
  if (table !== undefined) {
    const t = (['expect', 'conntrack', 'dying', 'unconfirmed'] as const).find((n) => n.startsWith(table));
    if (!t) throw new ParamError(`unknown type \`${table}'`);
    type = t;
  }
  let cmd: CommandName | null;
  if (letter === 'L' && (type === 'dying' || type === 'unconfirmed')) cmd = 'L';
  else {
    if (type === 'dying' || type === 'unconfirmed')
      throw new ParamError("Can't do that command with tables `dying' and `unconfirmed'");
    cmd = CMD2TYPE[letter][type === 'expect' ? 1 : 0];
    if (!cmd)
      throw new ParamError(
        `Can't do --${longName(letter)} on ${type === 'conntrack' ? 'conntrack' : 'expectations'}`,
      );
  }
  if (a.command !== null) throw new ParamError('Invalid commands combination');
  a.command = cmd;
  a.table = type;
}

function option(a: CtArgs, o: Opt, g: Getopt, warn: (text: string) => void): void {
  const arg = o.arg ?? '';
  const name = OPT_OF[o.val];
  switch (o.val) {
    case 's':
    case 'd':
    case 'r':
    case 'q': {
      a.options.add(name);
      const f = parseAddrOpt(name, arg, a, o.val === 's' || o.val === 'd');
      const side = o.val === 's' || o.val === 'd' ? a.orig : a.reply;
      if (o.val === 's' || o.val === 'r') side.src = f;
      else side.dst = f;
      if (f.mask !== 0xffffffff) a.options.add(o.val === 's' ? 'mask-src' : 'mask-dst');
      return;
    }
    case '{':
    case '}': {
      a.options.add(name);
      const m = parseAddrOpt(name, arg, a, false);
      a.masks[o.val === '{' ? 'src' : 'dst'] = m.addr;
      return;
    }
    case 'p': {
      a.options.add(name);
      const found = findProto(arg);
      if (!found) throw new ParamError(`\`${arg}' unsupported protocol`);
      a.proto = found.num;
      a.protoExt = found.ext;
      return;
    }
    case 't':
      a.options.add(name);
      a.timeout = atoi(arg);
      return;
    case 'u': {
      a.options.add(name);
      a.status = parseStatus(arg, warn);
      // 1.4.7 writes the parsed status over a mark given before it (found by
      // experiment: `-I ... -m 9 -u SEEN_REPLY,ASSURED` creates mark=6).
      if (a.mark) a.mark.value = a.status.value;
      return;
    }
    case 'e':
      a.options.add(name);
      a.eventMask |= parseWords(arg, EVENT_WORDS);
      return;
    case 'o':
      a.options.add(name);
      for (const bit of parseOutput(arg)) a.output[bit] = true;
      if (
        a.output.save &&
        OUTPUT_WORDS.some((w) => w !== 'save' && w !== 'userspace' && a.output[w as keyof OutputMask])
      )
        throw new OtherError('cannot combine save output with any other output type, use -o save only');
      return;
    case 'z':
      a.options.add(name);
      return;
    case 'n':
    case 'g':
    case 'j': {
      a.options.add(name);
      const v = g.optionalArg();
      if (v !== undefined) {
        const addr = parseAddrOpt(name, v.split(':')[0], a, false).addr;
        if (o.val !== 'g') a.nat.src = addr;
        if (o.val !== 'n') a.nat.dst = addr;
      }
      return;
    }
    case 'w':
    case '(':
    case ')':
      // 1.4.7 takes these as strtoul does, junk as 0 (found by experiment: `-L -w foo` lists zone 0).
      a.options.add(name);
      if (o.val === 'w') a.zone = strtoul(arg).value & 0xffff;
      return;
    case 'i':
    case 'c':
      a.options.add(name);
      return;
    case 'm': {
      a.options.add(name);
      a.mark = parseMark(arg);
      return;
    }
    case 'l':
    case '<':
    case '>':
      a.options.add(name);
      if (o.val === '>') g.optionalArg();
      return;
    case 'a':
      warn(`WARNING: ignoring -${o.val}, deprecated option.\n`);
      return;
    case 'f':
      a.options.add(name);
      if (arg.startsWith('ipv4')) setFamily(a, 'ipv4');
      else if (arg.startsWith('ipv6')) setFamily(a, 'ipv6');
      else throw new ParamError(`\`${arg}' unsupported protocol`);
      return;
    case 'b':
      a.options.add(name);
      return;
  }
}

function setFamily(a: CtArgs, f: 'ipv4' | 'ipv6'): void {
  if (a.family !== null && a.family !== f) throw new ParamError('mismatched address family');
  a.family = f;
}

/** parse_parameter_mask for -u: `UNREPLIED` and `!BIT` only narrow the kernel's filter mask. */
function parseStatus(arg: string, warn: (text: string) => void): { value: number; mask: number } {
  let value = 0;
  let mask = 0;
  const parts = arg.split(',');
  for (const [i, raw] of parts.entries()) {
    if (raw === '') throw new ParamError(`Bad parameter \`${parts.slice(i).join(',')}'`);
    const negated = raw.startsWith('!');
    const w = negated ? raw.slice(1) : raw;
    if (!negated && w.startsWith('UNREPLIED')) {
      mask |= 2;
      continue;
    }
    const bits = parseWords(w, STATUS_WORDS, (name) =>
      warn(`WARNING: ignoring ${name}, use --${name === 'SRC_NAT' ? 'src' : 'dst'}-nat instead\n`),
    );
    if (negated) mask |= bits;
    else value |= bits;
  }
  return { value, mask: mask === 0 ? value : mask };
}

/** parse_u32_mask as 1.4.7 runs it: strtoul without complaint (junk reads as 0), `/mask` optional. */
function parseMark(arg: string): { value: number; mask: number } {
  const v = strtoul(arg);
  const slash = v.rest.startsWith('/') ? strtoul(v.rest.slice(1)) : undefined;
  return { value: v.value >>> 0, mask: slash ? slash.value >>> 0 : 0xffffffff };
}

function parseOutput(arg: string): (keyof OutputMask)[] {
  const bits: (keyof OutputMask)[] = [];
  const parts = arg.split(',');
  parts.forEach((w, i) => {
    const hit = w === '' ? undefined : OUTPUT_WORDS.find((n) => n.toLowerCase().startsWith(w.toLowerCase()));
    if (!hit) throw new ParamError(`Bad parameter \`${parts.slice(i).join(',')}'`);
    if (hit !== 'userspace') bits.push(hit);
  });
  return bits;
}

/** generic_opt_check, the address pairs, and the protocol's final_check. */
function check(a: CtArgs): void {
  if (a.options.has('any-nat') && (a.options.has('src-nat') || a.options.has('dst-nat')))
    throw new ParamError("cannot specify `--src-nat' or `--dst-nat' with `--any-nat'");
  if (a.command === null) return;
  const row = MATRIX[a.command];
  let special = false;
  OPTFLAGS.forEach((name, i) => {
    const given = a.options.has(name);
    if (!given && row[i] === '1')
      throw new ParamError(`You need to supply the \`--${name}' option for this command`);
    if (given && row[i] === '0') throw new ParamError(`Illegal option \`--${name}' with this command`);
    if (row[i] === '3') special = true;
  });
  if (special) {
    const origPair = a.options.has('src') && a.options.has('dst');
    const replPair = a.options.has('reply-src') && a.options.has('reply-dst');
    if (!origPair && !replPair) {
      const partialRepl =
        !a.options.has('src') &&
        !a.options.has('dst') &&
        (a.options.has('reply-src') || a.options.has('reply-dst'));
      throw new ParamError(
        partialRepl
          ? "you have to specify `--reply-src' and `--reply-dst'"
          : "you have to specify `--src' and `--dst'",
      );
    }
  }
  if (a.command !== 'h' && a.protoExt) a.protoExt.finalCheck(a, a.command);
}

/**
 * getopt_long with opterr = 0 over conntrack's options and, once -p has
 * named one, its protocol's: short clusters, `--name=value`, unique
 * prefixes of long names, and the optional arguments conntrack takes from
 * the next word itself (check_type, get_optional_arg).
 */
class Getopt {
  private i = 0;
  /** The rest of a short-option cluster being read. */
  private cluster = '';
  private lastHadArg = false;

  constructor(
    private readonly argv: readonly string[],
    private readonly ext: () => ProtoExt | undefined,
  ) {}

  next(): Opt | null {
    if (this.cluster) return this.short();
    // Permuting getopt: words that are not options are skipped (they stay for nobody).
    while (this.i < this.argv.length) {
      const w = this.argv[this.i];
      if (w === '--') return null;
      if (w.startsWith('--')) {
        this.i++;
        return this.long(w);
      }
      if (w.startsWith('-') && w.length > 1) {
        this.i++;
        this.cluster = w.slice(1);
        return this.short();
      }
      this.i++;
    }
    return null;
  }

  /**
   * conntrack's get_optional_arg / check_type: an attached argument was
   * consumed by getopt (and ignored); else the next word when it starts
   * with neither '-' nor '!'.
   */
  optionalArg(): string | undefined {
    if (this.lastHadArg) return undefined;
    const w = this.argv[this.i];
    if (w !== undefined && !w.startsWith('-') && !w.startsWith('!')) {
      this.i++;
      return w;
    }
    return undefined;
  }

  private short(): Opt {
    const c = this.cluster[0];
    const rest = this.cluster.slice(1);
    this.cluster = '';
    const word = `-${c}`;
    const kind = SHORT[c];
    this.lastHadArg = false;
    if (kind === undefined) throw new ParamError(`unknown option \`${this.argv[this.i - 1]}'`);
    if (kind === 0) {
      this.cluster = rest;
      return { val: c, word };
    }
    if (kind === 2) {
      this.lastHadArg = rest !== '';
      return { val: c, arg: rest || undefined, word };
    }
    if (rest) {
      this.lastHadArg = true;
      return { val: c, arg: rest, word };
    }
    if (this.i >= this.argv.length)
      throw new ParamError(`option \`${this.argv[this.i - 1]}' requires an argument`);
    this.lastHadArg = true;
    return { val: c, arg: this.argv[this.i++], word };
  }

  private long(w: string): Opt {
    const eq = w.indexOf('=');
    const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
    const inline = eq < 0 ? undefined : w.slice(eq + 1);
    const ext = this.ext();
    const table: (readonly [string, 0 | 1 | 2, string])[] = [
      ...LONG,
      ...(ext?.options ?? []).map((o) => [o, 1, `proto:${ext!.canonical(o)}`] as const),
    ];
    const exact = table.find((l) => l[0] === name);
    const prefixed = table.filter((l) => l[0].startsWith(name));
    const distinct = new Set(prefixed.map((l) => l[2]));
    const hit = exact ?? (name !== '' && distinct.size === 1 ? prefixed[0] : undefined);
    this.lastHadArg = false;
    if (!hit) throw new ParamError(`unknown option \`${w}'`);
    const [, kind, val] = hit;
    if (kind === 0) {
      if (inline !== undefined) throw new ParamError(`unknown option \`${w}'`);
      return { val, word: w };
    }
    if (inline !== undefined) {
      this.lastHadArg = true;
      return { val, arg: inline, word: w };
    }
    if (kind === 2) return { val, word: w };
    if (this.i >= this.argv.length) throw new ParamError(`option \`${w}' requires an argument`);
    this.lastHadArg = true;
    return { val, arg: this.argv[this.i++], word: w };
  }
}
