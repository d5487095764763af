import type { IPv4 } from '../../net/ipv4.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { parseIPv6 } from '../../net/dns/ipv6.js';
import { parseName } from '../../net/dns/name.js';

/** An address from the command line: IPv4 as uint32 or IPv6 as 16 bytes. */
export type Address = { family: 4; addr: IPv4 } | { family: 6; bytes: Uint8Array };

export interface HostRecord {
  readonly names: readonly string[];
  readonly addrs: readonly Address[];
}

/** --mx-host and --srv-host share one list in dnsmasq (daemon->mxnames). */
export interface MxSrvRecord {
  readonly isSrv: boolean;
  readonly name: string;
  readonly target: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
}

export interface DnsmasqOptions {
  port: number;
  listen: IPv4[];
  bindInterfaces: boolean;
  logQueries: boolean;
  noHosts: boolean;
  noResolv: boolean;
  /** --address=/domain/[addr]: null answers NXDOMAIN for the domain. */
  addresses: { domains: string[]; addr: Address | null }[];
  /**
   * --local=/domain/ (and --server=/domain/ without an address, and
   * --address=/domain/ without one): answered from local data only.
   */
  locals: string[];
  hostRecords: HostRecord[];
  hostsFiles: string[];
  cnames: { aliases: string[]; target: string }[];
  /** Newest first: dnsmasq links each new record at the head. */
  mxSrv: MxSrvRecord[];
  txt: { name: string; strings: string[] }[];
}

export type DnsmasqArgs =
  { ok: true; options: DnsmasqOptions } | { ok: false; stderr: string; status: number };

const bad = (why: string): DnsmasqArgs => ({
  ok: false,
  stderr: `\ndnsmasq: bad command line options: ${why}\n`,
  status: 1,
});

export function parseAddress(text: string): Address | null {
  const v4 = parseIPv4(text);
  if (v4 !== null) return { family: 4, addr: v4 };
  const v6 = parseIPv6(text);
  return v6 ? { family: 6, bytes: v6 } : null;
}

/** Short options dnsmasq takes (option.c OPTSTRING) for the long ones emulated. */
const SHORT: Record<string, string> = {
  d: 'no-daemon',
  k: 'keep-in-foreground',
  R: 'no-resolv',
  h: 'no-hosts',
  a: 'listen-address',
  z: 'bind-interfaces',
  A: 'address',
  H: 'addn-hosts',
  W: 'srv-host',
  m: 'mx-host',
  Y: 'txt-record',
  p: 'port',
  q: 'log-queries',
  S: 'server',
  C: 'conf-file',
};

const FLAGS = new Set([
  'no-daemon',
  'keep-in-foreground',
  'no-resolv',
  'no-hosts',
  'bind-interfaces',
  'log-queries',
]);
const VALUED = new Set([
  'listen-address',
  'address',
  'addn-hosts',
  'srv-host',
  'mx-host',
  'txt-record',
  'port',
  'server',
  'local',
  'host-record',
  'cname',
  'conf-file',
]);

/** Splits at commas outside double quotes and drops the quotes (dnsmasq's option parsing). */
function commaFields(text: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(cur);
      cur = '';
    } else cur += ch;
  }
  fields.push(cur);
  return fields;
}

/** dnsmasq's command line (getopt_long, then option.c one_opt) for the options podpath implements. */
export function parseDnsmasqArgs(argv: readonly string[]): DnsmasqArgs {
  const o: DnsmasqOptions = {
    port: 53,
    listen: [],
    bindInterfaces: false,
    logQueries: false,
    noHosts: false,
    noResolv: false,
    addresses: [],
    locals: [],
    hostRecords: [],
    hostsFiles: [],
    cnames: [],
    mxSrv: [],
    txt: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let name: string;
    let value: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      value = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!FLAGS.has(name) && !VALUED.has(name)) return bad('try --help');
      if (VALUED.has(name) && value === undefined) value = argv[++i];
    } else if (arg.startsWith('-') && arg.length > 1 && SHORT[arg[1]]) {
      name = SHORT[arg[1]];
      if (VALUED.has(name)) value = arg.length > 2 ? arg.slice(2) : argv[++i];
    } else return bad('try --help');
    if (VALUED.has(name) && value === undefined) return bad('try --help');
    const err = apply(o, name, value ?? '');
    if (err) return bad(err);
  }
  return { ok: true, options: o };
}

/** `/a/b/rest` → domains [a, b] and rest. */
function slashDomains(text: string): { domains: string[]; rest: string } | null {
  if (!text.startsWith('/')) return null;
  const parts = text.split('/');
  const rest = parts.pop()!;
  const domains = parts.slice(1).filter((d) => d !== '');
  return { domains: domains.map((d) => parseName(d) ?? d), rest };
}

function apply(o: DnsmasqOptions, name: string, value: string): string | null {
  switch (name) {
    case 'no-daemon':
    case 'keep-in-foreground':
    case 'conf-file':
      return null;
    case 'no-resolv':
      o.noResolv = true;
      return null;
    case 'no-hosts':
      o.noHosts = true;
      return null;
    case 'bind-interfaces':
      o.bindInterfaces = true;
      return null;
    case 'log-queries':
      o.logQueries = true;
      return null;
    case 'port': {
      if (!/^\d+$/.test(value) || Number(value) > 65535) return 'bad port';
      o.port = Number(value);
      return null;
    }
    case 'listen-address': {
      for (const a of value.split(',')) {
        const addr = parseIPv4(a);
        if (addr === null) return 'bad address';
        o.listen.push(addr);
      }
      return null;
    }
    case 'addn-hosts':
      o.hostsFiles.push(value);
      return null;
    case 'address': {
      const d = slashDomains(value);
      if (!d) return 'Bad address in --address';
      if (d.rest === '' || d.rest === '#') {
        o.addresses.push({ domains: d.domains, addr: null });
        o.locals.push(...d.domains);
        return null;
      }
      const addr = parseAddress(d.rest);
      if (!addr) return 'Bad address in --address';
      o.addresses.push({ domains: d.domains, addr });
      return null;
    }
    case 'local':
    case 'server': {
      const d = slashDomains(value);
      if (!d || d.rest !== '') return 'podpath: only --local=/domain/ and --server=/domain/ are emulated';
      o.locals.push(...d.domains);
      return null;
    }
    case 'host-record': {
      const names: string[] = [];
      const addrs: Address[] = [];
      for (const f of commaFields(value)) {
        const addr = parseAddress(f);
        if (addr) addrs.push(addr);
        else if (/^\d+$/.test(f) && names.length > 0)
          continue; // the TTL
        else {
          const n = parseName(f);
          if (n === null || n === '') return 'Bad host-record';
          names.push(n);
        }
      }
      if (names.length === 0 || addrs.length === 0) return 'Bad host-record';
      o.hostRecords.push({ names, addrs });
      return null;
    }
    case 'cname': {
      const fields = commaFields(value);
      if (fields.length > 2 && /^\d+$/.test(fields[fields.length - 1])) fields.pop();
      if (fields.length < 2) return 'bad CNAME';
      const names = fields.map(parseName);
      if (names.some((n) => n === null || n === '')) return 'bad CNAME';
      const target = names.pop()!;
      o.cnames.push({ aliases: names as string[], target: target });
      return null;
    }
    case 'srv-host':
    case 'mx-host': {
      const f = commaFields(value);
      const rec = name === 'srv-host' ? srvRecord(f) : mxRecord(f);
      if (typeof rec === 'string') return rec;
      o.mxSrv.unshift(rec);
      return null;
    }
    case 'txt-record': {
      const [n, ...strings] = commaFields(value);
      const parsed = parseName(n);
      if (parsed === null || parsed === '') return 'bad TXT record';
      // No text is one empty character-string (measured: `TXT ""`).
      o.txt.unshift({ name: parsed, strings: strings.length > 0 ? strings : [''] });
      return null;
    }
  }
  return 'try --help';
}

const num = (text: string | undefined, dflt: number): number | null =>
  text === undefined ? dflt : /^\d+$/.test(text) && Number(text) <= 65535 ? Number(text) : null;

/** `_svc._proto.domain[,target[,port[,priority[,weight]]]]`; no target is "service absent": `0 0 1 .`. */
function srvRecord(f: string[]): MxSrvRecord | string {
  const name = parseName(f[0]);
  if (name === null || name === '') return 'bad SRV record';
  const target = f[1] === undefined ? '' : parseName(f[1]);
  const port = num(f[2], 1);
  const priority = num(f[3], 0);
  const weight = num(f[4], 0);
  if (target === null || port === null || priority === null || weight === null) return 'bad SRV record';
  return { isSrv: true, name, target, port, priority, weight };
}

/** `name[,target[,preference]]`. */
function mxRecord(f: string[]): MxSrvRecord | string {
  const name = parseName(f[0]);
  if (name === null || name === '') return 'bad MX name';
  const target = f[1] === undefined ? name : parseName(f[1]);
  const pref = num(f[2], 1);
  if (target === null || pref === null) return 'bad MX target';
  return { isSrv: false, name, target, port: 0, priority: pref, weight: 0 };
}
