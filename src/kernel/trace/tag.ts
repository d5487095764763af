import type { Ipv4Packet } from '../../net/packet.js';
import { TRACE_ID_KEY } from '../skb-slot.js';

/**
 * A traced packet carries its trace id under a symbol, as conntrack rides
 * on the packet (netfilter/conntrack/skb.ts): every spread copy the stack
 * makes (`{ ...packet, ttl }`, NAT rewrites, a frame crossing a veth) keeps
 * it, so the same datagram is followed hop by hop and across namespaces.
 */
const TRACE_ID = TRACE_ID_KEY;

type Tagged = Ipv4Packet & { readonly [TRACE_ID]?: number };

/** The packet's trace id, or undefined when it is not followed. */
export const traceIdOf = (packet: Ipv4Packet): number | undefined => (packet as Tagged)[TRACE_ID];

/** The same packet followed under `id`. */
export function withTraceId(packet: Ipv4Packet, id: number): Ipv4Packet {
  const copy: Tagged = { ...packet, [TRACE_ID]: id };
  return copy;
}
