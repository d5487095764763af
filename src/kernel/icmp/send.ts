import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO, IP_HEADER_LEN, ICMP_HEADER_LEN } from '../../net/packet.js';
import type { IPv4 } from '../../net/ipv4.js';
import { ipv4Int } from '../ipv4/conf.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';
import { peerXrlimAllow } from '../ipv4/inet-peer.js';
import { maskAllows } from './rate-limit.js';
import { isIcmpError, NR_ICMP_TYPES } from './types.js';
import { skbShare } from '../skb-slot.js';

/** What __icmp_send needs to know about the offending packet's skb and route. */
export interface IcmpOrigin {
  readonly packet: Ipv4Packet;
  /** skb->dev: the input device of a received packet, the output device of a local one. */
  readonly dev: Link | null;
  /** The route was an input route (forwarded or delivered), not a locally generated packet's. */
  readonly input: boolean;
  /** RTCF_LOCAL: the packet was addressed to us. */
  readonly local: boolean;
  /** RTCF_BROADCAST / multicast: never answered with an error. */
  readonly broadcast: boolean;
}

export interface IcmpInfo {
  readonly gateway?: IPv4;
  readonly mtu?: number;
}

/** What the ICMP error quotes: RFC 1812 allows up to 576 bytes in all. */
const MAX_ERROR_LEN = 576;

/** __icmp_send (net/ipv4/icmp.c): an ICMP error (or redirect) back to the packet's source. */
export function icmpSend(
  netns: Netns,
  origin: IcmpOrigin,
  type: number,
  code: number,
  info: IcmpInfo = {},
): void {
  const iph = origin.packet;
  // The error quotes the datagram: the stack must not rewrite it in place any more.
  skbShare(iph);
  if (origin.broadcast) return;
  if (isIcmpError(type) && iph.protocol === IPPROTO.ICMP) {
    const inner = iph.l4?.kind === 'icmp' ? iph.l4.type : NR_ICMP_TYPES + 1;
    if (inner > NR_ICMP_TYPES || isIcmpError(inner)) return;
  }
  const stack = netns.ipv4;
  const now = netns.world.clock.now;
  const limited = !maskAllows(netns, type, code);
  const fromLoopback = origin.dev?.kind === 'loopback';
  if (limited && !fromLoopback && !stack.icmpGlobal.allow(netns, now)) {
    netns.mib.icmp.OutRateLimitGlobal++;
    return;
  }

  let saddr: IPv4 = iph.dst;
  if (!origin.local) {
    saddr = 0;
    if (origin.input && origin.dev && ipv4Int(netns, 'icmp_errors_use_inbound_ifaddr') !== 0) {
      saddr = selectAddr(netns, origin.dev);
    }
  }
  const route = routeOutput(netns, { dst: iph.src, src: saddr || undefined });
  if (!route.ok) return;
  const res = route.result;
  if (limited && res.dev?.kind !== 'loopback') {
    // icmp_ratelimit=0 skips the peer entirely: its tokens stay for ip_error's own bucket
    // (measured: 9 datagrams to a router without a route draw 5 unreachables, 1 if charged).
    const timeout = ipv4Int(netns, 'icmp_ratelimit');
    if (timeout !== 0 && !peerXrlimAllow(stack.peers.get(iph.src, now), timeout, now)) {
      netns.mib.icmp.OutRateLimitHost++;
      return;
    }
    if (!fromLoopback) stack.icmpGlobal.consume(netns);
  }
  const room = Math.min(res.dev?.mtu ?? MAX_ERROR_LEN, MAX_ERROR_LEN) - IP_HEADER_LEN - ICMP_HEADER_LEN;
  const error: Ipv4Packet = {
    src: saddr || res.src,
    dst: iph.src,
    protocol: IPPROTO.ICMP,
    ttl: 64,
    tos: isIcmpError(type) ? (iph.tos & 0x1e) | 0xc0 : iph.tos,
    id: stack.nextId(),
    totalLength: IP_HEADER_LEN + ICMP_HEADER_LEN + Math.min(iph.totalLength, room),
    dontFragment: false,
    l4: { kind: 'icmp', type, code, quoted: iph, gateway: info.gateway, mtu: info.mtu },
  };
  ipLocalOut(netns, error, res);
}

/** inet_select_addr(dev, 0, RT_SCOPE_LINK): the device's first primary address. */
function selectAddr(netns: Netns, dev: Link): IPv4 {
  const addr = netns.addrsOf(dev).find((a) => !a.secondary && a.scope !== 'host' && a.scope !== 'nowhere');
  return addr?.local ?? 0;
}
