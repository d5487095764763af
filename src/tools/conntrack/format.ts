import { formatIPv4 } from '../../net/ipv4.js';
import { IPPROTO } from '../../net/packet.js';
import type { CtEntry, CtEventType } from '../../kernel/netfilter/conntrack/api.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import type { CtCounter } from '../../kernel/netfilter/conntrack/conn.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import { icmpCode, icmpType } from '../../kernel/netfilter/conntrack/tuple.js';

/** -o flags that change the plain format (NFCT_OF_SHOW_LAYER3, NFCT_OF_ID). */
export interface OutputFlags {
  readonly extended: boolean;
  readonly id: boolean;
}

/** libnetfilter_conntrack's TCP state names; SYN_SENT2 sits in the slot it calls LISTEN. */
const TCP_NAMES: Readonly<Record<string, string>> = { SYN_SENT2: 'LISTEN' };
const tcpName = (s: string) => TCP_NAMES[s] ?? s;

const hasPorts = (proto: number) =>
  proto === IPPROTO.TCP || proto === IPPROTO.UDP || proto === 136 || proto === 132;

/** __snprintf_address + __snprintf_proto: one direction's tuple. */
function tuple(t: Tuple): string {
  let s = `src=${formatIPv4(t.src)} dst=${formatIPv4(t.dst)} `;
  if (hasPorts(t.proto)) s += `sport=${t.sport} dport=${t.dport} `;
  else if (t.proto === IPPROTO.ICMP) s += `type=${icmpType(t)} code=${icmpCode(t)} id=${t.sport} `;
  return s;
}

const counters = (c: CtCounter) => `packets=${c.packets} bytes=${c.bytes} `;

/** The message prefix of an event line (`%9s `). */
const EVENT_PREFIX: Readonly<Record<CtEventType, string>> = {
  NEW: '    [NEW] ',
  UPDATE: ' [UPDATE] ',
  DESTROY: '[DESTROY] ',
};

/** __snprintf_conntrack_default: one line of `conntrack -L` or `-E` (without its newline). */
export function formatEntry(e: CtEntry, flags: OutputFlags, event?: CtEventType): string {
  let s = event ? EVENT_PREFIX[event] : '';
  if (flags.extended) s += `${'ipv4'.padEnd(8)} 2 `;
  s += `${e.protoName.padEnd(8)} ${e.orig.proto} `;
  if (e.timeout !== null) s += `${e.timeout} `;
  if (e.tcpState !== null) s += `${tcpName(e.tcpState)} `;
  s += tuple(e.orig);
  if (e.counters) s += counters(e.counters[0]);
  if (!(e.status & IPS.SEEN_REPLY)) s += '[UNREPLIED] ';
  s += tuple(e.reply);
  if (e.counters) s += counters(e.counters[1]);
  if (e.status & IPS.ASSURED) s += '[ASSURED] ';
  if (e.mark !== null) s += `mark=${e.mark} `;
  if (e.zone !== 0) s += `zone=${e.zone} `;
  if (e.use !== null) s += `use=${e.use} `;
  if (flags.id) s += `id=${e.id} `;
  return s.trimEnd();
}

/** __snprintf_tuple_xml: one direction's <meta>. */
function xmlTuple(t: Tuple, dir: 'original' | 'reply', c: CtCounter | undefined): string {
  let s = `<meta direction="${dir}"><layer3 protonum="2" protoname="ipv4">`;
  s += `<src>${formatIPv4(t.src)}</src><dst>${formatIPv4(t.dst)}</dst></layer3>`;
  s += `<layer4 protonum="${t.proto}" protoname="${protoXmlName(t.proto)}">`;
  if (hasPorts(t.proto)) s += `<sport>${t.sport}</sport><dport>${t.dport}</dport>`;
  s += '</layer4>';
  if (c) s += `<counters><packets>${c.packets}</packets><bytes>${c.bytes}</bytes></counters>`;
  return `${s}</meta>`;
}

const XML_NAMES: Readonly<Record<number, string>> = {
  6: 'tcp',
  17: 'udp',
  136: 'udplite',
  1: 'icmp',
  58: 'icmpv6',
  132: 'sctp',
  47: 'gre',
  33: 'dccp',
};
const protoXmlName = (p: number) => XML_NAMES[p] ?? 'unknown';

const XML_TYPE: Readonly<Record<CtEventType, string>> = { NEW: 'new', UPDATE: 'update', DESTROY: 'destroy' };

/** __snprintf_conntrack_xml: one <flow> (XML output always carries the id). */
export function formatXml(e: CtEntry, event?: CtEventType): string {
  let s = event ? `<flow type="${XML_TYPE[event]}">` : '<flow>';
  s += xmlTuple(e.orig, 'original', e.counters?.[0]);
  s += xmlTuple(e.reply, 'reply', e.counters?.[1]);
  s += '<meta direction="independent">';
  if (e.tcpState !== null) s += `<state>${tcpName(e.tcpState)}</state>`;
  if (e.timeout !== null) s += `<timeout>${e.timeout}</timeout>`;
  if (e.mark !== null) s += `<mark>${e.mark}</mark>`;
  if (e.zone !== 0) s += `<zone>${e.zone}</zone>`;
  if (e.use !== null) s += `<use>${e.use}</use>`;
  s += `<id>${e.id}</id>`;
  if (e.status & IPS.ASSURED) s += '<assured/>';
  if (!(e.status & IPS.SEEN_REPLY)) s += '<unreplied/>';
  return `${s}</meta></flow>`;
}

export const XML_HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<conntrack>\n';
export const XML_FOOTER = '</conntrack>\n';

/** conntrack_status_map in bit order, for -o save's -u. */
const STATUS_NAMES: readonly (readonly [number, string])[] = [
  [IPS.EXPECTED, 'EXPECTED'],
  [IPS.SEEN_REPLY, 'SEEN_REPLY'],
  [IPS.ASSURED, 'ASSURED'],
  [IPS.FIXED_TIMEOUT, 'FIXED_TIMEOUT'],
];

const SAVE_VERB: Readonly<Record<CtEventType, string>> = { NEW: '-A', UPDATE: '-U', DESTROY: '-D' };

/** ct_save_snprintf: the entry as the conntrack command that would make it again (-o save). */
export function formatSave(e: CtEntry, event: CtEventType = 'NEW'): string {
  let s = `${SAVE_VERB[event]} `;
  if (e.timeout !== null) s += `-t ${e.timeout} `;
  const st = STATUS_NAMES.filter(([bit]) => e.status & bit).map(([, n]) => n);
  s += `-u ${st.length ? st.join(',') : 'UNSET'} `;
  if (e.zone !== 0) s += `-w ${e.zone} `;
  const dnat = e.status & IPS.DST_NAT_DONE && e.reply.src !== e.orig.dst;
  const snat = e.status & IPS.SRC_NAT_DONE && e.reply.dst !== e.orig.src;
  s += `-s ${formatIPv4(e.orig.src)} -d ${formatIPv4(e.orig.dst)} `;
  s += `${dnat ? '-g' : '-r'} ${formatIPv4(e.reply.src)} ${snat ? '-n' : '-q'} ${formatIPv4(e.reply.dst)} `;
  const p = e.orig.proto;
  if (p === IPPROTO.ICMP)
    s += `-p icmp --icmp-type ${icmpType(e.orig)} --icmp-code ${icmpCode(e.orig)} --icmp-id ${e.orig.sport}`;
  else if (hasPorts(p)) {
    s += `-p ${protoXmlName(p)} --sport ${e.orig.sport} --dport ${e.orig.dport} `;
    s += `--reply-port-src ${e.reply.sport} --reply-port-dst ${e.reply.dport}`;
    if (e.tcpState !== null) s += ` --state ${tcpName(e.tcpState)}`;
  } else s += `-p ${p}`;
  return s.trimEnd();
}
