/**
 * traceroute's command line (traceroute.c option_list, parsed by libclif):
 * short options with joined or separate arguments, grouped flags, long
 * options with `=` or a separate argument, positional `host [packetlen]`,
 * and libclif's error messages (exit 2). Numbers are read as strtoul(…, 0)
 * reads them: decimal, 0x hex, 0 octal, a minus sign wrapping around.
 */

export type Method = 'default' | 'icmp' | 'tcp' | 'udp';

export interface TracerouteOptions {
  host: string;
  /** argv index of the host argument (libclif's `argc N` in its errors). */
  hostArgc: number;
  packetLen: number | null;
  method: string;
  firstHop: number;
  maxHops: number;
  simProbes: number;
  probesPerHop: number;
  numeric: boolean;
  port: number;
  waitSecs: number;
  hereFactor: number;
  nearFactor: number;
  sendSecs: number;
  source: string | null;
  device: string | null;
  family: 4 | 6 | 0;
}

export type ParseResult =
  | { readonly ok: true; readonly options: TracerouteOptions }
  | { readonly ok: false; readonly stderr: string; readonly status: number };

type Handler = (o: TracerouteOptions, arg: string) => boolean;

interface OptionSpec {
  readonly short?: string;
  readonly long?: string;
  /** The argument's name in `requires an argument: -q nqueries`; absent for flags. */
  readonly argName?: string;
  readonly set: Handler;
}

/** strtoul(text, &end, 0) for a whole string: null when nothing or trailing garbage is left. */
export function strtoul(text: string): number | null {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.exec(text);
  if (!m) return null;
  const digits = m[2];
  let value = /^0[xX]/.test(digits)
    ? BigInt(digits)
    : digits.length > 1 && digits.startsWith('0')
      ? BigInt(`0o${digits.slice(1)}`)
      : BigInt(digits);
  if (m[1] === '-') value = -value;
  // unsigned long wraps, then the (unsigned int) cast keeps the low 32 bits.
  return Number(BigInt.asUintN(32, value));
}

/** strtol(text, &end, 0) cast to int, for the packetlen argument. */
function strtol(text: string): number | null {
  const u = strtoul(text);
  return u === null ? null : u | 0;
}

/** strtod prefix: the number and the rest of the string, or null when none. */
function strtodPrefix(text: string): { value: number; rest: string } | null {
  const m = /^\s*[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(text);
  if (!m) return null;
  return {
    value: Number(m[0].trim().replace(/^([+-]?)inf(inity)?$/i, '$1Infinity')),
    rest: text.slice(m[0].length),
  };
}

/** set_wait_specs: MAX[,HERE[,NEAR]]; naming MAX alone turns the other two off. */
function setWait(o: TracerouteOptions, arg: string): boolean {
  o.hereFactor = o.nearFactor = 0;
  const values: number[] = [];
  let rest = arg;
  for (let i = 0; i < 3; i++) {
    const n = strtodPrefix(rest);
    if (!n) return false;
    values.push(n.value);
    rest = n.rest;
    if (rest === '') break;
    if (i === 2 || !rest.startsWith(',')) return false;
    rest = rest.slice(1);
  }
  [o.waitSecs, o.hereFactor = 0, o.nearFactor = 0] = values;
  return true;
}

const uint =
  (key: 'firstHop' | 'maxHops' | 'simProbes' | 'probesPerHop'): Handler =>
  (o, arg) => {
    const n = strtoul(arg);
    if (n === null) return false;
    o[key] = n;
    return true;
  };

/** set_port: a number (anything after its digits ignored) or a service name. */
function setPort(o: TracerouteOptions, arg: string): boolean {
  const m = /^\s*[+-]?(0[xX][0-9a-fA-F]+|\d+)/.exec(arg);
  if (!m) return false;
  o.port = strtoul(m[0]) ?? 0;
  return true;
}

const flag = (): Handler => () => true;
const method =
  (name: string): Handler =>
  (o) => ((o.method = name), true);

const OPTIONS: readonly OptionSpec[] = [
  { short: '4', set: (o) => ((o.family = 4), true) },
  { short: '6', set: (o) => ((o.family = 6), true) },
  { short: 'd', long: 'debug', set: flag() },
  { short: 'F', long: 'dont-fragment', set: flag() },
  { short: 'f', long: 'first', argName: 'first_ttl', set: uint('firstHop') },
  { short: 'g', long: 'gateway', argName: 'gate', set: flag() },
  { short: 'I', long: 'icmp', set: method('icmp') },
  { short: 'T', long: 'tcp', set: method('tcp') },
  { short: 'i', long: 'interface', argName: 'device', set: (o, a) => ((o.device = a), true) },
  { short: 'm', long: 'max-hops', argName: 'max_ttl', set: uint('maxHops') },
  { short: 'N', long: 'sim-queries', argName: 'squeries', set: uint('simProbes') },
  { short: 'n', set: (o) => ((o.numeric = true), true) },
  { short: 'p', long: 'port', argName: 'port', set: setPort },
  { short: 't', long: 'tos', argName: 'tos', set: (_o, a) => strtoul(a) !== null },
  { short: 'l', long: 'flowlabel', argName: 'flow_label', set: (_o, a) => strtoul(a) !== null },
  { short: 'w', long: 'wait', argName: 'MAX,HERE,NEAR', set: setWait },
  { short: 'q', long: 'queries', argName: 'nqueries', set: uint('probesPerHop') },
  { short: 'r', set: flag() },
  { short: 's', long: 'source', argName: 'src_addr', set: (o, a) => ((o.source = a), true) },
  {
    short: 'z',
    long: 'sendwait',
    argName: 'sendwait',
    set: (o, a) => {
      const n = strtodPrefix(a);
      if (!n || n.rest !== '') return false;
      o.sendSecs = n.value;
      return true;
    },
  },
  { short: 'e', long: 'extensions', set: flag() },
  { short: 'A', long: 'as-path-lookups', set: flag() },
  { short: 'M', long: 'module', argName: 'name', set: (o, a) => ((o.method = a), true) },
  { short: 'O', long: 'options', argName: 'OPTS', set: flag() },
  { long: 'sport', argName: 'num', set: (o, a) => strtoul(a) !== null && ((o.simProbes = 1), true) },
  { long: 'fwmark', argName: 'num', set: (_o, a) => strtoul(a) !== null },
  { short: 'U', long: 'udp', set: method('udp') },
  { short: 'D', long: 'dccp', set: method('dccp') },
  { short: 'P', long: 'protocol', argName: 'prot', set: method('raw') },
  { long: 'mtu', set: flag() },
  { long: 'back', set: flag() },
];

export const VERSION =
  'Modern traceroute for Linux, version 2.1.2\nCopyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later\n';

function defaults(): TracerouteOptions {
  return {
    host: '',
    hostArgc: 0,
    packetLen: null,
    method: 'default',
    firstHop: 1,
    maxHops: 30,
    simProbes: 16,
    probesPerHop: 3,
    numeric: false,
    port: 0,
    waitSecs: 5,
    hereFactor: 3,
    nearFactor: 10,
    sendSecs: 0,
    source: null,
    device: null,
    family: 0,
  };
}

/** The outcome of reading argv: options, or a request to print help or the version. */
export type ArgvResult = ParseResult | { readonly ok: 'help' } | { readonly ok: 'version' };

const fail = (message: string): ParseResult => ({ ok: false, stderr: `${message}\n`, status: 2 });

/** CLIF_parse with CLIF_MAY_JOIN_ARG | CLIF_HELP_EMPTY. */
export function parseTracerouteArgv(argv: readonly string[]): ArgvResult {
  if (argv.length === 0) return { ok: 'help' };
  const o = defaults();
  const positional: { text: string; argc: number }[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argc = i + 1;
    const arg = argv[i];
    if (arg === '--help') return { ok: 'help' };
    if (arg === '--version') return { ok: 'version' };
    if (arg === '-UL') {
      o.method = 'udplite';
      continue;
    }
    if (arg.startsWith('--') && arg.length > 2) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const spec = OPTIONS.find((s) => s.long === name);
      if (!spec) return fail(`Bad option \`${arg}' (argc ${argc})`);
      let value = inline ?? '';
      let at = argc;
      if (spec.argName && inline === undefined) {
        if (i + 1 >= argv.length)
          return fail(
            `Option \`--${name}' (argc ${argc}) requires an argument: \`--${name}=${spec.argName}'`,
          );
        value = argv[++i];
        at = i + 1;
      }
      if (!spec.set(o, value))
        return fail(
          spec.argName
            ? `Cannot handle \`--${name}' option with arg \`${value}' (argc ${at})`
            : `Cannot handle \`--${name}' option (argc ${at})`,
        );
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j];
        if (c === 'V') return { ok: 'version' };
        const spec = OPTIONS.find((s) => s.short === c);
        if (!spec) return fail(`Bad option \`-${c}' (argc ${argc})`);
        if (!spec.argName) {
          if (!spec.set(o, '')) return fail(`Cannot handle \`-${c}' option (argc ${argc})`);
          continue;
        }
        let value = arg.slice(j + 1);
        let at = argc;
        if (value === '') {
          if (i + 1 >= argv.length)
            return fail(`Option \`-${c}' (argc ${argc}) requires an argument: \`-${c} ${spec.argName}'`);
          value = argv[++i];
          at = i + 1;
        }
        if (!spec.set(o, value))
          return fail(`Cannot handle \`-${c}' option with arg \`${value}' (argc ${at})`);
        break;
      }
      continue;
    }
    positional.push({ text: arg, argc });
  }
  if (positional.length === 0) return fail('Specify "host" missing argument.');
  if (positional.length > 2) {
    const extra = positional[2];
    return fail(`Extra arg \`${extra.text}' (position 3, argc ${extra.argc})`);
  }
  o.host = positional[0].text;
  o.hostArgc = positional[0].argc;
  if (positional.length === 2) {
    const len = strtol(positional[1].text);
    if (len === null)
      return fail(
        `Cannot handle "packetlen" cmdline arg \`${positional[1].text}' on position 2 (argc ${positional[1].argc})`,
      );
    o.packetLen = len;
  }
  return { ok: true, options: o };
}

/** %g as printf prints it (six significant digits, trailing zeros dropped). */
export function formatG(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value < 0 ? '-inf' : 'inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(value)));
  if (exp < -4 || exp >= 6) {
    const [mant, e] = value.toExponential(5).split('e');
    const m = mant.replace(/\.?0+$/, '');
    const n = Number(e);
    return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return String(Number(value.toPrecision(6)));
}

/** main()'s checks after parsing (ex_error, exit 2); null when the options are usable. */
export function checkOptions(o: TracerouteOptions): string | null {
  if (!['default', 'icmp', 'tcp', 'udp', 'udplite', 'dccp', 'raw', 'tcpconn'].includes(o.method))
    return `Unknown traceroute module ${o.method}`;
  if (!o.firstHop || o.firstHop > o.maxHops) return 'first hop out of range';
  if (o.maxHops > 255) return 'max hops cannot be more than 255';
  if (!o.probesPerHop || o.probesPerHop > 10) return 'no more than 10 probes per hop';
  if (o.waitSecs < 0 || o.hereFactor < 0 || o.nearFactor < 0)
    return `bad wait specifications \`${formatG(o.waitSecs)},${formatG(o.hereFactor)},${formatG(o.nearFactor)}' used`;
  if (o.packetLen !== null && o.packetLen > 65000) return `too big packetlen ${o.packetLen} specified`;
  if (o.sendSecs < 0) return `bad sendtime \`${formatG(o.sendSecs)}' specified`;
  return null;
}
