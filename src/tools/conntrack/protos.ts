import { TCP_STATES } from '../../kernel/netfilter/conntrack/proto-tcp.js';
import { protoName } from '../iptables/names.js';
import type { CommandName, CtArgs } from './args.js';
import { ParamError, atoi } from './args.js';

/**
 * A conntrack protocol extension (extensions/libct_proto_*.c): its long
 * options (merged into getopt once -p names it), their flags, its
 * commands_v_options row per command and its help.
 */
export interface ProtoExt {
  readonly name: string;
  /** Long option names as getopt sees them (aliases included). */
  readonly options: readonly string[];
  /** The flag name an option sets (its optflags entry). */
  canonical(option: string): string;
  parse(a: CtArgs, flag: string, arg: string): void;
  finalCheck(a: CtArgs, cmd: CommandName): void;
  readonly help: string;
}

const PORT_HELP =
  '  --orig-port-src\t\toriginal source port\n' +
  '  --orig-port-dst\t\toriginal destination port\n' +
  '  --reply-port-src\t\treply source port\n' +
  '  --reply-port-dst\t\treply destination port\n' +
  '  --mask-port-src\t\tmask source port\n' +
  '  --mask-port-dst\t\tmask destination port\n' +
  '  --tuple-port-src\t\texpectation tuple src port\n' +
  '  --tuple-port-src\t\texpectation tuple dst port\n';

const PORT_ALIASES: Readonly<Record<string, string>> = {
  'orig-port-src': 'sport',
  sport: 'sport',
  'orig-port-dst': 'dport',
  dport: 'dport',
};

/**
 * generic_opt_check over an extension's flags: a missing compulsory or an
 * illegal option by column order, then the port pairs (`3` columns).
 */
function checkFlags(a: CtArgs, flags: readonly string[], row: string | undefined, pairs: boolean): void {
  if (!row) row = '0'.repeat(flags.length);
  let special = false;
  flags.forEach((name, i) => {
    const given = a.protoOptions.has(name);
    if (!given && row[i] === '1')
      throw new ParamError(`You need to supply the \`--${name}' option for this command`);
    if (given && row[i] === '0') throw new ParamError(`Illegal option \`--${name}' with this command`);
    if (row[i] === '3') special = true;
  });
  if (!special || !pairs) return;
  const has = (n: string) => a.protoOptions.has(n);
  if ((has('sport') && has('dport')) || (has('reply-port-src') && has('reply-port-dst'))) return;
  const replyOnly = !has('sport') && !has('dport') && (has('reply-port-src') || has('reply-port-dst'));
  throw new ParamError(
    replyOnly
      ? "you have to specify `--reply-src-port' and `--reply-dst-port'"
      : "you have to specify `--sport' and `--dport'",
  );
}

function portProto(name: string, withState: boolean): ProtoExt {
  const flags = [
    'sport',
    'dport',
    'reply-port-src',
    'reply-port-dst',
    'mask-port-src',
    'mask-port-dst',
    ...(withState ? ['state'] : []),
    'tuple-port-src',
    'tuple-port-dst',
  ];
  const s = withState ? '2' : '';
  const rows: Partial<Record<CommandName, string>> = {
    L: `222200${s}00`,
    I: `333300${withState ? '1' : ''}00`,
    A: `333300${withState ? '1' : ''}00`,
    U: `222200${s}00`,
    D: `222200${s}00`,
    G: `333300${withState ? '0' : ''}00`,
    E: `222200${s}00`,
  };
  return {
    name,
    options: [
      'orig-port-src',
      'sport',
      'orig-port-dst',
      'dport',
      'reply-port-src',
      'reply-port-dst',
      'mask-port-src',
      'mask-port-dst',
      ...(withState ? ['state'] : []),
      'tuple-port-src',
      'tuple-port-dst',
    ],
    canonical: (o) => PORT_ALIASES[o] ?? o,
    parse(a, flag, arg) {
      a.protoOptions.add(flag);
      const port = atoi(arg) & 0xffff;
      if (flag === 'sport') a.orig.sport = port;
      else if (flag === 'dport') a.orig.dport = port;
      else if (flag === 'reply-port-src') a.reply.sport = port;
      else if (flag === 'reply-port-dst') a.reply.dport = port;
      else if (flag === 'state') {
        // Names are compared exactly (found by experiment: `--state syn_sent` is unknown).
        const st = arg === 'LISTEN' ? 'SYN_SENT2' : TCP_STATES.find((t) => t === arg && t !== 'SYN_SENT2');
        if (!st) throw new ParamError(`unknown TCP state \`${arg}'`);
        a.tcpState = st;
      }
    },
    finalCheck: (a, cmd) => checkFlags(a, flags, rows[cmd], true),
    help: PORT_HELP + (withState ? '  --state\t\t\tTCP state, fe. ESTABLISHED\n' : ''),
  };
}

const ICMP_FLAGS = ['icmp-type', 'icmp-code', 'icmp-id'];
const ICMP_ROWS: Partial<Record<CommandName, string>> = {
  L: '222',
  I: '112',
  A: '112',
  U: '222',
  D: '222',
  G: '112',
  E: '222',
};

const icmp: ProtoExt = {
  name: 'icmp',
  options: ICMP_FLAGS,
  canonical: (o) => o,
  parse(a, flag, arg) {
    a.protoOptions.add(flag);
    const n = atoi(arg);
    if (flag === 'icmp-type') a.icmp.type = n & 0xff;
    else if (flag === 'icmp-code') a.icmp.code = n & 0xff;
    else a.icmp.id = n & 0xffff;
  },
  finalCheck: (a, cmd) => checkFlags(a, ICMP_FLAGS, ICMP_ROWS[cmd], false),
  help: '  --icmp-type\t\t\ticmp type\n  --icmp-code\t\t\ticmp code\n  --icmp-id\t\t\ticmp id\n',
};

/** ct_proto_unknown: any other protocol, no options. */
const unknown: ProtoExt = {
  name: 'unknown',
  options: [],
  canonical: (o) => o,
  parse: () => {},
  finalCheck: () => {},
  help: '  no options (unsupported)\n',
};

/** libct_proto_gre: keys instead of ports (parsed, never tracked here: no GRE tracker). */
const GRE_FLAGS = ['srckey', 'dstkey', 'reply-key-src', 'reply-key-dst'];
const GRE_ROWS: Partial<Record<CommandName, string>> = {
  L: '2222',
  I: '3333',
  A: '3333',
  U: '2222',
  D: '2222',
  G: '3333',
  E: '2222',
};
const gre: ProtoExt = {
  name: 'gre',
  options: ['srckey', 'dstkey', 'reply-key-src', 'reply-key-dst'],
  canonical: (o) => o,
  parse: (a, flag) => void a.protoOptions.add(flag),
  finalCheck(a, cmd) {
    const row = GRE_ROWS[cmd] ?? '0000';
    GRE_FLAGS.forEach((name, i) => {
      if (a.protoOptions.has(name) && row[i] === '0')
        throw new ParamError(`Illegal option \`--${name}' with this command`);
    });
    const has = (n: string) => a.protoOptions.has(n);
    if (
      row.includes('3') &&
      !(has('srckey') && has('dstkey')) &&
      !(has('reply-key-src') && has('reply-key-dst'))
    )
      throw new ParamError("you have to specify `--srckey' and `--dstkey'");
  },
  help:
    '  --srckey\t\t\toriginal source key\n  --dstkey\t\t\toriginal destination key\n' +
    '  --reply-key-src\t\treply source key\n  --reply-key-dst\t\treply destination key\n',
};

const EXTENSIONS: Readonly<Record<number, ProtoExt>> = {
  6: portProto('tcp', true),
  17: portProto('udp', false),
  136: portProto('udplite', false),
  1: icmp,
  47: gre,
};

/** The extensions conntrack registers, by name (findproto's strcasecmp pass). */
const NAMED: Readonly<Record<string, number>> = { tcp: 6, udp: 17, udplite: 136, icmp: 1, gre: 47 };

/** getprotobyname on the reference machine's /etc/protocols. */
function byName(name: string): number | undefined {
  if (name === 'ip') return 0;
  for (let n = 1; n < 256; n++) if (protoName(n) === name) return n;
  return undefined;
}

/** parse_proto_num: strtoul base 0, the whole word, at most IPPROTO_RAW (255). */
function byNumber(text: string): number | undefined {
  const m = /^\s*[+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return undefined;
  const d = m[1];
  const n = /^0[xX]/.test(d)
    ? Number.parseInt(d.slice(2), 16)
    : d.length > 1 && d[0] === '0'
      ? Number.parseInt(d, 8)
      : Number(d);
  return n <= 255 ? n : undefined;
}

/** findproto: a registered extension by name, a protocol name, or a number. */
export function findProto(text: string): { num: number; ext: ProtoExt } | undefined {
  const known = NAMED[text.toLowerCase()];
  if (known !== undefined) return { num: known, ext: EXTENSIONS[known] };
  const num = byName(text) ?? byNumber(text);
  if (num === undefined) return undefined;
  return { num, ext: EXTENSIONS[num] ?? unknown };
}

/** extension_help's title: the extension's name, or the protocol's for `unknown`. */
export function protoHelpTitle(ext: ProtoExt, num: number): string {
  if (ext !== unknown) return ext.name;
  return (num === 0 ? 'ip' : protoName(num)) ?? 'unknown';
}
