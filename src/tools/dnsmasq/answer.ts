import { formatIPv4 } from '../../net/ipv4.js';
import { formatIPv6 } from '../../net/dns/ipv6.js';
import type { DnsMessage, DnsQuestion, RData, ResourceRecord } from '../../net/dns/message.js';
import { ednsOf, optRecord } from '../../net/dns/edns.js';
import { addressOfReverseName, isSubdomain, sameName } from '../../net/dns/name.js';
import { CLASS_IN, EDE_NOT_READY, EDNS_OPTION, RCODE, RRTYPE, typeName } from '../../net/dns/types.js';
import type { Address, DnsmasqOptions, MxSrvRecord } from './args.js';
import { parseAddress } from './args.js';

/** dnsmasq 2.90's EDNS payload size (edns-packet-max). */
export const EDNS_PACKET_MAX = 1232;

/** An address known for a name, and where it came from: `config` (--host-record) or a hosts file. */
export interface HostEntry {
  readonly name: string;
  readonly addr: Address;
  readonly source: string;
  /** The line's (or record's) first name: what a PTR answers. */
  readonly canonical: string;
}

/** What dnsmasq answers from: its options and the hosts files it read. */
export interface LocalData {
  readonly options: DnsmasqOptions;
  readonly hosts: readonly HostEntry[];
  /** daemon->mxnames: SRV answers rotate it (the first match moves to the end). */
  mxSrv: MxSrvRecord[];
}

export interface Answer {
  readonly response: DnsMessage;
  /** log_query() lines, without the `dnsmasq: ` prefix. */
  readonly log: readonly string[];
}

const formatAddress = (a: Address): string => (a.family === 4 ? formatIPv4(a.addr) : formatIPv6(a.bytes));
const sameAddress = (a: Address, b: Address): boolean =>
  a.family === 4
    ? b.family === 4 && a.addr === b.addr
    : b.family === 6 && a.bytes.every((x, i) => x === b.bytes[i]);
const addrData = (a: Address): RData =>
  a.family === 4 ? { kind: 'a', address: a.addr } : { kind: 'aaaa', address: a.bytes };
const familyOf = (qtype: number): 4 | 6 | null => (qtype === RRTYPE.A ? 4 : qtype === RRTYPE.AAAA ? 6 : null);

/** The most specific --address domain the name falls under. */
function addressRule(data: LocalData, name: string) {
  let best: { domain: string; addr: Address | null } | null = null;
  for (const rule of data.options.addresses)
    for (const domain of rule.domains)
      if (isSubdomain(name, domain) && (!best || domain.length > best.domain.length))
        best = { domain, addr: rule.addr };
  return best;
}

function hostsFor(data: LocalData, name: string, family: 4 | 6): HostEntry[] {
  return data.hosts.filter((h) => h.addr.family === family && sameName(h.name, name));
}

/** True when some local data names `name` (it exists, so a missing type is NODATA, not NXDOMAIN). */
function nameExists(data: LocalData, name: string): boolean {
  const o = data.options;
  return (
    data.hosts.some((h) => sameName(h.name, name)) ||
    o.cnames.some((c) => c.aliases.some((a) => sameName(a, name))) ||
    data.mxSrv.some((r) => sameName(r.name, name)) ||
    o.txt.some((t) => sameName(t.name, name))
  );
}

/**
 * answer_request() for a query that local data can answer (or refuse):
 * CNAMEs followed, then the records of the asked type; nothing local under a
 * --local domain is NXDOMAIN (or NODATA when the name exists), anything else
 * would be forwarded, and with no upstream server that is REFUSED with EDE 14.
 */
export function answerQuery(data: LocalData, query: DnsMessage, client: string): Answer {
  const log: string[] = [];
  const q = query.questions[0];
  log.push(`query[${typeName(q.type)}] ${q.name} from ${client}`);
  const answers: ResourceRecord[] = [];
  const additional: ResourceRecord[] = [];
  const rr = (name: string, type: number, d: RData): ResourceRecord => ({
    name,
    type,
    class: CLASS_IN,
    ttl: 0,
    data: d,
  });
  let rcode: number = RCODE.NOERROR;
  let aa = true;
  let ede = false;

  let name = q.name;
  for (let hops = 0; hops < 10; hops++) {
    const alias = data.options.cnames.find((c) => c.aliases.some((a) => sameName(a, name)));
    if (!alias) break;
    log.push(`config ${name} is <CNAME>`);
    answers.push(rr(name, RRTYPE.CNAME, { kind: 'name', name: alias.target }));
    name = alias.target;
    if (q.type === RRTYPE.CNAME) break;
  }
  const followed = answers.length > 0;
  if (!(followed && q.type === RRTYPE.CNAME)) answers.push(...recordsOf(data, name, q, log, additional, rr));

  if (answers.length === 0 && q.class === CLASS_IN) {
    const rule = addressRule(data, name);
    const local = data.options.locals.some((d) => isSubdomain(name, d));
    aa = false;
    if (rule && rule.addr === null) {
      rcode = RCODE.NXDOMAIN;
      log.push(`config ${name} is NXDOMAIN`);
    } else if (local && nameExists(data, name)) {
      const fam = familyOf(q.type);
      log.push(`config ${name} is NODATA${fam ? `-IPv${fam}` : ''}`);
    } else if (local) {
      rcode = RCODE.NXDOMAIN;
      log.push(`config ${name} is NXDOMAIN`);
    } else {
      rcode = RCODE.REFUSED;
      ede = true;
      log.push('config error is REFUSED (EDE: not ready)');
    }
  }

  const edns = ednsOf(query);
  const opt = edns
    ? [
        optRecord({
          udpSize: EDNS_PACKET_MAX,
          extendedRcode: 0,
          version: 0,
          dnssecOk: false,
          options: ede ? [{ code: EDNS_OPTION.EDE, data: Uint8Array.of(0, EDE_NOT_READY) }] : [],
        }),
      ]
    : [];
  const h = query.header;
  const response: DnsMessage = {
    header: {
      id: h.id,
      qr: true,
      opcode: h.opcode,
      aa,
      tc: false,
      rd: h.rd,
      ra: true,
      z: false,
      ad: false,
      cd: h.cd,
      rcode,
    },
    questions: [q],
    answers,
    authority: [],
    additional: [...additional, ...opt],
  };
  return { response, log };
}

function recordsOf(
  data: LocalData,
  name: string,
  q: DnsQuestion,
  log: string[],
  additional: ResourceRecord[],
  rr: (name: string, type: number, d: RData) => ResourceRecord,
): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  const o = data.options;
  if (q.type === RRTYPE.TXT)
    for (const t of o.txt)
      if (sameName(t.name, name)) {
        log.push(`config ${name} is <TXT>`);
        out.push(rr(name, RRTYPE.TXT, { kind: 'txt', strings: t.strings }));
      }
  if (q.type === RRTYPE.PTR) {
    const addr = addressOfReverseName(name);
    if (addr) {
      const seen = new Set<string>();
      for (const h of data.hosts)
        if (sameAddress(h.addr, addr) && !seen.has(`${h.source} ${h.canonical}`)) {
          seen.add(`${h.source} ${h.canonical}`);
          log.push(`${h.source} ${formatAddress(h.addr)} is ${h.canonical}`);
          out.push(rr(name, RRTYPE.PTR, { kind: 'name', name: h.canonical }));
        }
    }
  }
  const fam = familyOf(q.type);
  if (fam) {
    const rule = addressRule(data, name);
    if (rule?.addr && rule.addr.family === fam) {
      log.push(`config ${name} is ${formatAddress(rule.addr)}`);
      out.push(rr(name, q.type, addrData(rule.addr)));
    } else if (!rule)
      for (const h of hostsFor(data, name, fam)) {
        log.push(`${h.source} ${name} is ${formatAddress(h.addr)}`);
        out.push(rr(name, q.type, addrData(h.addr)));
      }
  }
  if (q.type === RRTYPE.MX || q.type === RRTYPE.SRV) {
    const srv = q.type === RRTYPE.SRV;
    const matched = data.mxSrv.filter((r) => r.isSrv === srv && sameName(r.name, name));
    for (const r of matched) {
      log.push(`config ${name} is <${srv ? 'SRV' : 'MX'}>`);
      out.push(
        rr(
          name,
          q.type,
          srv
            ? { kind: 'srv', priority: r.priority, weight: r.weight, port: r.port, target: r.target }
            : { kind: 'mx', preference: r.priority, exchange: r.target },
        ),
      );
    }
    // Round robin: the first matching SRV record goes to the end of the list.
    if (srv && matched.length > 0) data.mxSrv = [...data.mxSrv.filter((r) => r !== matched[0]), matched[0]];
    // The targets' addresses, in list order after the rotation.
    for (const r of data.mxSrv)
      if (matched.includes(r) && r.target !== '')
        for (const fam2 of [4, 6] as const)
          for (const h of hostsFor(data, r.target, fam2))
            additional.push(rr(r.target, fam2 === 4 ? RRTYPE.A : RRTYPE.AAAA, addrData(h.addr)));
  }
  return out;
}

/** Parses a hosts file as dnsmasq reads it: `ADDR NAME [ALIAS...]`, `#` comments; counts the names. */
export function readHostsFile(text: string, source: string): { entries: HostEntry[]; names: number } {
  const entries: HostEntry[] = [];
  let names = 0;
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length < 2) continue;
    const addr = parseAddress(fields[0]);
    if (!addr) continue;
    for (const n of fields.slice(1)) {
      entries.push({ name: n, addr, source, canonical: fields[1] });
      names++;
    }
  }
  return { entries, names };
}
