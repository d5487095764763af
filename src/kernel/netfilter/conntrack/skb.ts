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
  let refs = conn.skbRefs as (Attached<Nfct> | undefined)[] | null;
  if (refs === null) conn.skbRefs = refs = [undefined, undefined, undefined, undefined, undefined];
  const k = infoIndex(info);
  let ref = refs[k];
  if (ref === undefined || ref.netns !== netns) refs[k] = ref = { netns, value: { conn, info } };
  return NFCT.setAttached(packet, ref);
}

/** withConn's slot for a ctinfo (an index, not a key: a lookup by a key that varies is V8's slow path). */
function infoIndex(info: CtInfo): number {
  switch (info) {
    case 'ESTABLISHED':
      return 0;
    case 'RELATED':
      return 1;
    case 'NEW':
      return 2;
    case 'ESTABLISHED_REPLY':
      return 3;
    case 'RELATED_REPLY':
      return 4;
  }
}
