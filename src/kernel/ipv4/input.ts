import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { L2Info, RouteInfo } from '../netfilter/context.js';
import { nfHook, nfHookPacket } from '../netfilter/hooks.js';
import { nfBridgeOf } from '../bridge/nf-bridge-info.js';
import { skbCopy, skbOwn, skbRelease, skbShare } from '../skb-slot.js';
import { localDeliver } from './local-deliver.js';
import { ipForward } from './forward.js';
import { ipError, ipErrorStats } from './ip-error.js';

/** What PREROUTING knows of the route (none yet): one object each, not one per packet. */
const PRE_HOST: RouteInfo = { input: true, local: false, broadcast: false };
const PRE_OTHER: RouteInfo = { input: true, local: false, broadcast: true };

/**
 * ip_rcv + ip_rcv_finish: the PREROUTING hook, then route the received
 * datagram and act on the decision. `toHost`: the frame was addressed to our
 * MAC (PACKET_HOST), not a link-layer broadcast; only such packets are
 * forwarded or answered with ICMP errors. `l2`: the frame's MAC header, for
 * netfilter's mac/pkttype matches and LOG.
 */
export function ipRcv(
  netns: Netns,
  dev: Link,
  packet: Ipv4Packet,
  toHost = true,
  l2: L2Info | null = null,
): void {
  if (netns.world.trace) return ipRcvTraced(netns, dev, packet, toHost, l2);
  ipRcvFinish(netns, dev, packet, toHost, l2);
}

/**
 * A traced packet's handling: what the kernel sends meanwhile (ICMP errors,
 * RST, replies) answers it. Apart from ipRcv so that an untraced packet
 * does not pay for the closure's captured variables (a context per call).
 */
function ipRcvTraced(netns: Netns, dev: Link, packet: Ipv4Packet, toHost: boolean, l2: L2Info | null): void {
  netns.world.trace!.within(packet, () => ipRcvFinish(netns, dev, packet, toHost, l2));
}

function ipRcvFinish(netns: Netns, dev: Link, packet: Ipv4Packet, toHost: boolean, l2: L2Info | null): void {
  if (!dev.adminUp) return;
  // ip_sabotage_in: br_netfilter already took a frame the bridge passed up through PREROUTING.
  const bridged = dev.kind === 'bridge' && nfBridgeOf(packet, netns) !== undefined;
  // The stack's own copy, of one shape for every received packet; skb->mark
  // never crosses a wire (skb_scrub_packet): only lo hands it back intact.
  // Made first (it changes nothing): what follows reads the copy's one shape.
  const skb = skbCopy(packet, dev.kind !== 'loopback' && !bridged);
  // ip_rcv_core counts every datagram before PREROUTING can drop it.
  netns.mib.ipIn(skb.totalLength, skb.tos);
  netns.world.trace?.receive(netns, dev, packet);
  packet = skb;
  // A traced packet is copied at each change: the tracer compares before and after.
  const prev = skbOwn(netns.world.trace ? null : packet);
  try {
    ipRcvRoute(netns, dev, packet, toHost, l2, bridged);
  } finally {
    skbRelease(prev);
  }
}

/** ip_rcv_finish after the copy: PREROUTING, the input route, and what it decides. */
function ipRcvRoute(
  netns: Netns,
  dev: Link,
  packet: Ipv4Packet,
  toHost: boolean,
  l2: L2Info | null,
  bridged: boolean,
): void {
  if (netns.netfilter.active && !bridged) {
    const hooked = nfHookPacket(netns, 'PREROUTING', packet, dev, null, l2, toHost ? PRE_HOST : PRE_OTHER);
    if (!hooked) return;
    packet = hooked;
  }
  // Looped back by lo: the output route already chose local delivery (skb_dst is set).
  if (dev.kind === 'loopback') return ipLocalDeliver(netns, dev, packet, false, true, l2);
  const route = netns.ipv4.inputRoutes.lookup(
    netns,
    dev,
    packet.dst,
    packet.src,
    packet.tos,
    packet.mark ?? 0,
  );
  netns.world.trace?.routeInput(netns, packet, dev, route);
  switch (route.kind) {
    case 'local':
      if (route.broadcast) {
        netns.mib.ipExt.InBcastPkts++;
        netns.mib.ipExt.InBcastOctets += packet.totalLength;
      }
      return ipLocalDeliver(netns, dev, packet, route.broadcast, toHost, l2);
    case 'forward':
      if (toHost) ipForward(netns, dev, packet, route.res, route.redirect, l2);
      else netns.world.trace?.drop(netns, packet, 'not-for-host');
      return;
    case 'error':
      if (route.why === 'rp-filter') netns.mib.tcpExt.IPReversePathFilter++;
      if (!route.martian) ipErrorStats(netns, dev, route.error);
      if (!route.martian && toHost) ipError(netns, dev, packet, route.error);
      return;
  }
}

/** ip_local_deliver: the INPUT hook, then the protocol handlers. */
function ipLocalDeliver(
  netns: Netns,
  dev: Link,
  packet: Ipv4Packet,
  broadcast: boolean,
  toHost: boolean,
  l2: L2Info | null,
): void {
  if (netns.netfilter.active) {
    const hooked = nfHook(netns, 'INPUT', packet, {
      in: dev,
      out: null,
      l2,
      route: { input: true, local: !broadcast, broadcast: broadcast || !toHost },
    });
    if (!hooked) return;
    packet = hooked.packet;
  }
  // Sockets keep what they receive.
  skbShare(packet);
  localDeliver(netns, dev, packet, broadcast, toHost);
}
