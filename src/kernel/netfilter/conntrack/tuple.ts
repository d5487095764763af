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

/**
 * A first tuple whose fields hold no numbers: V8 then keeps every
 * tuple's fields (each literal below has this shape) as tagged values, not
 * unboxed doubles, so an address above 2^31 copied from a packet into a
 * tuple, or from a tuple into a packet (NAT), is shared, not boxed anew.
 */
const TAGGED: Record<keyof Tuple, unknown> = {
  src: undefined,
  dst: undefined,
  proto: undefined,
  sport: undefined,
  dport: undefined,
};
void TAGGED;

export const icmpType = (t: Tuple): number => t.dport >> 8;
export const icmpCode = (t: Tuple): number => t.dport & 0xff;

/**
 * The hash key (hash_conntrack_raw, in spirit): a 30-bit mix of every
 * field, a small integer as the fastest Map key; equal tuples have equal
 * keys, and a lookup compares the tuples themselves (tupleEqual).
 */
export function tupleHash(t: Tuple): number {
  let h = Math.imul(t.src ^ 0x2545f491, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ t.dst, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 13) ^ ((t.sport << 16) | t.dport), 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 16) ^ t.proto, 0x27d4eb2f);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

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
  return tupleInto(packet, { src: 0, dst: 0, proto: 0, sport: 0, dport: 0 });
}

/** A tuple being filled in (tupleInto). */
export type TupleBuffer = { -readonly [K in keyof Tuple]: Tuple[K] };

/**
 * tupleOf written into `out` (returned), or null: a lookup that only
 * compares the tuple fills one buffer for every packet instead of
 * allocating; whoever keeps the tuple (a new entry) copies it.
 */
export function tupleInto(packet: Ipv4Packet, out: TupleBuffer): Tuple | null {
  const l4 = packet.l4;
  const proto = packet.protocol;
  let sport = 0;
  let dport = 0;
  switch (proto) {
    case IPPROTO.ICMP:
      if (l4?.kind !== 'icmp') return null;
      sport = l4.id ?? 0;
      dport = (l4.type << 8) | l4.code;
      break;
    case IPPROTO.TCP:
    case IPPROTO.UDP:
      if (l4?.kind !== 'tcp' && l4?.kind !== 'udp') return null;
      sport = l4.sport;
      dport = l4.dport;
      break;
  }
  out.src = packet.src;
  out.dst = packet.dst;
  out.proto = proto;
  out.sport = sport;
  out.dport = dport;
  return out;
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
