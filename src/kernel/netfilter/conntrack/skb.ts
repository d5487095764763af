import type { Ipv4Packet } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import type { Attached } from '../../skb-slot.js';
import { SkbSlot } from '../../skb-slot.js';
import type { Conn, CtInfo, Nfct } from './conn.js';

/** skb->_nfct. */
const NFCT = new SkbSlot<Nfct>('nfct');

/** nf_ct_get: the packet's conntrack in `netns`, or undefined. */
export const nfctOf = (packet: Ipv4Packet, netns: Netns): Nfct | undefined => NFCT.get(packet, netns);

/** nf_ct_set: the same packet carrying `nfct` (or none). */
export const withNfct = (packet: Ipv4Packet, netns: Netns, nfct: Nfct | undefined): Ipv4Packet =>
  NFCT.set(packet, netns, nfct);

/**
 * nf_ct_set for a packet of `conn` with `info`: the reference is made once
 * per entry, ctinfo and namespace and shared by the packets (each packet
 * of an established flow would otherwise allocate two objects for it).
 */
export function withConn(packet: Ipv4Packet, netns: Netns, conn: Conn, info: CtInfo): Ipv4Packet {
  let refs = conn.skbRefs as Partial<Record<CtInfo, Attached<Nfct>>> | null;
  if (refs === null) conn.skbRefs = refs = {};
  let ref = refs[info];
  if (ref === undefined || ref.netns !== netns) refs[info] = ref = { netns, value: { conn, info } };
  return NFCT.setAttached(packet, ref);
}
