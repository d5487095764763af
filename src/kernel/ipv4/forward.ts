import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { FibResult } from '../route/fib.js';
import { icmpSend } from '../icmp/send.js';
import type { IcmpOrigin } from '../icmp/send.js';
import { ICMP, UNREACH, EXC_TTL, REDIR_HOST } from '../icmp/types.js';
import { conf } from './conf.js';
import { dstOutput } from './output.js';
import type { L2Info, RouteInfo } from '../netfilter/context.js';
import { nfHookPacket } from '../netfilter/hooks.js';
import type { MutablePacket } from '../skb-slot.js';
import { skbOwned } from '../skb-slot.js';

/** A forwarded packet's input route, the same for every packet (no object per packet). */
const FORWARDED: RouteInfo = { input: true, local: false, broadcast: false };

/** ip_rt_redirect_number, _load and _silence (net/ipv4/route.c), in ms. */
const REDIRECT_NUMBER = 9;
const REDIRECT_LOAD = 20;
const REDIRECT_SILENCE = REDIRECT_LOAD << (REDIRECT_NUMBER + 1);

/** What an ICMP error about a forwarded packet answers (built only then: no closure per packet). */
const originOf = (packet: Ipv4Packet, dev: Link): IcmpOrigin => ({
  packet,
  dev,
  input: true,
  local: false,
  broadcast: false,
});

/**
 * ip_forward (net/ipv4/ip_forward.c): TTL and MTU checks, the TTL
 * decrement and any redirect come first; the FORWARD hook sees the
 * decremented packet, then ip_forward_finish hands it to dst_output.
 */
export function ipForward(
  netns: Netns,
  dev: Link,
  packet: Ipv4Packet,
  res: FibResult,
  redirect: boolean,
  l2: L2Info | null = null,
): void {
  if (packet.ttl <= 1) {
    netns.world.trace?.drop(netns, packet, 'ttl-exceeded', `ttl ${packet.ttl}`);
    netns.mib.ip.InHdrErrors++;
    icmpSend(netns, originOf(packet, dev), ICMP.TIME_EXCEEDED, EXC_TTL);
    return;
  }
  const mtu = res.dev?.mtu ?? 1500;
  if (packet.dontFragment && packet.totalLength > mtu) {
    const out = res.dev ? ` of ${res.dev.name}` : '';
    netns.world.trace?.drop(
      netns,
      packet,
      'frag-needed',
      `packet of ${packet.totalLength} bytes > mtu ${mtu}${out}, DF set`,
    );
    netns.mib.ip.FragFails++;
    icmpSend(netns, originOf(packet, dev), ICMP.DEST_UNREACH, UNREACH.FRAG_NEEDED, { mtu });
    return;
  }
  // The redirect quotes the datagram as it came (and takes a reference: the TTL below is then a copy's).
  if (redirect) sendRedirect(netns, dev, packet, res);
  let forwarded: Ipv4Packet = packet;
  // ip_decrease_ttl: the received skb in place when the stack owns it (skb-slot.ts).
  if (skbOwned(packet)) (packet as MutablePacket).ttl = packet.ttl - 1;
  else forwarded = { ...packet, ttl: packet.ttl - 1 };
  if (netns.netfilter.active) {
    const hooked = nfHookPacket(netns, 'FORWARD', forwarded, dev, res.dev, l2, FORWARDED);
    if (!hooked) return;
    forwarded = hooked;
  }
  // ip_forward_finish.
  netns.mib.ip.ForwDatagrams++;
  dstOutput(netns, forwarded, res, dev);
}

/** ip_rt_send_redirect: exponential back-off per source, silence after nine ignored redirects. */
function sendRedirect(netns: Netns, dev: Link, packet: Ipv4Packet, res: FibResult): void {
  if (!res.dev || conf(netns, res.dev, 'send_redirects') === 0) return;
  const now = netns.world.clock.now;
  const peer = netns.ipv4.peers.get(packet.src, now);
  if (now > peer.rateLast + REDIRECT_SILENCE) {
    peer.rateTokens = 0;
    peer.nRedirects = 0;
  }
  if (peer.nRedirects >= REDIRECT_NUMBER) {
    peer.rateLast = now;
    return;
  }
  if (peer.nRedirects === 0 || now > peer.rateLast + (REDIRECT_LOAD << peer.nRedirects)) {
    const origin: IcmpOrigin = { packet, dev, input: true, local: false, broadcast: false };
    icmpSend(netns, origin, ICMP.REDIRECT, REDIR_HOST, { gateway: res.gateway ?? packet.dst });
    peer.rateLast = now;
    peer.nRedirects++;
  }
}
