import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { isMulticast, LIMITED_BROADCAST } from '../../net/ipv4.js';
import { conf } from '../ipv4/conf.js';
import { addrOnlink } from '../ipv4/route-input.js';
import { NUD_VALID } from '../neigh/nud.js';

/** ip_rt_gc_timeout: a learned redirect lives 300 s. */
const REDIRECT_EXPIRES = 300_000;

/**
 * __ip_do_redirect: accept a redirect from our current gateway for that
 * destination, to a new gateway on the same link, as a nexthop exception.
 */
export function icmpRedirect(netns: Netns, dev: Link, packet: Ipv4Packet): void {
  const icmp = packet.l4;
  if (icmp?.kind !== 'icmp' || !icmp.quoted || icmp.gateway === undefined) return;
  const dst = icmp.quoted.dst;
  const oldGw = packet.src;
  const newGw = icmp.gateway;
  const current = netns.fib.lookup({ dst });
  if (!current.ok || current.result.dev !== dev) return;
  const gw = netns.ipv4.redirectedGateway(dst, current.result) ?? current.result.gateway;
  if (gw !== oldGw) return;
  if (newGw === oldGw || newGw === 0 || isMulticast(newGw) || newGw === LIMITED_BROADCAST) return;
  // IN_DEV_RX_REDIRECTS; the sysctl layer combines `all` and the device.
  if (conf(netns, dev, 'accept_redirects') === 0) return;
  if (conf(netns, dev, 'shared_media') === 0 && !addrOnlink(netns, dev, newGw, oldGw)) return;
  // Only a next hop whose MAC is already known is used at once; otherwise the kernel just starts resolving it.
  const neigh = netns.neigh.lookup(dev, newGw);
  if (!neigh || (neigh.state & NUD_VALID) === 0) return;
  netns.ipv4.exceptions.set(dst, { dev, gateway: newGw, expires: netns.world.clock.now + REDIRECT_EXPIRES });
}
