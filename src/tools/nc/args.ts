/** netcat-openbsd's command line, as getopt and main() of netcat.c (Debian 1.219) read it. */
export interface NcOptions {
  readonly listen: boolean;
  readonly keep: boolean;
  readonly udp: boolean;
  readonly zero: boolean;
  readonly verbose: boolean;
  readonly numeric: boolean;
  readonly shutdownOnEof: boolean;
  /** -q: seconds to wait after stdin EOF before quitting; -1 waits forever. */
  readonly quit: number;
  /** -w: connect and idle timeout in ms; null for none. */
  readonly timeoutMs: number | null;
  readonly sourcePort: number | null;
  readonly sourceAddr: string | null;
  readonly host: string | null;
  readonly ports: readonly number[];
}

export type ParsedNc = { ok: true; options: NcOptions } | { ok: false; stderr: string; status: number };

export const USAGE =
  'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n' +
  '\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n' +
  '\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n' +
  '\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n' +
  '\t  [destination] [port]\n';

const FLAGS = new Set('46bCDdFhklNnrStUuvZz');
const WITH_ARG = new Set('IiMmOPpqsTVWwXx');

const fail = (message: string): ParsedNc => ({ ok: false, stderr: `nc: ${message}\n`, status: 1 });
const usage = (prefix = ''): ParsedNc => ({ ok: false, stderr: prefix + USAGE, status: 1 });

/** strtonum(text, 1, 65535) with netcat's wording for a port. */
function port(text: string): number | string {
  if (!/^-?\d+$/.test(text)) return `port number invalid: ${text}`;
  const n = Number(text);
  if (n < 1) return `port number too small: ${text}`;
  if (n > 65535) return `port number too large: ${text}`;
  return n;
}

/** getservbyname for the protocol in use: a service's port, or null. */
export type ServiceLookup = (name: string, proto: 'tcp' | 'udp') => number | null;

/**
 * build_ports: per argument a service name, a range `LOW-HIGH` (starting
 * with a digit), or a port (measured: `ssh-http-alt` is an invalid port).
 */
function ports(args: readonly string[], service: (name: string) => number | null): number[] | string {
  const out: number[] = [];
  for (const arg of args) {
    const named = service(arg);
    if (named !== null) {
      out.push(named);
      continue;
    }
    const range = /^(\d[^-]*)-([^-]+)$/.exec(arg);
    if (range) {
      const lo = port(range[1]);
      const hi = port(range[2]);
      if (typeof lo === 'string') return lo;
      if (typeof hi === 'string') return hi;
      for (let p = Math.min(lo, hi); p <= Math.max(lo, hi); p++) out.push(p);
      continue;
    }
    const p = port(arg);
    if (typeof p === 'string') return p;
    out.push(p);
  }
  return out;
}

/** getopt with optstring "46bCDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz" (options may follow operands). */
export function parseNcArgs(argv: readonly string[], lookup: ServiceLookup = () => null): ParsedNc {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      if (WITH_ARG.has(c)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) return usage(`nc: option requires an argument -- '${c}'\n`);
        values.set(c, value);
        break;
      }
      if (!FLAGS.has(c)) return usage(`nc: invalid option -- '${c}'\n`);
      flags.add(c);
    }
  }
  if (flags.has('h')) return usage();
  let timeoutMs: number | null = null;
  const w = values.get('w');
  if (w !== undefined) {
    if (!/^\d+$/.test(w) || Number(w) > 100000000) return fail(`timeout invalid: ${w}`);
    timeoutMs = Number(w) * 1000;
  }
  let quit = -1;
  const q = values.get('q');
  if (q !== undefined) {
    if (!/^-?\d+$/.test(q) || Number(q) > 2147483647) return fail(`quit timer invalid: ${q}`);
    quit = Number(q);
  }
  let sourcePort: number | null = null;
  const p = values.get('p');
  const proto = flags.has('u') ? 'udp' : 'tcp';
  const service = (name: string) => lookup(name, proto);
  if (p !== undefined) {
    const n = service(p) ?? port(p);
    if (typeof n === 'string') return fail(n);
    sourcePort = n;
  }
  const listen = flags.has('l');
  let host: string | null = null;
  let portArgs: string[];
  if (operands.length === 0 && !listen) return usage();
  if (listen && operands.length === 0) {
    if (p === undefined) return fail('missing port number');
    portArgs = [p];
  } else if (listen && operands.length === 1) {
    if (p !== undefined) return usage();
    portArgs = operands;
  } else if (operands.length === 1) return fail('missing port number');
  else {
    host = operands[0];
    portArgs = operands.slice(1);
  }
  if (listen && flags.has('z')) return fail('cannot use -z and -l');
  if (flags.has('k') && !listen) return fail('must use -l with -k');
  const list = ports(portArgs, service);
  if (typeof list === 'string') return fail(list);
  return {
    ok: true,
    options: {
      listen,
      keep: flags.has('k'),
      udp: flags.has('u'),
      zero: flags.has('z'),
      verbose: flags.has('v'),
      numeric: flags.has('n'),
      shutdownOnEof: flags.has('N'),
      quit,
      timeoutMs,
      sourcePort: listen ? null : sourcePort,
      sourceAddr: values.get('s') ?? null,
      host,
      ports: list,
    },
  };
}
