/** ss's command line after getopt_long (GNU: options may follow the filter words). */
export interface SsArgs {
  readonly flags: ReadonlySet<string>;
  /** -f/-A values, in order. */
  readonly families: readonly string[];
  readonly queries: readonly string[];
  /** The words left for `state`/`exclude` and the filter expression. */
  readonly rest: readonly string[];
  /** -a or -l, whichever came last (each overwrites state_filter). */
  readonly stateOption: 'a' | 'l' | null;
}

export type SsArgsResult = { ok: true; args: SsArgs } | { ok: false; stderr: string };

const SHORT = 'dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO';
const LONG: Record<string, string> = {
  numeric: 'n',
  resolve: 'r',
  all: 'a',
  listening: 'l',
  options: 'o',
  extended: 'e',
  memory: 'm',
  processes: 'p',
  threads: 'T',
  info: 'i',
  summary: 's',
  bpf: 'b',
  events: 'E',
  context: 'Z',
  contexts: 'z',
  'no-header': 'H',
  oneline: 'O',
  ipv4: '4',
  ipv6: '6',
  packet: '0',
  tcp: 't',
  mptcp: 'M',
  sctp: 'S',
  udp: 'u',
  dccp: 'd',
  raw: 'w',
  unix: 'x',
  'family=': 'f',
  'query=': 'A',
  'socket=': 'A',
  'diag=': 'D',
  'filter=': 'F',
  'net=': 'N',
  kill: 'K',
  version: 'V',
  help: 'h',
};

const takesArg = (c: string) => SHORT[SHORT.indexOf(c) + 1] === ':';

export function parseSsArgs(argv: readonly string[]): SsArgsResult {
  const flags = new Set<string>();
  const families: string[] = [];
  const queries: string[] = [];
  const rest: string[] = [];
  let stateOption: 'a' | 'l' | null = null;
  const set = (c: string, value: string | undefined) => {
    if (c === 'f') families.push(value!);
    else if (c === 'A') queries.push(value!);
    if (c === 'a' || c === 'l') stateOption = c;
    flags.add(c);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const matches = Object.keys(LONG).filter((k) => k.replace('=', '').startsWith(name));
      const exact = matches.find((k) => k.replace('=', '') === name);
      const key = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!key) return { ok: false, stderr: `ss: unrecognized option '${a}'\n` };
      let value = inline;
      if (key.endsWith('=') && value === undefined) {
        value = argv[++i];
        if (value === undefined)
          return { ok: false, stderr: `ss: option '--${key.slice(0, -1)}' requires an argument\n` };
      }
      set(LONG[key], value);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (c === ':' || !SHORT.includes(c)) return { ok: false, stderr: `ss: invalid option -- '${c}'\n` };
      if (!takesArg(c)) {
        set(c, undefined);
        continue;
      }
      const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
      if (value === undefined) return { ok: false, stderr: `ss: option requires an argument -- '${c}'\n` };
      set(c, value);
      break;
    }
  }
  return { ok: true, args: { flags, families, queries, rest, stateOption } };
}
