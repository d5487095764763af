import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet } from '../../net/packet.js';

/** The ARP neighbour table of one namespace. Owned by the neighbour/bridge work. */
export class NeighTable {
  constructor(readonly netns: Netns) {}

  /**
   * neigh_output: sends an IP packet to `nexthop` on `link`, resolving its MAC
   * with ARP first (queueing while INCOMPLETE). When resolution fails, the
   * queued packets are handed to `netns.ipv4.neighFailed` (which sends ICMP
   * host unreachable as the kernel does).
   */
  output(_link: Link, _nexthop: IPv4, _packet: Ipv4Packet): void {}

  /** A device went down or was removed: its entries are flushed. */
  linkChanged(_link: Link): void {}
}
