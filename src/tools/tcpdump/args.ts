/** tcpdump 4.99.3's command line (getopt_long with GNU argument permutation). */
export interface TcpdumpOptions {
  readonly iface: string | null;
  readonly count: number | null;
  readonly e: boolean;
  readonly n: number;
  readonly q: boolean;
  readonly v: number;
  readonly t: number;
  readonly readFile: string | null;
  readonly writeFile: string | null;
  readonly snaplen: number;
  readonly expression: string;
}

export type ArgsParse =
  { ok: true; options: TcpdumpOptions } | { ok: false; stderr: string; status: number } | { ok: 'version' };

export const VERSION = `tcpdump version 4.99.3
libpcap version 1.10.3 (with TPACKET_V3)
OpenSSL 3.0.19 27 Jan 2026
`;

export const USAGE = `Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

const FLAGS = 'AbdDefhHIJKlLnNOpqStuUvxX#';
const WITH_ARG = 'BcCEFGijMQrsTVwWyzZ';
const LONG_FLAGS = new Set(['--immediate-mode', '--micro', '--nano', '--number', '--print', '--count']);

const usageError = (msg: string): ArgsParse => ({
  ok: false,
  stderr: `tcpdump: ${msg}\n${VERSION}${USAGE}`,
  status: 1,
});
const fatal = (msg: string): ArgsParse => ({ ok: false, stderr: `tcpdump: ${msg}\n`, status: 1 });

export function parseTcpdumpArgs(argv: readonly string[]): ArgsParse {
  const o = {
    iface: null as string | null,
    count: null as number | null,
    e: false,
    n: 0,
    q: false,
    v: 0,
    t: 0,
  };
  let readFile: string | null = null;
  let writeFile: string | null = null;
  let snaplen = 262144;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--version') return { ok: 'version' };
    if (LONG_FLAGS.has(a)) continue;
    if (a.startsWith('--')) return usageError(`unrecognized option '${a}'`);
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (WITH_ARG.includes(c)) {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) return usageError(`option requires an argument -- '${c}'`);
        if (c === 'c') {
          const n = /^\d+$/.test(value) ? Number(value) : 0;
          if (n <= 0) return fatal(`invalid packet count ${value}`);
          o.count = n;
        } else if (c === 'i') o.iface = value;
        else if (c === 'r') readFile = value;
        else if (c === 'w') writeFile = value;
        else if (c === 's') {
          const n = /^\d+$/.test(value) ? Number(value) : -1;
          if (n < 0 || n > 262144) return fatal(`invalid snaplen ${value}`);
          snaplen = n === 0 ? 262144 : n;
        }
        break;
      }
      if (!FLAGS.includes(c)) return usageError(`invalid option -- '${c}'`);
      if (c === 'e') o.e = true;
      else if (c === 'n') o.n++;
      else if (c === 'q') o.q = true;
      else if (c === 'v') o.v++;
      else if (c === 't') o.t++;
      else if (c === 'h') return { ok: false, stderr: VERSION + USAGE, status: 0 };
    }
  }
  return { ok: true, options: { ...o, readFile, writeFile, snaplen, expression: rest.join(' ') } };
}
