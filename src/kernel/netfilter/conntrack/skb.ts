import type { Ipv4Packet } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import { SkbSlot } from '../../skb-slot.js';
import type { Nfct } from './conn.js';

/** skb->_nfct. */
const NFCT = new SkbSlot<Nfct>('nfct');

/** nf_ct_get: the packet's conntrack in `netns`, or undefined. */
export const nfctOf = (packet: Ipv4Packet, netns: Netns): Nfct | undefined => NFCT.get(packet, netns);

/** nf_ct_set: the same packet carrying `nfct` (or none). */
export const withNfct = (packet: Ipv4Packet, netns: Netns, nfct: Nfct | undefined): Ipv4Packet =>
  NFCT.set(packet, netns, nfct);
