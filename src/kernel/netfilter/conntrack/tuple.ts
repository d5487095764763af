import type { IPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';

/**
 * struct nf_conntrack_tuple for IPv4: addresses, protocol and the
 * per-protocol part. For TCP/UDP `sport`/`dport` are the ports; for ICMP
 * `sport` is the echo id (src.u.icmp.id) and `dport` packs type and code
 * (dst.u.icmp.type << 8 | code); other protocols have 0 there.
 */
export interface Tuple {
  readonly src: IPv4;
  readonly dst: IPv4;
  readonly proto: number;
  readonly sport: number;
  readonly dport: number;
}

export const icmpType = (t: Tuple): number => t.dport >> 8;
export const icmpCode = (t: Tuple): number => t.dport & 0xff;

/** The hash key: equal keys are nf_ct_tuple_equal tuples. */
export const tupleKey = (t: Tuple): string => `${t.proto}:${t.src}:${t.sport}>${t.dst}:${t.dport}`;

export const tupleEqual = (a: Tuple, b: Tuple): boolean =>
  a.src === b.src && a.dst === b.dst && a.proto === b.proto && a.sport === b.sport && a.dport === b.dport;

/** invmap in nf_conntrack_proto_icmp.c: the query types that have a reply, and their reply. */
const ICMP_INVERSE: Readonly<Record<number, number>> = {
  8: 0,
  0: 8,
  13: 14,
  14: 13,
  15: 16,
  16: 15,
  17: 18,
  18: 17,
};

/** ICMP requests that may start a flow (icmp_new's valid_new). */
export const ICMP_NEW_TYPES: ReadonlySet<number> = new Set([8, 13, 15, 17]);

/** nf_ct_get_tuple: the tuple a packet belongs to in its own direction, or null when the header is missing. */
export function tupleOf(packet: Ipv4Packet): Tuple | null {
  const l4 = packet.l4;
  const base = { src: packet.src, dst: packet.dst, proto: packet.protocol };
  switch (packet.protocol) {
    case IPPROTO.ICMP:
      if (l4?.kind !== 'icmp') return null;
      return { ...base, sport: l4.id ?? 0, dport: (l4.type << 8) | l4.code };
    case IPPROTO.TCP:
    case IPPROTO.UDP:
      if (l4?.kind !== 'tcp' && l4?.kind !== 'udp') return null;
      return { ...base, sport: l4.sport, dport: l4.dport };
    default:
      return { ...base, sport: 0, dport: 0 };
  }
}

/** nf_ct_invert_tuple: the tuple of the answer, or null for an ICMP type without one (icmp_invert_tuple). */
export function invertTuple(t: Tuple): Tuple | null {
  if (t.proto === IPPROTO.ICMP) {
    const type = ICMP_INVERSE[icmpType(t)];
    if (type === undefined) return null;
    return { src: t.dst, dst: t.src, proto: t.proto, sport: t.sport, dport: (type << 8) | icmpCode(t) };
  }
  return { src: t.dst, dst: t.src, proto: t.proto, sport: t.dport, dport: t.sport };
}

/** Whether the protocol has ports a NAT range can map (TCP, UDP, SCTP, DCCP, UDP-Lite). */
export const hasPorts = (proto: number): boolean => [6, 17, 33, 132, 136].includes(proto);
