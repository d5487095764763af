import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { FibLookup, FibResult, Flow } from '../route/fib.js';
import { ZERO_MAC } from '../../net/mac.js';

const ETH_HLEN = 14;

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
  const gw = netns.ipv4.redirectedGateway(flow.dst, res);
  return gw === null ? lookup : { ok: true, result: { ...res, gateway: gw } };
}

/** dst_output: hands the packet to lo or to the neighbour layer of the route's device. */
export function dstOutput(netns: Netns, packet: Ipv4Packet, res: FibResult): void {
  const dev = res.dev;
  if (!dev) return;
  if (!dev.operUp) {
    dev.stats.txDropped++;
    return;
  }
  if (dev.kind === 'loopback') {
    dev.xmit({ src: ZERO_MAC, dst: ZERO_MAC, type: 'ipv4', ip: packet }, packet.totalLength + ETH_HLEN);
    return;
  }
  netns.neigh.output(dev, res.gateway ?? packet.dst, packet);
}
