import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO } from '../../net/packet.js';
import type { FibLookup, FibResult, Flow } from '../route/fib.js';
import { loopbackSourceLeaks } from '../route/fib.js';
import type { ErrnoName } from '../errno.js';
import { ZERO_MAC } from '../../net/mac.js';
import { nfHook, nfHookPacket } from '../netfilter/hooks.js';
import type { RouteInfo } from '../netfilter/context.js';
import { devQueueXmit } from '../link/xmit.js';
import { skbShare } from '../skb-slot.js';

const ETH_HLEN = 14;

/** POSTROUTING's route info, forwarded or local: one object each, not one per packet. */
const POST_FORWARDED: RouteInfo = { input: true, local: false, broadcast: false };
const POST_LOCAL: RouteInfo = { input: false, local: false, broadcast: false };

export function loopbackOf(netns: Netns): Link {
  for (const link of netns.links.values()) if (link.kind === 'loopback') return link;
  throw new Error('namespace without lo');
}

/**
 * ip_route_output_key for locally generated traffic: the FIB decides;
 * local destinations leave through lo; a learned redirect (nexthop
 * exception) replaces the gateway.
 */
export function routeOutput(netns: Netns, flow: Flow): FibLookup {
  const lookup = netns.fib.lookup(flow);
  if (!lookup.ok) return lookup;
  const res = lookup.result;
  if (res.type === 'local') return { ok: true, result: { ...res, dev: loopbackOf(netns) } };
  if (loopbackSourceLeaks(netns, res)) return { ok: false, error: 'EINVAL' };
  const gw = netns.ipv4.redirectedGateway(flow.dst, res);
  return gw === null ? lookup : { ok: true, result: { ...res, gateway: gw } };
}

export interface LocalOutOptions {
  /** Sent by a socket (ping), not by the kernel itself (ICMP replies and errors). */
  readonly fromSocket?: boolean;
  /** The socket's bound device, kept when the packet is re-routed. */
  readonly oif?: Link;
}

/**
 * ip_local_out: the OUTPUT hook on the already routed packet, re-routing it
 * (ip_route_me_harder) when mangle or nat changed its mark, addresses or
 * TOS, then dst_output. Returns the error sendmsg reports: EPERM when a
 * table dropped the packet.
 */
export function ipLocalOut(
  netns: Netns,
  packet: Ipv4Packet,
  res: FibResult,
  options: LocalOutOptions = {},
): ErrnoName | null {
  const tr = netns.world.trace;
  if (tr) packet = tr.localOut(netns, packet, res, options.fromSocket ?? false);
  // __ip_local_out; an ICMP message was counted by __ip_make_skb (icmp_out_count) just before.
  netns.mib.ip.OutRequests++;
  if (packet.l4?.kind === 'icmp') netns.mib.icmpOut(packet.l4.type);
  if (netns.netfilter.active) {
    const hooked = nfHook(netns, 'OUTPUT', packet, {
      in: null,
      out: res.dev,
      route: {
        input: false,
        local: res.type === 'local',
        broadcast: res.type === 'broadcast' || res.type === 'multicast',
      },
      fromSocket: options.fromSocket,
    });
    if (!hooked) {
      // ip_send_skb counts the refusal; TCP's ip_queue_xmit does not.
      if (packet.protocol !== IPPROTO.TCP) netns.mib.ip.OutDiscards++;
      return 'EPERM';
    }
    packet = hooked.packet;
    if (hooked.reroute) {
      const local = netns.addrs.some((a) => a.local === packet.src);
      const lookup = routeOutput(netns, {
        dst: packet.dst,
        src: local ? packet.src : undefined,
        oif: options.oif,
        mark: packet.mark,
        tos: packet.tos,
      });
      if (!lookup.ok) {
        // ip_route_me_harder failed: the hook drops the packet, yet sendmsg succeeds (measured:
        // ping to an address DNATed to an unroutable one, or to 127.0.0.1 while lo is down,
        // prints no error, only the loss).
        tr?.routeOutputError(netns, packet, lookup.error);
        return null;
      }
      res = lookup.result;
      tr?.routeOutput(netns, packet, res);
    }
  }
  dstOutput(netns, packet, res);
  return null;
}

/**
 * dst_output (ip_output / ip_finish_output): the POSTROUTING hook, then lo
 * or the neighbour layer of the route's device, whose carrier only
 * dev_queue_xmit looks at. `indev`: the input device
 * of a forwarded packet.
 */
export function dstOutput(netns: Netns, packet: Ipv4Packet, res: FibResult, indev: Link | null = null): void {
  const dev = res.dev;
  if (!dev) return;
  if (netns.netfilter.active) {
    const hooked = nfHookPacket(
      netns,
      'POSTROUTING',
      packet,
      indev,
      dev,
      null,
      indev !== null ? POST_FORWARDED : POST_LOCAL,
    );
    if (!hooked) return;
    packet = hooked;
  }
  countTransmit(netns, packet, res);
  // The device layer may hand it to several ports or queue it: the IP layer's writes in place end here.
  skbShare(packet);
  // No carrier check here: a device without carrier still resolves (and its ARP probes are lost at
  // its qdisc), so a next hop its carrier loss flushed fails ARP and the sender hears host unreachable.
  if (dev.kind === 'loopback') {
    devQueueXmit(
      dev,
      { src: ZERO_MAC, dst: ZERO_MAC, type: 'ipv4', ip: packet },
      packet.totalLength + ETH_HLEN,
    );
    return;
  }
  netns.neigh.output(dev, res.gateway ?? packet.dst, packet);
}

/** ip_finish_output2's counters: every datagram that leaves, forwarded or local (OutTransmits). */
function countTransmit(netns: Netns, packet: Ipv4Packet, res: FibResult): void {
  const { ip, ipExt } = netns.mib;
  ip.OutTransmits++;
  ipExt.OutOctets += packet.totalLength;
  if (res.type === 'multicast') {
    ipExt.OutMcastPkts++;
    ipExt.OutMcastOctets += packet.totalLength;
  } else if (res.type === 'broadcast') {
    ipExt.OutBcastPkts++;
    ipExt.OutBcastOctets += packet.totalLength;
  }
}
