import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { routeInputSlow } from './route-input.js';
import { localDeliver } from './local-deliver.js';
import { ipForward } from './forward.js';
import { ipError } from './ip-error.js';

/**
 * ip_rcv + ip_rcv_finish: route a received datagram and act on the decision.
 * `toHost`: the frame was addressed to our MAC (PACKET_HOST), not a link-layer
 * broadcast; only such packets are forwarded or answered with ICMP errors.
 */
export function ipRcv(netns: Netns, dev: Link, packet: Ipv4Packet, toHost = true): void {
  if (!dev.adminUp) return;
  // Looped back by lo: the output route already chose local delivery (skb_dst is set).
  if (dev.kind === 'loopback') return localDeliver(netns, dev, packet, false);
  const route = routeInputSlow(netns, { dst: packet.dst, src: packet.src, iif: dev, tos: packet.tos });
  switch (route.kind) {
    case 'local':
      return localDeliver(netns, dev, packet, route.broadcast, toHost);
    case 'forward':
      if (toHost) ipForward(netns, dev, packet, route.res, route.redirect);
      return;
    case 'error':
      if (!route.martian && toHost) ipError(netns, dev, packet, route.error);
      return;
  }
}
