import type { Command, Proc } from '../process.js';
import { inetHeader, tcpLines, udpLines } from './inet.js';
import type { InetOptions } from './inet.js';
import { routeTable } from './route.js';
import { interfaceTable } from './iface.js';
import { NETSTAT_AFLIST, NETSTAT_USAGE } from './usage.js';

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

/** The options as counts (-e and -n may be given twice), or the bad one's message. */
function parse(argv: readonly string[]): Map<string, number> | string {
  const seen = new Map<string, number>();
  const add = (c: string) => seen.set(c, (seen.get(c) ?? 0) + 1);
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
          if (j + 1 === a.length) i++;
          break;
        }
      }
    }
  }
  return seen;
}

/** net-tools netstat: sockets (-t -u -l -a -n -p -o), routes (-r), interfaces (-i). */
export const netstat: Command = async (proc) => {
  const opts = parse(proc.argv.slice(1));
  if (typeof opts === 'string') {
    proc.stderr.write(opts);
    return usage(proc, 3);
  }
  const has = (c: string) => opts.has(c);
  if (has('V')) {
    proc.stdout.write(VERSION);
    return 0;
  }
  if (has('h')) return usage(proc, 0);
  const numeric = has('n');
  if (has('s')) {
    // The Ip/Icmp/Tcp/Udp SNMP counters (/proc/net/snmp) are not modelled: better no table than a false one.
    proc.stderr.write('netstat: -s: SNMP statistics are not modelled by podpath\n');
    return 1;
  }
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
