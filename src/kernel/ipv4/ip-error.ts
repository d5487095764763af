import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import { icmpSend } from '../icmp/send.js';
import { ICMP, UNREACH } from '../icmp/types.js';
import { conf } from './conf.js';

/** ip_rt_error_cost and ip_rt_error_burst, in ms of tokens. */
const ERROR_COST = 1000;
const ERROR_BURST = 5 * ERROR_COST;

const CODE: Partial<Record<ErrnoName, number>> = {
  EHOSTUNREACH: UNREACH.HOST,
  ENETUNREACH: UNREACH.NET,
  EACCES: UNREACH.PKT_FILTERED,
};

/**
 * ip_error's counters, for every packet it gets (PACKET_HOST or not): a host
 * that does not forward counts EHOSTUNREACH as InAddrErrors, any device an
 * ENETUNREACH as IpExt InNoRoutes (measured: a router without a route).
 */
export function ipErrorStats(netns: Netns, dev: Link, error: ErrnoName): void {
  if (error === 'ENETUNREACH') netns.mib.ipExt.InNoRoutes++;
  else if (error === 'EHOSTUNREACH' && conf(netns, dev, 'forwarding') === 0) netns.mib.ip.InAddrErrors++;
}

/**
 * ip_error (net/ipv4/route.c): a received packet had no usable route. A host
 * that does not forward drops it silently; a router answers with an
 * unreachable, limited by its own token bucket on the sender's inet_peer
 * before icmp_send's rate limit charges the same peer again.
 */
export function ipError(netns: Netns, dev: Link, packet: Ipv4Packet, error: ErrnoName): void {
  if (conf(netns, dev, 'forwarding') === 0) return;
  const code = CODE[error];
  if (code === undefined) return;
  const now = netns.world.clock.now;
  const peer = netns.ipv4.peers.get(packet.src, now);
  peer.rateTokens = Math.min(peer.rateTokens + (now - peer.rateLast), ERROR_BURST);
  peer.rateLast = now;
  if (peer.rateTokens < ERROR_COST) return;
  peer.rateTokens -= ERROR_COST;
  icmpSend(netns, { packet, dev, input: true, local: false, broadcast: false }, ICMP.DEST_UNREACH, code);
}
