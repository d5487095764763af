import type { Ipv4Packet } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import type { Nfct } from './conn.js';

/**
 * skb->_nfct rides on the packet value under a symbol: the packet stays an
 * immutable plain value, and every copy the stack makes with a spread
 * (`{ ...packet, ttl }`) keeps it, as the same skb keeps its conntrack
 * through the stack. The namespace is recorded too: a packet that crossed
 * into another namespace is not that namespace's flow (skb_scrub_packet).
 */
const NFCT = Symbol('nfct');

interface Attached {
  readonly netns: Netns;
  readonly nfct: Nfct;
}

type Carrier = Ipv4Packet & { readonly [NFCT]?: Attached };

/** nf_ct_get: the packet's conntrack in `netns`, or undefined. */
export function nfctOf(packet: Ipv4Packet, netns: Netns): Nfct | undefined {
  const a = (packet as Carrier)[NFCT];
  return a && a.netns === netns ? a.nfct : undefined;
}

/** nf_ct_set: the same packet carrying `nfct` (or none). */
export function withNfct(packet: Ipv4Packet, netns: Netns, nfct: Nfct | undefined): Ipv4Packet {
  const copy: Carrier = { ...packet, [NFCT]: nfct && { netns, nfct } };
  return copy;
}
