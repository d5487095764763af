import type { Frame } from '../../net/packet.js';
import { BROADCAST_MAC, isMulticastMac } from '../../net/mac.js';
import type { Link } from './link.js';
import type { PacketType } from '../neigh/arp.js';
import { tapReceive } from '../capture/tap.js';

/** eth_type_trans: how the device classifies a frame by its destination MAC. */
export function packetType(link: Link, frame: Frame): PacketType {
  if (link.kind === 'loopback' || frame.dst === link.mac) return 'host';
  if (frame.dst === BROADCAST_MAC) return 'broadcast';
  if (isMulticastMac(frame.dst)) return 'multicast';
  return 'otherhost';
}

/** __netif_receive_skb_core's protocol dispatch (also the bridge's own L3 input). */
export function deliverToProtocols(link: Link, frame: Frame): void {
  const type = packetType(link, frame);
  // A bridge's own receive (br_pass_frame_up -> netif_receive_skb) enters here: its packet sockets see it now.
  if (link.kind === 'bridge') tapReceive(link, frame, type);
  if (type === 'otherhost') return;
  if (frame.type === 'arp') link.netns.neigh.arpReceive(link, frame.arp, type);
  else link.netns.ipv4.receive(link, frame);
}
