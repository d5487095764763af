import type { Command, Proc } from './process.js';
import type { LogRecord } from '../kernel/printk.js';
import { kernelLog } from '../kernel/printk.js';

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -F, --file <file>           use the file instead of the kernel log buffer
 -f, --facility <list>       restrict output to defined facilities
 -H, --human                 human readable output
 -J, --json                  use JSON output format
 -k, --kernel                display kernel messages
 -L, --color[=<when>]        colorize messages (auto, always or never)
                               colors are enabled by default
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -P, --nopager               do not pipe output into a pager
 -p, --force-prefix          force timestamp output on each line of multi-line messages
 -r, --raw                   print the raw message buffer
     --noescape              don't escape unprintable character
 -S, --syslog                force to use syslog(2) rather than /dev/kmsg
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -W, --follow-new            wait and print only new messages
 -x, --decode                decode facility and level to readable string
 -d, --show-delta            show time delta between printed messages
 -e, --reltime               show local time and time delta in readable format
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --time-format <format>  show timestamp using the given format:
                               [delta|reltime|ctime|notime|iso]
Suspending/resume will make ctime and iso timestamps inaccurate.
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

 -h, --help                  display this help
 -V, --version               display version

Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'res0',
  'res1',
  'res2',
  'res3',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
/** Kernel messages are facility kern (0). */
const KERN = 0;

/** Long options: name -> [short letter or key, argument: 0 none, 1 required, 2 optional]. */
const LONG: Record<string, [string, 0 | 1 | 2]> = {
  // In longopts[] order: getopt lists ambiguous candidates in it.
  'buffer-size': ['s', 1],
  clear: ['C', 0],
  color: ['L', 2],
  'console-level': ['n', 1],
  'console-off': ['D', 0],
  'console-on': ['E', 0],
  decode: ['x', 0],
  file: ['F', 1],
  facility: ['f', 1],
  follow: ['w', 0],
  'follow-new': ['W', 0],
  help: ['h', 0],
  human: ['H', 0],
  json: ['J', 0],
  kernel: ['k', 0],
  level: ['l', 1],
  since: ['since', 1],
  syslog: ['S', 0],
  until: ['until', 1],
  nopager: ['P', 0],
  noescape: ['noescape', 0],
  notime: ['t', 0],
  raw: ['r', 0],
  'read-clear': ['c', 0],
  reltime: ['e', 0],
  'show-delta': ['d', 0],
  ctime: ['T', 0],
  'time-format': ['time-format', 1],
  userspace: ['u', 0],
  version: ['V', 0],
  'force-prefix': ['p', 0],
};
const SHORT_ARG = new Set(['F', 'f', 'l', 'n', 's']);
const SHORT = new Set('CcDEFfHJkLlnPprSsuwWxdeTthV'.split(''));
/** The long name of each short option, for the exclusive-options message. */
const NAME_OF: Record<string, string> = Object.fromEntries(
  Object.entries(LONG).map(([name, [key]]) => [key, name]),
);
/** excl[] of dmesg.c: options of one row may not be combined. */
const EXCLUSIVE: readonly string[][] = [
  ['C', 'D', 'E', 'c', 'n', 'w'],
  ['H', 'r'],
  ['L', 'r'],
  ['S', 'w'],
  ['T', 'r'],
  ['d', 'r'],
  ['e', 'r'],
  ['r', 'x'],
  ['r', 't'],
];

class Usage extends Error {}

interface Opts {
  given: Set<string>;
  values: Map<string, string>;
  operands: string[];
}

/** getopt_long with GNU permutation over dmesg's options. */
function getopt(argv: readonly string[]): Opts {
  const o: Opts = { given: new Set(), values: new Map(), operands: [] };
  const set = (key: string, value?: string) => {
    o.given.add(key);
    if (value !== undefined) o.values.set(key, value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      o.operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const matches = Object.keys(LONG).filter((n) => n.startsWith(name));
      const exact = LONG[name] ? name : matches.length === 1 ? matches[0] : undefined;
      if (!exact) {
        if (matches.length > 1) {
          const all = matches.map((n) => ` '--${n}'`).join('');
          throw new Usage(
            `dmesg: option '${a.slice(0, eq < 0 ? a.length : eq)}' is ambiguous; possibilities:${all}`,
          );
        }
        throw new Usage(`dmesg: unrecognized option '${a}'`);
      }
      const [key, has] = LONG[exact];
      if (has === 0 && eq >= 0) throw new Usage(`dmesg: option '--${exact}' doesn't allow an argument`);
      if (has === 1 && eq < 0) {
        if (i + 1 >= argv.length) throw new Usage(`dmesg: option '--${exact}' requires an argument`);
        set(key, argv[++i]);
      } else set(key, eq >= 0 ? a.slice(eq + 1) : undefined);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      o.operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!SHORT.has(c)) throw new Usage(`dmesg: invalid option -- '${c}'`);
      if (SHORT_ARG.has(c)) {
        let value = a.slice(j + 1);
        if (value === '') {
          if (i + 1 >= argv.length) throw new Usage(`dmesg: option requires an argument -- '${c}'`);
          value = argv[++i];
        }
        set(c, value);
        break;
      }
      set(c, c === 'L' && j + 1 < a.length ? a.slice(j + 1) : undefined);
      if (c === 'L') break;
    }
  }
  return o;
}

/** A level or facility list: `name` exactly, `name+` and more severe, `+name` and less severe. */
function parseList(text: string, names: readonly string[], what: string): Set<number> {
  const out = new Set<number>();
  for (const word of text.split(',')) {
    const upTo = word.endsWith('+');
    const from = word.startsWith('+');
    const name = word.replace(/^\+|\+$/g, '');
    const n = names.indexOf(name);
    if (n < 0) throw new Error(`dmesg: unknown ${what} '${name}'`);
    if (upTo) for (let i = 0; i <= n; i++) out.add(i);
    else if (from) for (let i = n; i < names.length; i++) out.add(i);
    else out.add(n);
  }
  return out;
}

const TIME_FORMATS = ['delta', 'reltime', 'ctime', 'notime', 'iso'];

/** `[    5.123456]`: seconds since boot and microseconds. */
const secs = (ms: number) => {
  const us = Math.round(ms * 1000);
  return `${String(Math.floor(us / 1e6)).padStart(5)}.${String(us % 1e6).padStart(6, '0')}`;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** ctime of a record: the machine booted at the virtual epoch, in UTC. */
function ctime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${clock} ${d.getUTCFullYear()}`;
}

function iso(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const us = String(Math.round((ms % 1000) * 1000)).padStart(6, '0');
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())},${us}+00:00`;
}

interface Format {
  time: 'default' | 'delta' | 'ctime' | 'notime' | 'iso';
  raw: boolean;
  decode: boolean;
}

/** One printed record (print_record). */
function recordLine(r: LogRecord, prev: LogRecord | null, f: Format): string {
  let s = '';
  if (f.raw) s += `<${(KERN << 3) | r.level}>`;
  if (f.decode) s += `${FACILITIES[KERN].padEnd(6)}:${LEVELS[r.level].padEnd(6)}: `;
  if (f.time === 'default') s += `[${secs(r.at)}] `;
  else if (f.time === 'delta') s += `[${secs(r.at)} <${secs(prev ? r.at - prev.at : 0)}>] `;
  else if (f.time === 'ctime') s += `[${ctime(r.at)}] `;
  else if (f.time === 'iso') s += `${iso(r.at)} `;
  return `${s}${r.text}\n`;
}

function timeFormat(o: Opts): Format['time'] {
  const given = o.values.get('time-format');
  if (given !== undefined && !TIME_FORMATS.includes(given))
    throw new Error(`dmesg: unknown time format: ${given}`);
  if (o.given.has('t') || given === 'notime') return 'notime';
  if (o.given.has('T') || given === 'ctime') return 'ctime';
  if (given === 'iso') return 'iso';
  if (o.given.has('d') || given === 'delta') return 'delta';
  return 'default';
}

/** Options that need what the emulator does not have (a pager, a file, a follow loop, JSON). */
const UNSUPPORTED: Record<string, string> = {
  F: '--file',
  J: '--json',
  w: '--follow',
  W: '--follow-new',
  e: '--reltime',
  H: '--human',
  since: '--since',
  until: '--until',
};

/** util-linux dmesg over the machine's kernel log (one ring for every namespace). */
export const dmesg: Command = async (proc: Proc) => {
  let o: Opts;
  try {
    o = getopt(proc.argv.slice(1));
    if (o.operands.length > 0) throw new Usage('dmesg: bad usage');
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    proc.stderr.write(`${e.message}\nTry 'dmesg --help' for more information.\n`);
    return 1;
  }
  if (o.given.has('h')) {
    proc.stdout.write(USAGE);
    return 0;
  }
  if (o.given.has('V')) {
    proc.stdout.write('dmesg from util-linux 2.38.1\n');
    return 0;
  }
  for (const row of EXCLUSIVE) {
    const hit = row.filter((k) => o.given.has(k));
    if (hit.length > 1) {
      proc.stderr.write(
        `dmesg: mutually exclusive arguments:${hit.map((k) => ` --${NAME_OF[k]}`).join('')}\n`,
      );
      return 1;
    }
  }
  let levels: Set<number> | null = null;
  let facilities: Set<number> | null = null;
  let format: Format;
  try {
    const l = o.values.get('l');
    if (l !== undefined) levels = parseList(l, LEVELS, 'level');
    const f = o.values.get('f');
    if (f !== undefined) facilities = parseList(f, FACILITIES, 'facility');
    const n = o.values.get('n');
    if (n !== undefined && !LEVELS.includes(n) && !/^[0-7]$/.test(n))
      throw new Error(`dmesg: unknown level '${n}'`);
    const size = o.values.get('s');
    if (size !== undefined && !/^\d+$/.test(size))
      throw new Error(`dmesg: invalid buffer size argument: '${size}'`);
    format = { time: timeFormat(o), raw: o.given.has('r'), decode: o.given.has('x') };
  } catch (e) {
    proc.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const missing = Object.keys(UNSUPPORTED).find((k) => o.given.has(k));
  if (missing) {
    proc.stderr.write(`dmesg: ${UNSUPPORTED[missing]} is not supported by podpath\n`);
    return 1;
  }
  const log = kernelLog(proc.world);
  // Setting the console level or switching the console prints nothing.
  if (o.given.has('n') || o.given.has('D') || o.given.has('E')) return 0;
  if (o.given.has('C')) {
    log.clear();
    return 0;
  }
  // Every record here comes from the kernel: -u (userspace only) shows nothing.
  const shown = o.given.has('u') && !o.given.has('k') ? [] : log.list();
  let prev: LogRecord | null = null;
  let out = '';
  for (const r of shown) {
    if (levels && !levels.has(r.level)) continue;
    if (facilities && !facilities.has(KERN)) continue;
    out += recordLine(r, prev, format);
    prev = r;
  }
  proc.stdout.write(out);
  if (o.given.has('c')) log.clear();
  return 0;
};
