import { parseIPv4 } from '../../net/ipv4.js';
import { parseIPv6 } from '../../net/dns/ipv6.js';
import { parseName, reverseName4, reverseName6 } from '../../net/dns/name.js';
import { CLASS_IN, RRTYPE, parseClassName, parseTypeName } from '../../net/dns/types.js';

/** What dig prints of each answer (`+[no]cmd`, `+[no]question`, ...). */
export interface Display {
  cmd: boolean;
  comments: boolean;
  question: boolean;
  answer: boolean;
  authority: boolean;
  additional: boolean;
  stats: boolean;
  short: boolean;
}

export interface Lookup {
  name: string;
  type: number;
  class: number;
  /** The name as typed, for `;; Connection to ... for NAME failed`. */
  typed: string;
}

export interface DigOptions {
  /** `@server`, as typed; null for the resolv.conf default. */
  server: string | null;
  port: number;
  tcp: boolean;
  edns: boolean;
  cookie: boolean;
  /** +timeout, in seconds (0 means 1, as dig has it). */
  timeout: number;
  tries: number;
  display: Display;
  /**
   * +cmd as it stood before the first name: it alone decides the banner
   * printed with "no servers could be reached" (measured: `+short` after the
   * name still gets it, before the name does not).
   */
  globalCmd: boolean;
  lookups: Lookup[];
}

export type DigArgs =
  { ok: true; options: DigOptions } | { ok: false; stdout: string; stderr: string; status: number };

const USAGE = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]

Use "dig -h" (or "dig -h | more") for complete list of options
`;

const fail = (stderr: string, stdout = ''): DigArgs => ({ ok: false, stdout, stderr, status: 1 });

/** `+[no]keyword[=value]` options; dig accepts any unambiguous prefix, as here. */
const PLUS_FLAGS = [
  'all',
  'answer',
  'authority',
  'additional',
  'cmd',
  'comments',
  'question',
  'stats',
  'short',
] as const;

/** dig's argument parser (dig.c parse_args) for the options podpath implements. */
export function parseDigArgs(argv: readonly string[]): DigArgs {
  const display: Display = {
    cmd: true,
    comments: true,
    question: true,
    answer: true,
    authority: true,
    additional: true,
    stats: true,
    short: false,
  };
  const o: DigOptions = {
    server: null,
    port: 53,
    tcp: false,
    edns: true,
    cookie: true,
    timeout: 5,
    tries: 3,
    display,
    globalCmd: true,
    lookups: [],
  };
  let current: Lookup | null = null;
  let typeSet = false;
  const newLookup = (name: string, typed: string, type: number = RRTYPE.A): Lookup => {
    current = { name, type, class: CLASS_IN, typed };
    typeSet = false;
    if (o.lookups.length === 0) o.globalCmd = display.cmd;
    o.lookups.push(current);
    return current;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('@')) {
      o.server = arg.slice(1);
    } else if (arg.startsWith('+')) {
      const err = plusOption(o, arg);
      if (err) return err;
    } else if (arg.startsWith('-') && arg.length > 1) {
      const flag = arg[1];
      if (flag === '4' || flag === '6') continue;
      if (!'ptxqcb'.includes(flag)) return fail(`Invalid option: ${arg}\n${USAGE}`);
      const value = arg.length > 2 ? arg.slice(2) : argv[++i];
      if (value === undefined) return fail(`Invalid option: ${arg}\n${USAGE}`);
      if (flag === 'p') {
        if (!/^\d+$/.test(value) || Number(value) > 65535)
          return fail(
            `dig: Couldn't parse port number\n`,
            `invalid port number '${value}': not a valid number\n`,
          );
        o.port = Number(value);
      } else if (flag === 't') {
        const t = parseTypeName(value);
        if (t === null) return fail(`dig: invalid type ${value}\n`);
        if (current) (current as Lookup).type = t;
        else newLookup('', '', t);
        typeSet = true;
      } else if (flag === 'c') {
        const c = parseClassName(value);
        if (c === null) return fail(`dig: invalid class ${value}\n`);
        if (current) (current as Lookup).class = c;
      } else if (flag === 'q') {
        const name = parseName(value);
        if (name === null) return fail(`dig: '${value}' is not a legal name (label too long)\n`);
        if (current && (current as Lookup).typed === '') Object.assign(current, { name, typed: value });
        else newLookup(name, value);
      } else if (flag === 'x') {
        const v4 = parseIPv4(value);
        const v6 = v4 === null ? parseIPv6(value) : null;
        const partial = /^\d{1,3}(\.\d{1,3}){0,3}$/.test(value);
        if (v4 === null && v6 === null && !partial) return fail(`Invalid IP address ${value}\n`);
        // dig reverses however many octets it is given: `-x 1.2.3` asks for 3.2.1.in-addr.arpa.
        const name =
          v4 !== null
            ? reverseName4(v4)
            : v6
              ? reverseName6(v6)
              : `${value.split('.').reverse().join('.')}.in-addr.arpa`;
        newLookup(name, name, RRTYPE.PTR);
        typeSet = true;
      }
    } else {
      const t = parseTypeName(arg);
      const c = t === null ? parseClassName(arg) : null;
      // A type or class word sets the current lookup's (once); anything else is a new name.
      if (t !== null && !(typeSet && current)) {
        if (current) (current as Lookup).type = t;
        else newLookup('', '', t);
        typeSet = true;
      } else if (c !== null && current) {
        (current as Lookup).class = c;
      } else {
        const name = parseName(arg);
        if (name === null) return fail(`dig: '${arg}' is not a legal name (label too long)\n`);
        if (current && (current as Lookup).typed === '') Object.assign(current, { name, typed: arg });
        else newLookup(name, arg);
      }
    }
  }
  // `dig` alone asks for the root's NS records.
  if (o.lookups.length === 0) newLookup('', '.', RRTYPE.NS);
  for (const l of o.lookups) if (l.typed === '') l.typed = l.name === '' ? '.' : l.name;
  return { ok: true, options: o };
}

function plusOption(o: DigOptions, arg: string): DigArgs | null {
  const body = arg.slice(1);
  const eq = body.indexOf('=');
  let word = (eq < 0 ? body : body.slice(0, eq)).toLowerCase();
  const value = eq < 0 ? null : body.slice(eq + 1);
  const on = !word.startsWith('no');
  if (!on) word = word.slice(2);
  const invalid = fail(`Invalid option: ${arg}\n${USAGE}`);
  const pick = (names: readonly string[]) => {
    const hits = names.filter((n) => n.startsWith(word));
    return word !== '' && hits.length >= 1 ? (hits.includes(word) ? word : hits[0]) : null;
  };
  const d = o.display;
  const number = (): number | null => (value !== null && /^\d+$/.test(value) ? Number(value) : null);
  const option = pick([...PLUS_FLAGS, 'tcp', 'vc', 'edns', 'cookie', 'timeout', 'tries', 'retry']);
  switch (option) {
    case 'all':
      for (const k of ['cmd', 'comments', 'question', 'answer', 'authority', 'additional', 'stats'] as const)
        d[k] = on;
      return null;
    case 'short':
      // +short: only the answer's rdata (dig turns the other sections off).
      d.short = on;
      if (on)
        Object.assign(d, {
          cmd: false,
          comments: false,
          question: false,
          authority: false,
          additional: false,
          stats: false,
          answer: true,
        });
      return null;
    case 'answer':
    case 'authority':
    case 'additional':
    case 'cmd':
    case 'comments':
    case 'question':
    case 'stats':
      d[option] = on;
      return null;
    case 'tcp':
    case 'vc':
      o.tcp = on;
      return null;
    case 'edns':
      o.edns = on;
      return null;
    case 'cookie':
      o.cookie = on;
      return null;
    case 'timeout': {
      const n = number();
      if (n === null) return invalid;
      o.timeout = Math.max(1, n);
      return null;
    }
    case 'tries':
    case 'retry': {
      const n = number();
      if (n === null) return invalid;
      o.tries = Math.max(1, option === 'retry' ? n + 1 : n);
      return null;
    }
    default:
      return invalid;
  }
}
