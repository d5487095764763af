import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { routeInputSlow } from './route-input.js';
import { localDeliver } from './local-deliver.js';
import { ipForward } from './forward.js';
import { ipError } from './ip-error.js';

/** ip_rcv + ip_rcv_finish: route a received datagram and act on the decision. */
export function ipRcv(netns: Netns, dev: Link, packet: Ipv4Packet): void {
  if (!dev.adminUp) return;
  // Looped back by lo: the output route already chose local delivery (skb_dst is set).
  if (dev.kind === 'loopback') return localDeliver(netns, dev, packet, false);
  const route = routeInputSlow(netns, { dst: packet.dst, src: packet.src, iif: dev, tos: packet.tos });
  switch (route.kind) {
    case 'local':
      return localDeliver(netns, dev, packet, route.broadcast);
    case 'forward':
      return ipForward(netns, dev, packet, route.res, route.redirect);
    case 'error':
      if (!route.martian) ipError(netns, dev, packet, route.error);
      return;
  }
}
