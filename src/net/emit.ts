import type { Ipv4Packet, L4Header } from './packet.js';
import { ICMP_HEADER_LEN, IP_HEADER_LEN, UDP_HEADER_LEN } from './packet.js';

/** The Internet checksum (RFC 1071) of bytes [start, end), as a 16-bit value. */
export function checksum(b: Uint8Array, start = 0, end = b.length, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (b[i] << 8) | (i + 1 < end ? b[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

const put16 = (b: Uint8Array, at: number, v: number) => {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
};
const put32 = (b: Uint8Array, at: number, v: number) => {
  put16(b, at, v >>> 16);
  put16(b, at + 2, v & 0xffff);
};

const ICMP_ECHO_TYPES = new Set([0, 8]);
// icmp_send quotes the offending datagram in errors and in redirects (type 5) alike.
const ICMP_QUOTING_TYPES = new Set([3, 4, 5, 11, 12]);

/** The ICMP header's second word: echo id/seq, redirect gateway, or the next-hop MTU. */
function icmpRest(b: Uint8Array, at: number, h: Extract<L4Header, { kind: 'icmp' }>): void {
  if (ICMP_ECHO_TYPES.has(h.type)) {
    put16(b, at, h.id ?? 0);
    put16(b, at + 2, h.seq ?? 0);
  } else if (h.type === 5) put32(b, at, h.gateway ?? 0);
  else if (h.type === 3 && h.code === 4) put16(b, at + 2, h.mtu ?? 0);
}

/** TCP options in the order and padding tcp_options_write uses. */
function tcpOptions(
  b: Uint8Array,
  at: number,
  o: NonNullable<Extract<L4Header, { kind: 'tcp' }>['options']>,
): void {
  if (o.mss !== undefined) {
    b.set([2, 4], at);
    put16(b, at + 2, o.mss);
    at += 4;
  }
  if (o.timestamp) {
    b.set(o.sackPermitted ? [4, 2, 8, 10] : [1, 1, 8, 10], at);
    put32(b, at + 4, o.timestamp.val);
    put32(b, at + 8, o.timestamp.ecr);
    at += 12;
  } else if (o.sackPermitted) {
    b.set([1, 1, 4, 2], at);
    at += 4;
  }
  if (o.windowScale !== undefined) b.set([1, 3, 3, o.windowScale], at);
}

/** L4 header and payload of a datagram, written at `at` up to `end`. */
function emitL4(b: Uint8Array, at: number, end: number, p: Ipv4Packet): void {
  const h = p.l4;
  let body = at;
  if (h?.kind === 'icmp') {
    b[at] = h.type;
    b[at + 1] = h.code;
    icmpRest(b, at + 4, h);
    body = at + ICMP_HEADER_LEN;
    if (h.quoted && ICMP_QUOTING_TYPES.has(h.type)) {
      const quoted = emitIpv4(h.quoted);
      b.set(quoted.subarray(0, Math.max(0, end - body)), body);
      body = end;
    }
  } else if (h?.kind === 'udp') {
    put16(b, at, h.sport);
    put16(b, at + 2, h.dport);
    put16(b, at + 4, end - at);
    body = at + UDP_HEADER_LEN;
  } else if (h?.kind === 'tcp') {
    put16(b, at, h.sport);
    put16(b, at + 2, h.dport);
    put32(b, at + 4, h.seq);
    put32(b, at + 8, h.ack);
    b[at + 12] = (h.headerLength / 4) << 4;
    b[at + 13] = h.flags;
    put16(b, at + 14, h.window);
    if (h.options) tcpOptions(b, at + 20, h.options);
    body = at + h.headerLength;
  }
  if (p.data) b.set(p.data.subarray(0, Math.max(0, end - body)), body);
  if (h?.kind === 'icmp') put16(b, at + 2, checksum(b, at, end));
  else if (h) {
    // The pseudo-header: addresses, protocol and L4 length.
    let pseudo = p.protocol + (end - at);
    for (const a of [p.src, p.dst]) pseudo += (a >>> 16) + (a & 0xffff);
    put16(b, at + (h.kind === 'udp' ? 6 : 16), checksum(b, at, end, pseudo));
  }
}

/**
 * The bytes of a datagram as it sits in an skb at the IP layer: header
 * with its checksum, L4 header, then the payload (`data`, zeros where a
 * packet carries only a length). What byte-level matches search.
 */
export function emitIpv4(p: Ipv4Packet): Uint8Array {
  const b = new Uint8Array(Math.max(p.totalLength, IP_HEADER_LEN));
  b[0] = 0x45;
  b[1] = p.tos;
  put16(b, 2, p.totalLength);
  put16(b, 4, p.id);
  put16(b, 6, p.dontFragment ? 0x4000 : 0);
  b[8] = p.ttl;
  b[9] = p.protocol;
  put32(b, 12, p.src);
  put32(b, 16, p.dst);
  put16(b, 10, checksum(b, 0, IP_HEADER_LEN));
  emitL4(b, IP_HEADER_LEN, b.length, p);
  return b;
}
