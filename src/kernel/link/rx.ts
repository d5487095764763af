import type { Frame } from '../../net/packet.js';
import type { Link } from './link.js';
import type { Bridge } from './bridge.js';
import { brHandleFrame } from '../bridge/input.js';
import { deliverToProtocols, packetType } from './protocols.js';
import { tapReceive } from '../capture/tap.js';

/**
 * netif_receive_skb: a frame arrived on `link`. Bridge ports hand it to
 * their bridge; ARP goes to the neighbour table; IPv4 to the IP stack.
 * Frames for another host's MAC are dropped by the protocols (ip_rcv and
 * arp_rcv drop PACKET_OTHERHOST without counting it as rx_dropped).
 */
export function netifReceive(link: Link, frame: Frame): void {
  tapReceive(link, frame, packetType(link, frame));
  if (link.master !== null && link.master.kind === 'bridge') {
    brHandleFrame(link.master as Bridge, link, frame);
    return;
  }
  deliverToProtocols(link, frame);
}
