import type { Command, Proc } from '../process.js';
import { inetHeader, tcpLines, udpLines } from './inet.js';
import type { InetOptions } from './inet.js';
import { routeTable } from './route.js';
import { interfaceTable } from './iface.js';
import { NETSTAT_AFLIST, NETSTAT_USAGE } from './usage.js';
import { statistics } from './statistics.js';
import { netstatProcRead, snmpProcRead } from '../../kernel/snmp-proc.js';

const SHORT = 'A:CFMacdeghilnNoprsStuUvVWw2fx64?Z';
const LONG: Record<string, string> = {
  route: 'r',
  interfaces: 'i',
  groups: 'g',
  statistics: 's',
  masquerade: 'M',
  verbose: 'v',
  wide: 'W',
  numeric: 'n',
  'numeric-hosts': '!h',
  'numeric-ports': '!p',
  'numeric-users': '!u',
  symbolic: 'N',
  extend: 'e',
  programs: 'p',
  timers: 'o',
  continuous: 'c',
  listening: 'l',
  all: 'a',
  fib: 'F',
  cache: 'C',
  context: 'Z',
  tcp: 't',
  udp: 'u',
  udplite: 'U',
  raw: 'w',
  unix: 'x',
  sctp: 'S',
  version: 'V',
  help: 'h',
  inet: '4',
  inet6: '6',
};

const VERSION =
  'net-tools 2.10\n' +
  'Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others\n' +
  '+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n' +
  'AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH\n' +
  'HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 \n';

function usage(proc: Proc, status: number): number {
  (status ? proc.stderr : proc.stdout).write(NETSTAT_USAGE);
  proc.stderr.write(NETSTAT_AFLIST);
  return status;
}

/** The address families -4, -6, -x and their long forms select (aftrans_opt); -A adds its list. */
const AF_OF: Record<string, string> = { '4': 'inet', '6': 'inet6', x: 'unix' };
/** aftrans_flag's names (the families netstat was built with). */
const KNOWN_AFS = new Set(['inet', 'inet6', 'unix', 'ipx', 'ax25', 'netrom', 'x25', 'ddp', 'rose', 'econet']);

/**
 * The options as counts (-e and -n may be given twice), with the address
 * families in the order given (afname), or the bad one's message.
 */
function parse(argv: readonly string[]): { opts: Map<string, number>; afs: string[] } | string {
  const seen = new Map<string, number>();
  const afs: string[] = [];
  const add = (c: string) => {
    seen.set(c, (seen.get(c) ?? 0) + 1);
    if (AF_OF[c]) afs.push(AF_OF[c]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=')[0];
      const keys = Object.keys(LONG).filter((k) => k.startsWith(name));
      const key = keys.includes(name) ? name : keys.length === 1 ? keys[0] : undefined;
      if (!key) return `netstat: unrecognized option '${a}'\n`;
      add(LONG[key]);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === '?' || c === ':' || !SHORT.includes(c)) return `netstat: invalid option -- '${c}'\n`;
        add(c);
        // -A takes the rest of the word or the next argument (the family list).
        if (SHORT[SHORT.indexOf(c) + 1] === ':') {
          const list = j + 1 === a.length ? (argv[++i] ?? '') : a.slice(j + 1);
          afs.push(...list.split(','));
          break;
        }
      }
    }
  }
  return { opts: seen, afs };
}

/**
 * netstat -s: only one of -r -i -M -s (each counted); the SNMP counters of
 * IPv4 (the default family); -t -u -w (-S, -U) choose the known tables.
 */
function stats(proc: Proc, opts: Map<string, number>, afs: readonly string[]): number {
  const unknown = afs.find((af) => !KNOWN_AFS.has(af));
  if (unknown !== undefined) {
    proc.stderr.write(`Unknown address family \`${unknown}'.\n`);
    return 1;
  }
  const modes = ['r', 'i', 'M', 's'].reduce((sum, c) => sum + (opts.get(c) ?? 0), 0);
  if (modes > 1) return usage(proc, 3);
  const afname = afs.length ? afs.join(',') : 'inet';
  if (afname === 'inet6') {
    // /proc/net/snmp6: IPv6 is not modelled, better no table than a false one.
    proc.stderr.write('netstat: -s -6: IPv6 statistics are not modelled by podpath\n');
    return 1;
  }
  if (afname !== 'inet') {
    proc.stdout.write(`netstat: No statistics support for specified address family: ${afname}\n`);
    return 1;
  }
  const has = (c: string) => opts.has(c);
  const none = !['t', 'u', 'U', 'S', 'w'].some(has);
  const flags = {
    raw: none || has('w'),
    tcp: none || has('t'),
    udp: none || has('u'),
    sctp: none || has('S'),
  };
  proc.stdout.write(statistics(snmpProcRead(proc.netns), netstatProcRead(proc.netns), flags));
  return 0;
}

/** net-tools netstat: sockets (-t -u -l -a -n -p -o), routes (-r), interfaces (-i), statistics (-s). */
export const netstat: Command = async (proc) => {
  const parsed = parse(proc.argv.slice(1));
  if (typeof parsed === 'string') {
    proc.stderr.write(parsed);
    return usage(proc, 3);
  }
  const { opts } = parsed;
  const has = (c: string) => opts.has(c);
  if (has('V')) {
    proc.stdout.write(VERSION);
    return 0;
  }
  if (has('h')) return usage(proc, 0);
  const numeric = has('n');
  if (has('s')) return stats(proc, opts, parsed.afs);
  if (has('r')) {
    const table = routeTable(proc, numeric, opts.get('e') ?? 0, has('W'));
    proc.stdout.write(table.text);
    return table.status;
  }
  if (has('i')) {
    proc.stdout.write(interfaceTable(proc, has('a')));
    return 0;
  }
  const any = ['t', 'u', 'U', 'w', 'x', 'S'].some(has);
  const o: InetOptions = {
    all: has('a'),
    listening: has('l') && !has('a'),
    numericHosts: numeric || has('!h'),
    numericPorts: numeric || has('!p'),
    wide: has('W'),
    programs: has('p'),
    timers: has('o'),
    extend: has('e'),
    numericUsers: numeric || has('!u'),
    tcp: !any || has('t'),
    udp: !any || has('u'),
  };
  const inet = !any || ['t', 'u', 'U', 'w', 'S'].some(has);
  if (inet) {
    proc.stdout.write(inetHeader(o));
    if (o.tcp) proc.stdout.write(tcpLines(proc, o));
    if (o.udp) proc.stdout.write(udpLines(proc, o));
  }
  if (!any || has('x')) {
    const which = o.all ? 'servers and established' : o.listening ? 'only servers' : 'w/o servers';
    let head = 'Proto RefCnt Flags       Type       State         I-Node  ';
    if (o.programs) head += ' PID/Program name    ';
    proc.stdout.write(`Active UNIX domain sockets (${which})\n${head} Path\n`);
  }
  return 0;
};
