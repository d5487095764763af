import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Frame, Ipv4Packet } from '../../net/packet.js';
import type { Flow, FibLookup } from '../route/fib.js';

/** IPv4 input, forwarding, local delivery and output of one namespace. Owned by the IPv4/ICMP work. */
export class Ipv4Stack {
  constructor(readonly netns: Netns) {}

  /** An IPv4 frame arrived on a device (ip_rcv), addressed to this host's MAC or broadcast. */
  receive(_link: Link, _frame: Frame): void {}

  /**
   * ip_route_input: the routing decision for a packet received on `iif`
   * (local delivery, forward, or an error such as a martian or forwarding
   * off). Used by the receive path and by `ip route get ... iif DEV`.
   */
  routeInput(_flow: Flow & { iif: Link }): FibLookup {
    return { ok: false, error: 'EINVAL' };
  }

  /** ARP resolution failed for a queued packet: ICMP host unreachable to its source. */
  neighFailed(_packet: Ipv4Packet, _link: Link): void {}
}
