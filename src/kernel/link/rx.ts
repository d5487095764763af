import type { Frame } from '../../net/packet.js';
import type { Link } from './link.js';

/**
 * netif_receive_skb: a frame arrived on `link`. Bridge ports hand it to
 * their bridge; ARP goes to the neighbour table; IPv4 to the IP stack.
 * Owned by the neighbour/bridge work.
 */
export function netifReceive(link: Link, frame: Frame): void {
  if (frame.type === 'ipv4') link.netns.ipv4.receive(link, frame);
}
