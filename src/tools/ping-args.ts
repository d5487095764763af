/** The options of iputils ping (ping/ping.c) that lab scripts use. */
export interface PingOptions {
  count: number | null;
  /** -i, in ms. */
  interval: number;
  /** -W, in ms: how long to wait for a reply once everything is sent and nothing came back. */
  linger: number;
  /** -w, in seconds; null when not given. */
  deadline: number | null;
  size: number;
  ttl: number | null;
  iface: string | null;
  quiet: boolean;
  numeric: boolean;
  broadcast: boolean;
  /** -p: the pattern bytes (up to 16) the payload repeats; null for ping's default fill. */
  pattern: number[] | null;
  host: string;
}

export type PingArgs =
  /** `stdout`: what ping prints while it parses (the PATTERN line of -p). */
  | { ok: true; options: PingOptions; warnings: string[]; stdout: string }
  | { ok: false; stderr: string; status: number };

const WITH_ARG = new Set('TFNceiIlmMpQsStwW'.split(''));
const FLAGS = new Set('h?4bR6aABCdDfLnOqrUvV'.split(''));
const LONG_MAX = '9223372036854775807';

/** ping's usage text (to stderr, exit 2). */
export const USAGE = `
Usage
  ping [options] <destination>

Options:
  <destination>      dns name or ip address
  -a                 use audible ping
  -A                 use adaptive ping
  -B                 sticky source address
  -c <count>         stop after <count> replies
  -C                 call connect() syscall on socket creation
  -D                 print timestamps
  -d                 use SO_DEBUG socket option
  -e <identifier>    define identifier for ping session, default is random for
                     SOCK_RAW and kernel defined for SOCK_DGRAM
                     Imply using SOCK_RAW (for IPv4 only for identifier 0)
  -f                 flood ping
  -h                 print help and exit
  -I <interface>     either interface name or address
  -i <interval>      seconds between sending each packet
  -L                 suppress loopback of multicast packets
  -l <preload>       send <preload> number of packages while waiting replies
  -m <mark>          tag the packets going out
  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>
  -n                 no dns name resolution
  -O                 report outstanding replies
  -p <pattern>       contents of padding byte
  -q                 quiet output
  -Q <tclass>        use quality of service <tclass> bits
  -s <size>          use <size> as number of data bytes to be sent
  -S <size>          use <size> as SO_SNDBUF socket option value
  -t <ttl>           define time to live
  -U                 print user-to-user latency
  -v                 verbose output
  -V                 print version and exit
  -w <deadline>      reply wait <deadline> in seconds
  -W <timeout>       time to wait for response

IPv4 options:
  -4                 use IPv4
  -b                 allow pinging broadcast
  -R                 record route
  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>

IPv6 options:
  -6                 use IPv6
  -F <flowlabel>     define flow label, default is random
  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument

For more details see ping(8).
`;

class ArgError extends Error {
  constructor(
    readonly stderr: string,
    readonly status: number,
  ) {
    super(stderr);
  }
}

/** strtol_or_err: a whole decimal integer within [min, max]. */
function integer(text: string, min: number, max: number, maxText = String(max)): number {
  if (!/^\s*[+-]?\d+$/.test(text)) throw new ArgError(`ping: invalid argument: '${text}'\n`, 1);
  const value = Number(text);
  if (value < min || value > max) {
    throw new ArgError(`ping: invalid argument: '${text}': out of range: ${min} <= value <= ${maxText}\n`, 1);
  }
  return value;
}

/** ping_strtod: a float; trailing garbage only warns (for now, says iputils). */
function float(text: string, warnings: string[]): number {
  const match = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  const value = match ? Number(match[0]) : 0;
  if (!match || match[0].length !== text.length) {
    warnings.push(
      `ping: option argument contains garbage: ${text}\n`,
      'ping: this will become fatal error in the future\n',
    );
  }
  return value;
}

/** getopt_long with GNU permutation, as ping's main() runs it. */
export function parsePingArgs(argv: readonly string[]): PingArgs {
  const options: PingOptions = {
    count: null,
    interval: 1000,
    linger: 10_000,
    deadline: null,
    size: 56,
    ttl: null,
    iface: null,
    quiet: false,
    numeric: false,
    broadcast: false,
    pattern: null,
    host: '',
  };
  let stdout = '';
  const warnings: string[] = [];
  const operands: string[] = [];
  try {
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
        const opt = arg[j];
        if (WITH_ARG.has(opt)) {
          let value = arg.slice(j + 1);
          if (value === '') {
            if (i + 1 >= argv.length)
              throw new ArgError(`ping: option requires an argument -- '${opt}'\n${USAGE}`, 2);
            value = argv[++i];
          }
          if (opt === 'p') stdout += fillPattern(options, value);
          else apply(options, opt, value, warnings);
          break;
        }
        if (!FLAGS.has(opt)) throw new ArgError(`ping: invalid option -- '${opt}'\n${USAGE}`, 2);
        if (opt === 'q') options.quiet = true;
        else if (opt === 'n') options.numeric = true;
        else if (opt === 'b') options.broadcast = true;
        else if (opt === 'h' || opt === '?') throw new ArgError(USAGE, 2);
      }
    }
  } catch (e) {
    if (e instanceof ArgError) return { ok: false, stderr: warnings.join('') + e.stderr, status: e.status };
    throw e;
  }
  if (operands.length === 0) {
    return {
      ok: false,
      stderr: warnings.join('') + 'ping: usage error: Destination address required\n',
      status: 1,
    };
  }
  options.host = operands[operands.length - 1];
  return { ok: true, options, warnings, stdout };
}

/**
 * fill(): hex digits only, read two at a time (sscanf %2x, so `123` is
 * 12 03), at most 16 bytes; the PATTERN line unless -q came before.
 */
function fillPattern(options: PingOptions, text: string): string {
  const bad = text.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new ArgError(`ping: patterns must be specified as hex digits: ${text.slice(bad)}\n`, 2);
  const bytes = (text.match(/.{1,2}/g) ?? []).slice(0, 16).map((h) => parseInt(h, 16));
  options.pattern = bytes;
  if (options.quiet) return '';
  return `PATTERN: 0x${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}\n`;
}

function apply(options: PingOptions, opt: string, value: string, warnings: string[]): void {
  switch (opt) {
    case 'c':
      options.count = integer(value, 1, Number.MAX_SAFE_INTEGER, LONG_MAX);
      return;
    case 's':
      options.size = integer(value, 0, 2147483647);
      return;
    case 't':
      options.ttl = integer(value, 0, 255);
      return;
    case 'w':
      options.deadline = integer(value, 0, 2147483647);
      return;
    case 'i':
      options.interval = Math.max(0, Math.round(float(value, warnings) * 1000));
      return;
    case 'W': {
      const seconds = float(value, warnings);
      if (seconds < 0) throw new ArgError(`ping: bad linger time: ${value}\n`, 2);
      options.linger = Math.round(seconds * 1000);
      return;
    }
    case 'I':
      options.iface = value;
      return;
  }
}
