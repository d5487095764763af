import { formatMacBytes } from '../../net/ethernet.js';
import { SLL2_HLEN } from '../../net/sll2.js';
import { LINKTYPE_LINUX_SLL2 } from '../../net/pcap.js';

/** The link layer of a captured packet, as tcpdump's ether_print / sll2_print read it. */
export type LinkHeader =
  | { readonly kind: 'ether'; readonly src: string; readonly dst: string }
  | {
      readonly kind: 'sll2';
      readonly ifindex: number;
      readonly pkttype: number;
      readonly addrLen: number;
      readonly addr: string;
    };

/** One captured packet split at its layers; `l3` holds what follows the link header. */
export interface Packet {
  readonly timeUs: number;
  readonly link: LinkHeader;
  readonly ethertype: number;
  /** Length on the wire, link header included. */
  readonly length: number;
  readonly l3: Uint8Array;
}

export interface Ipv4View {
  readonly headerLen: number;
  readonly tos: number;
  readonly totalLength: number;
  readonly id: number;
  readonly df: boolean;
  readonly mf: boolean;
  readonly offset: number;
  readonly ttl: number;
  readonly protocol: number;
  readonly checksumOk: boolean;
  readonly src: number;
  readonly dst: number;
  /** The L4 bytes present (bounded by the total length and the capture). */
  readonly payload: Uint8Array;
}

export const be16 = (b: Uint8Array, at: number): number => (b[at] << 8) | b[at + 1];
export const be32 = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

export function decodePacket(bytes: Uint8Array, linkType: number, timeUs: number, origLen: number): Packet {
  if (linkType === LINKTYPE_LINUX_SLL2) {
    return {
      timeUs,
      link: {
        kind: 'sll2',
        ifindex: be32(bytes, 4),
        pkttype: bytes[10],
        addrLen: bytes[11],
        addr: formatMacBytes(bytes, 12),
      },
      ethertype: be16(bytes, 0),
      length: origLen,
      l3: bytes.subarray(SLL2_HLEN),
    };
  }
  return {
    timeUs,
    link: { kind: 'ether', dst: formatMacBytes(bytes, 0), src: formatMacBytes(bytes, 6) },
    ethertype: be16(bytes, 12),
    length: origLen,
    l3: bytes.subarray(14),
  };
}

/** RFC 1071 sum over a header: 0 when its checksum field is right. */
function sum16(b: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 2) sum += (b[i] << 8) | (i + 1 < end ? b[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function ipv4View(b: Uint8Array): Ipv4View | null {
  if (b.length < 20 || b[0] >> 4 !== 4) return null;
  const headerLen = (b[0] & 0x0f) * 4;
  const totalLength = be16(b, 2);
  const frag = be16(b, 6);
  return {
    headerLen,
    tos: b[1],
    totalLength,
    id: be16(b, 4),
    df: (frag & 0x4000) !== 0,
    mf: (frag & 0x2000) !== 0,
    offset: (frag & 0x1fff) * 8,
    ttl: b[8],
    protocol: b[9],
    checksumOk: sum16(b, 0, headerLen) === 0,
    src: be32(b, 12),
    dst: be32(b, 16),
    payload: b.subarray(headerLen, Math.min(b.length, totalLength)),
  };
}

/** The TCP/UDP checksum the segment should carry (computed with its checksum field at `at` taken as zero). */
export function l4Checksum(ip: Ipv4View, at: number): number {
  const b = ip.payload;
  let sum = ip.protocol + b.length;
  for (const a of [ip.src, ip.dst]) sum += (a >>> 16) + (a & 0xffff);
  for (let i = 0; i < b.length; i += 2) {
    if (i === at) continue;
    sum += (b[i] << 8) | (i + 1 < b.length ? b[i + 1] : 0);
  }
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
