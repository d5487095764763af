import { formatIPv4 } from '../../net/ipv4.js';
import { formatIPv6 } from '../../net/dns/ipv6.js';
import type { DnsMessage, DnsQuestion, RData, ResourceRecord } from '../../net/dns/message.js';
import { ednsOf } from '../../net/dns/edns.js';
import { absoluteName } from '../../net/dns/name.js';
import {
  EDNS_OPTION,
  RRTYPE,
  className,
  edeName,
  opcodeName,
  rcodeName,
  typeName,
} from '../../net/dns/types.js';
import type { Display } from './args.js';

/**
 * dig's presentation of a message (BIND's masterdump with dig's style:
 * TTL at column 24, class at 32, type at 40, rdata at 48, tabs 8 wide).
 */

/** masterdump.c indent(): tabs up to the column, at least one blank. */
function indent(column: number, to: number): [string, number] {
  if (to < column + 1) to = column + 1;
  const tabs = Math.floor(to / 8) - Math.floor(column / 8);
  if (tabs > 0) return ['\t'.repeat(tabs) + ' '.repeat(to - Math.floor(to / 8) * 8), to];
  return [' '.repeat(to - column), to];
}

function columns(fields: readonly (readonly [string, number])[]): string {
  let line = '';
  let column = 0;
  for (const [text, at] of fields) {
    if (line !== '' || at > 0) {
      const [pad, to] = indent(column, at);
      line += pad;
      column = to;
    }
    line += text;
    column += text.length;
  }
  return line;
}

export function formatRData(data: RData): string {
  switch (data.kind) {
    case 'a':
      return formatIPv4(data.address);
    case 'aaaa':
      return formatIPv6(data.address);
    case 'name':
      return absoluteName(data.name);
    case 'mx':
      return `${data.preference} ${absoluteName(data.exchange)}`;
    case 'srv':
      return `${data.priority} ${data.weight} ${data.port} ${absoluteName(data.target)}`;
    case 'txt':
      return data.strings.map(quoteTxt).join(' ');
    case 'opt':
      return '';
    case 'raw':
      return data.bytes.length === 0
        ? '\\# 0'
        : `\\# ${data.bytes.length} ${[...data.bytes]
            .map((b) => b.toString(16).padStart(2, '0'))
            .join('')
            .toUpperCase()}`;
  }
}

/** A character-string as BIND writes it: quoted, `"` and `\` escaped, others as \DDD. */
function quoteTxt(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c > 0x7e) out += `\\${String(c).padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function formatRecord(rr: ResourceRecord): string {
  return columns([
    [absoluteName(rr.name), 0],
    [String(rr.ttl), 24],
    [className(rr.class), 32],
    [typeName(rr.type), 40],
    [formatRData(rr.data), 48],
  ]);
}

/** `;name.		IN	A`: the `;` is outside the columns, and there is no TTL. */
export function formatQuestion(q: DnsQuestion): string {
  return `;${columns([
    [absoluteName(q.name), 0],
    [className(q.class), 32],
    [typeName(q.type), 40],
  ])}`;
}

function headerLines(msg: DnsMessage): string {
  const h = msg.header;
  const edns = ednsOf(msg);
  const rcode = (edns ? edns.extendedRcode << 4 : 0) | h.rcode;
  const flags = (
    [
      ['qr', h.qr],
      ['aa', h.aa],
      ['tc', h.tc],
      ['rd', h.rd],
      ['ra', h.ra],
      ['ad', h.ad],
      ['cd', h.cd],
    ] as const
  )
    .filter(([, on]) => on)
    .map(([f]) => ` ${f}`)
    .join('');
  return (
    `;; ->>HEADER<<- opcode: ${opcodeName(h.opcode)}, status: ${rcodeName(rcode)}, id: ${h.id}\n` +
    `;; flags:${flags}; QUERY: ${msg.questions.length}, ANSWER: ${msg.answers.length}, ` +
    `AUTHORITY: ${msg.authority.length}, ADDITIONAL: ${msg.additional.length}\n`
  );
}

function optLines(msg: DnsMessage): string {
  const edns = ednsOf(msg);
  if (!edns) return '';
  let out = `;; OPT PSEUDOSECTION:\n; EDNS: version: ${edns.version}, flags:${edns.dnssecOk ? ' do' : ''}; udp: ${edns.udpSize}\n`;
  for (const o of edns.options) {
    const hex = [...o.data].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (o.code === EDNS_OPTION.COOKIE) out += `; COOKIE: ${hex}\n`;
    else if (o.code === EDNS_OPTION.EDE && o.data.length >= 2) {
      const code = (o.data[0] << 8) | o.data[1];
      const name = edeName(code);
      const text = String.fromCharCode(...o.data.subarray(2));
      out += `; EDE: ${code}${name ? ` (${name})` : ''}${text ? `: (${text})` : ''}\n`;
    } else out += `; OPT=${o.code}: ${hex.toUpperCase()}\n`;
  }
  return out;
}

/** printmessage(): the sections of an answer as the display options select them. */
export function formatMessage(msg: DnsMessage, d: Display): string {
  if (d.short) return msg.answers.map((rr) => `${formatRData(rr.data)}\n`).join('');
  let out = '';
  if (d.comments) out += `;; Got answer:\n${headerLines(msg)}\n${optLines(msg)}`;
  if (d.question && msg.questions.length > 0) {
    if (d.comments) out += ';; QUESTION SECTION:\n';
    out += msg.questions.map((q) => `${formatQuestion(q)}\n`).join('');
    if (d.comments) out += '\n';
  }
  const sections = [
    ['ANSWER', d.answer, msg.answers],
    ['AUTHORITY', d.authority, msg.authority],
    ['ADDITIONAL', d.additional, msg.additional.filter((rr) => rr.type !== RRTYPE.OPT)],
  ] as const;
  for (const [title, shown, records] of sections) {
    if (!shown || records.length === 0) continue;
    if (d.comments) out += `;; ${title} SECTION:\n`;
    out += records.map((rr) => `${formatRecord(rr)}\n`).join('');
    if (d.comments) out += '\n';
  }
  return out;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Mon Nov 23 20:16:44 UTC 2026` (strftime "%a %b %d %H:%M:%S %Z %Y") for a virtual time in ms since the epoch. */
export function formatWhen(ms: number): string {
  const t = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[t.getUTCDay()]} ${MONTHS[t.getUTCMonth()]} ${two(t.getUTCDate())} ` +
    `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} UTC ${t.getUTCFullYear()}`
  );
}
