import type { ExtData, ExtSpec } from './spec.js';
import { paramError } from '../errors.js';
import { parsePortRange, portText } from './ports.js';

const TCP_FLAGS: readonly (readonly [string, number])[] = [
  ['FIN', 0x01],
  ['SYN', 0x02],
  ['RST', 0x04],
  ['PSH', 0x08],
  ['ACK', 0x10],
  ['URG', 0x20],
  ['ALL', 0x3f],
  ['NONE', 0],
];

function parseFlags(text: string): number {
  let flags = 0;
  for (const word of text.split(',')) {
    const f = TCP_FLAGS.find(([n]) => n === word.toUpperCase());
    if (!f) throw paramError(`Unknown TCP flag \`${word}'`);
    flags |= f[1];
  }
  return flags;
}

/** print_tcpf: names in table order, each flag consumed once. */
function flagsText(flags: number): string {
  if (flags === 0) return 'NONE';
  const names: string[] = [];
  while (flags) {
    const f = TCP_FLAGS.find(([, bit]) => (flags & bit) !== 0)!;
    names.push(f[0]);
    flags &= ~f[1];
  }
  return names.join(',');
}

type Range = [number, number];

/** 0:65535 without `!` matches every port: the nft translation drops it. */
const anyPort = (d: ExtData, key: string, r: Range) => r[0] === 0 && r[1] === 65535 && !d[`${key}Inv`];

function savePorts(d: ExtData, key: 'sport' | 'dport'): string {
  const r = d[key] as Range | undefined;
  if (!r || anyPort(d, key, r)) return '';
  const invert = d[`${key}Inv`] ? ' !' : '';
  return `${invert} --${key} ${r[0] === r[1] ? r[0] : `${r[0]}:${r[1]}`}`;
}

function printPorts(
  d: ExtData,
  key: 'sport' | 'dport',
  label: string,
  proto: string,
  numeric: boolean,
): string {
  const r = d[key] as Range | undefined;
  if (!r || anyPort(d, key, r)) return '';
  const invert = d[`${key}Inv`] ? '!' : '';
  if (r[0] === r[1]) return ` ${label}:${invert}${portText(r[0], proto, numeric)}`;
  return ` ${label}s:${invert}${portText(r[0], proto, numeric)}:${portText(r[1], proto, numeric)}`;
}

function portOptions(proto: string, d: ExtData, opt: string, arg: string, invert: boolean): boolean {
  const key =
    opt === 'sport' || opt === 'source-port'
      ? 'sport'
      : opt === 'dport' || opt === 'destination-port'
        ? 'dport'
        : null;
  if (!key) return false;
  if (d[key]) throw paramError(`Only one \`--${key === 'sport' ? 'source' : 'destination'}-port' allowed`);
  // Literal keys: a key built per option would be a new string to look up for every rule.
  if (key === 'sport') {
    d.sport = parsePortRange(arg, proto);
    d.sportInv = invert;
  } else {
    d.dport = parsePortRange(arg, proto);
    d.dportInv = invert;
  }
  return true;
}

const PORT_OPTS = {
  sport: { arg: true },
  'source-port': { arg: true },
  dport: { arg: true },
  'destination-port': { arg: true },
};

export const tcp: ExtSpec = {
  name: 'tcp',
  options: {
    ...PORT_OPTS,
    syn: { arg: false },
    'tcp-flags': { arg: true, arg2: true },
    'tcp-option': { arg: true },
  },
  parse(d, opt, arg, invert) {
    if (portOptions('tcp', d, opt, arg, invert)) return;
    if ((opt === 'syn' || opt === 'tcp-flags') && d.flags)
      throw paramError("Only one of `--syn' or `--tcp-flags'  allowed");
    if (opt === 'syn') {
      d.flags = { mask: 0x17, cmp: 0x02 };
    } else if (opt === 'tcp-flags') {
      // getopt hands over one argument; the comparison set is the next word (argv[optind++]).
      const [mask, cmp] = arg.split('\0');
      if (cmp === undefined) throw paramError('--tcp-flags requires two args.');
      d.flags = { mask: parseFlags(mask), cmp: parseFlags(cmp) };
    } else {
      const n = Number(arg);
      if (!/^\d+$/.test(arg) || n < 1 || n > 255) throw paramError(`Bad TCP option "${arg}"`);
      d.option = n;
    }
    d[`${opt === 'tcp-option' ? 'option' : 'flags'}Inv`] = invert;
  },
  final(_d, ctx) {
    if (ctx.proto !== 6) throw paramError("TCP match requires '-p tcp'");
  },
  save(d) {
    let s = savePorts(d, 'sport') + savePorts(d, 'dport');
    if (d.option !== undefined) s += `${d.optionInv ? ' !' : ''} --tcp-option ${d.option as number}`;
    const f = d.flags as { mask: number; cmp: number } | undefined;
    if (f) s += `${d.flagsInv ? ' !' : ''} --tcp-flags ${flagsText(f.mask)} ${flagsText(f.cmp)}`;
    return s;
  },
  print(d, numeric) {
    let s =
      ' tcp' + printPorts(d, 'sport', 'spt', 'tcp', numeric) + printPorts(d, 'dport', 'dpt', 'tcp', numeric);
    if (d.option !== undefined) s += ` option=${d.optionInv ? '!' : ''}${d.option as number}`;
    const f = d.flags as { mask: number; cmp: number } | undefined;
    if (f) {
      const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;
      const body = numeric ? `${hex2(f.mask)}/${hex2(f.cmp)}` : `${flagsText(f.mask)}/${flagsText(f.cmp)}`;
      s += ` flags:${d.flagsInv ? '!' : ''}${body}`;
    }
    return s;
  },
};

export const udp: ExtSpec = {
  name: 'udp',
  options: PORT_OPTS,
  parse(d, opt, arg, invert) {
    portOptions('udp', d, opt, arg, invert);
  },
  final(_d, ctx) {
    if (ctx.proto !== 17) throw paramError("UDP match requires '-p udp'");
  },
  save: (d) => savePorts(d, 'sport') + savePorts(d, 'dport'),
  print: (d, numeric) =>
    ' udp' + printPorts(d, 'sport', 'spt', 'udp', numeric) + printPorts(d, 'dport', 'dpt', 'udp', numeric),
};
