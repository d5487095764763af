import type { Elem, SetTypeName } from '../../kernel/ipset/types.js';
import type { AdtRequest } from '../../kernel/ipset/uadt.js';
import { formatIPv4, parseIPv4 } from '../../net/ipv4.js';
import { parseProto, protoName } from '../iptables/names.js';
import { servicePort } from '../iptables/services.js';
import { other, syntax } from './errors.js';

/** The element part of an add/del/test request (extensions come from the options after it). */
export type ElemRequest = Omit<AdtRequest, 'ext' | 'ref'>;

/** lib/icmp.c: ICMP type/code names, first name per pair for printing. */
const ICMP_NAMES: readonly (readonly [string, number, number])[] = [
  ['echo-reply', 0, 0],
  ['pong', 0, 0],
  ['network-unreachable', 3, 0],
  ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2],
  ['port-unreachable', 3, 3],
  ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6],
  ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9],
  ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12],
  ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14],
  ['precedence-cutoff', 3, 15],
  ['source-quench', 4, 0],
  ['network-redirect', 5, 0],
  ['host-redirect', 5, 1],
  ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3],
  ['echo-request', 8, 0],
  ['ping', 8, 0],
  ['router-advertisement', 9, 0],
  ['router-solicitation', 10, 0],
  ['ttl-zero-during-transit', 11, 0],
  ['ttl-zero-during-reassembly', 11, 1],
  ['ip-header-bad', 12, 0],
  ['required-option-missing', 12, 1],
  ['timestamp-request', 13, 0],
  ['timestamp-reply', 14, 0],
  ['address-mask-request', 17, 0],
  ['address-mask-reply', 18, 0],
];

const TCP = 6;
const UDP = 17;
const ICMP = 1;

/** How many comma-separated parts each type's element has. */
const PARTS: Record<SetTypeName, number> = {
  'hash:ip': 1,
  'hash:net': 1,
  'hash:ip,port': 2,
  'hash:ip,port,ip': 3,
  'hash:ip,port,net': 3,
  'bitmap:port': 1,
  'list:set': 1,
};

const ORDINAL = ['', 'First', 'Second', 'Third'];
const COUNT = ['none', 'one', 'two'];

/** ipset_parse_uint8/16/32 style: a decimal number in [min, max]. */
export function parseNumber(text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) && !/^0x[0-9a-f]+$/i.test(text)) throw syntax(`'${text}' is invalid as number`);
  const n = Number(text);
  if (n < min || n > max) throw syntax(`'${text}' is out of range ${min}-${max}`);
  return n;
}

function parseAddr(text: string): number {
  const a = parseIPv4(text);
  if (a === null) throw syntax(`cannot parse ${text}: resolving to IPv4 address failed`);
  return a;
}

/** An address part: `IP`, `IP/CIDR` or `IP-IP`. */
function parseIpPart(text: string): { ip: number; ipTo?: number; cidr?: number } {
  const slash = text.indexOf('/');
  if (slash >= 0)
    return { ip: parseAddr(text.slice(0, slash)), cidr: parseNumber(text.slice(slash + 1), 0, 32) };
  const dash = text.indexOf('-');
  if (dash >= 0) return { ip: parseAddr(text.slice(0, dash)), ipTo: parseAddr(text.slice(dash + 1)) };
  return { ip: parseAddr(text) };
}

/** A port of a protocol with ports: a number or a service name. */
function parsePort(text: string, proto: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n <= 65535) return n;
    throw other(
      `Syntax error: '${text}' is out of range 0-65535\nSyntax error: '${proto}' is invalid as number\ncannot parse '${text}' as a ${proto} port`,
    );
  }
  const p = servicePort(text, proto === 'udp' ? 'udp' : 'tcp');
  if (p !== undefined) return p;
  throw other(
    `Syntax error: '${text}' is invalid as number\nSyntax error: '${proto}' is invalid as number\ncannot parse '${text}' as a ${proto} port`,
  );
}

function parsePortRange(text: string, proto: string): { port: number; portTo?: number } {
  const dash = text.indexOf('-');
  if (dash < 0) return { port: parsePort(text, proto) };
  return { port: parsePort(text.slice(0, dash), proto), portTo: parsePort(text.slice(dash + 1), proto) };
}

/** `[proto:]port[-port]`, `icmp:name` or `icmp:type/code`; a bare port is TCP. */
export function parsePortPart(text: string): { port: number; portTo?: number; proto: number } {
  const colon = text.indexOf(':');
  if (colon < 0) return { ...parsePortRange(text, 'tcp'), proto: TCP };
  const pname = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  const proto = parseProto(pname.toLowerCase());
  if (proto === undefined) throw syntax(`cannot parse '${pname}' as a protocol`);
  if (proto === ICMP) return { port: parseIcmp(rest), proto };
  if (proto === TCP || proto === UDP || proto === 132 || proto === 136)
    return { ...parsePortRange(rest, protoName(proto) ?? pname), proto };
  return { port: parseNumber(rest, 0, 65535), proto };
}

function parseIcmp(text: string): number {
  const named = ICMP_NAMES.find(([n]) => n.toLowerCase() === text.toLowerCase());
  if (named) return (named[1] << 8) | named[2];
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) {
    const slash = text.indexOf('/');
    if (slash >= 0) parseNumber(text.slice(slash + 1), 0, 255);
    throw other(`Cannot parse ${text} as an ICMP type/code.`);
  }
  return (parseNumber(m[1], 0, 255) << 8) | parseNumber(m[2], 0, 255);
}

/** The element of a request, split on commas into the type's parts. */
export function parseElem(type: SetTypeName, text: string): ElemRequest {
  if (type === 'list:set') return { name: text };
  const parts = text.split(',');
  const want = PARTS[type];
  if (parts.length > want) {
    const seps = parts.length - 1;
    const n = seps === 1 ? 'Elem separator' : `${COUNT[seps] ?? seps} elem separators`;
    throw syntax(
      `${n[0].toUpperCase()}${n.slice(1)} in ${text}, but settype ${type} supports ${COUNT[want - 1]}.`,
    );
  }
  if (parts.length < want) throw syntax(`${ORDINAL[parts.length + 1]} element is missing from ${text}.`);
  if (type === 'bitmap:port') {
    const r = parsePortRange(parts[0], 'tcp');
    return r;
  }
  const first = parseIpPart(parts[0]);
  if (type === 'hash:ip' || type === 'hash:net') return first;
  const port = parsePortPart(parts[1]);
  if (type === 'hash:ip,port') return { ...first, ...port };
  if (type === 'hash:ip,port,ip') return { ...first, ...port, ip2: parseAddr(parts[2]) };
  const net = parseIpPart(parts[2]);
  return { ...first, ...port, ip2: net.ip, ip2To: net.ipTo, cidr2: net.cidr };
}

function formatPort(port: number, proto: number): string {
  if (proto === ICMP) {
    const named = ICMP_NAMES.find(([, t, c]) => ((t << 8) | c) === port);
    return `icmp:${named ? named[0] : `${port >> 8}/${port & 0xff}`}`;
  }
  return `${protoName(proto) ?? proto}:${port}`;
}

const net = (ip: number, cidr: number) => (cidr === 32 ? formatIPv4(ip) : `${formatIPv4(ip)}/${cidr}`);

/** An element as `ipset list` prints it. */
export function formatElem(type: SetTypeName, e: Elem): string {
  switch (type) {
    case 'hash:ip':
      return formatIPv4(e.ip);
    case 'hash:net':
      return net(e.ip, e.cidr);
    case 'hash:ip,port':
      return `${formatIPv4(e.ip)},${formatPort(e.port, e.proto)}`;
    case 'hash:ip,port,ip':
      return `${formatIPv4(e.ip)},${formatPort(e.port, e.proto)},${formatIPv4(e.ip2)}`;
    case 'hash:ip,port,net':
      return `${formatIPv4(e.ip)},${formatPort(e.port, e.proto)},${net(e.ip2, e.cidr2)}`;
    case 'bitmap:port':
      return String(e.port);
    case 'list:set':
      return e.name ?? '';
  }
}

/** The element of a test request as the test message names it (first address, prefix kept). */
export function requestText(type: SetTypeName, r: ElemRequest): string {
  const ip = r.ip ?? 0;
  const e: Elem = {
    ip,
    cidr: r.cidr ?? 32,
    port: r.port ?? 0,
    proto: r.proto ?? TCP,
    ip2: r.ip2 ?? 0,
    cidr2: r.cidr2 ?? 32,
    name: r.name,
  };
  return formatElem(type, e);
}
