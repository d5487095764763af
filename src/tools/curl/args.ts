/** The curl options podpath emulates (curl 7.88.1, Debian 12). */
export interface CurlOptions {
  readonly urls: string[];
  verbose: boolean;
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  output: string | null;
  writeOut: string | null;
  /** -m, seconds. */
  maxTime: number | null;
  /** --connect-timeout, seconds. */
  connectTimeout: number | null;
  request: string | null;
  /** -d values in order (joined with '&'). */
  readonly data: string[];
  readonly headers: string[];
  userAgent: string | null;
  /** --no-keepalive: curl turns TCP keepalive on unless told not to. */
  noKeepalive: boolean;
  /** --keepalive-time, seconds (idle time before the first probe, and between probes); curl's default is 60. */
  keepaliveTime: number;
}

export type ParsedCurlArgs =
  { ok: true; options: CurlOptions } | { ok: false; stderr: string; status: number };

type Flag = 'verbose' | 'silent' | 'showError' | 'head' | 'include' | 'fail' | 'noKeepalive';
type Param =
  | 'output'
  | 'writeOut'
  | 'maxTime'
  | 'connectTimeout'
  | 'keepaliveTime'
  | 'request'
  | 'data'
  | 'header'
  | 'userAgent'
  | 'url';

const SHORT_FLAGS: Readonly<Record<string, Flag | 'ignore'>> = {
  v: 'verbose',
  s: 'silent',
  S: 'showError',
  I: 'head',
  i: 'include',
  f: 'fail',
  // Accepted and meaningless here: IPv4 only, no TLS, no buffering to speak of.
  '4': 'ignore',
  k: 'ignore',
  N: 'ignore',
};
const SHORT_PARAMS: Readonly<Record<string, Param>> = {
  o: 'output',
  w: 'writeOut',
  m: 'maxTime',
  X: 'request',
  d: 'data',
  H: 'header',
  A: 'userAgent',
};
const LONG: Readonly<Record<string, Flag | Param | 'ignore'>> = {
  verbose: 'verbose',
  silent: 'silent',
  'show-error': 'showError',
  head: 'head',
  include: 'include',
  fail: 'fail',
  ipv4: 'ignore',
  insecure: 'ignore',
  'no-buffer': 'ignore',
  output: 'output',
  'write-out': 'writeOut',
  'max-time': 'maxTime',
  'connect-timeout': 'connectTimeout',
  'no-keepalive': 'noKeepalive',
  'keepalive-time': 'keepaliveTime',
  request: 'request',
  data: 'data',
  'data-raw': 'data',
  'data-ascii': 'data',
  'data-binary': 'data',
  header: 'header',
  'user-agent': 'userAgent',
  url: 'url',
};
const PARAMS = new Set<string>([
  'output',
  'writeOut',
  'maxTime',
  'connectTimeout',
  'keepaliveTime',
  'request',
  'data',
  'header',
  'userAgent',
  'url',
]);

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";
const usage = (text: string): ParsedCurlArgs => ({ ok: false, stderr: `curl: ${text}\n${TRY}`, status: 2 });

/** curl's getparameter loop: bundled short flags (`-sSo FILE`), `--long VALUE`, URLs anywhere. */
export function parseCurlArgs(argv: readonly string[]): ParsedCurlArgs {
  const o: CurlOptions = {
    urls: [],
    verbose: false,
    silent: false,
    showError: false,
    head: false,
    include: false,
    fail: false,
    output: null,
    writeOut: null,
    maxTime: null,
    connectTimeout: null,
    request: null,
    data: [],
    headers: [],
    userAgent: null,
    noKeepalive: false,
    keepaliveTime: 60,
  };
  if (argv.length === 0) return { ok: false, stderr: TRY, status: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--') && arg.length > 2) {
      const name = LONG[arg.slice(2)];
      if (!name) return usage(`option ${arg}: is unknown`);
      if (!PARAMS.has(name)) {
        if (name !== 'ignore') o[name as Flag] = true;
        continue;
      }
      if (i + 1 >= argv.length) return usage(`option ${arg}: requires parameter`);
      const err = setParam(o, name as Param, argv[++i]);
      if (err) return usage(`option ${arg}: ${err}`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        const flag = SHORT_FLAGS[letter];
        if (flag) {
          if (flag !== 'ignore') o[flag] = true;
          continue;
        }
        const param = SHORT_PARAMS[letter];
        if (!param) return usage(`option -${arg.slice(j)}: is unknown`);
        let value: string;
        if (j + 1 < arg.length) value = arg.slice(j + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else return usage(`option -${letter}: requires parameter`);
        const err = setParam(o, param, value);
        if (err) return usage(`option -${letter}: ${err}`);
        break;
      }
    } else o.urls.push(arg);
  }
  if (o.urls.length === 0) return { ok: false, stderr: `curl: no URL specified!\n${TRY}`, status: 2 };
  return { ok: true, options: o };
}

function setParam(o: CurlOptions, name: Param, value: string): string | null {
  switch (name) {
    case 'maxTime':
    case 'connectTimeout': {
      if (!/^\d*\.?\d+$|^\d+\.$/.test(value)) return 'expected a proper numerical parameter';
      o[name] = Number(value);
      return null;
    }
    case 'keepaliveTime':
      // str2unum: a whole number of seconds.
      if (!/^\d+$/.test(value)) return 'expected a proper numerical parameter';
      o.keepaliveTime = Number(value);
      return null;
    case 'data':
      o.data.push(value);
      return null;
    case 'header':
      o.headers.push(value);
      return null;
    case 'url':
      o.urls.push(value);
      return null;
    default:
      o[name] = value;
      return null;
  }
}
