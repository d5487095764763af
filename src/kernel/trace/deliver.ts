import type { Ipv4Packet } from '../../net/packet.js';
import { formatIPv4 } from '../../net/ipv4.js';
import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import { udpLookup } from '../socket/udp.js';
import { tcpLookup } from '../socket/tcp-input.js';

/**
 * ip_local_deliver_finish of a followed packet: which socket takes it, or
 * a drop for want of one (the protocol then answers: RST, port unreachable).
 * Looks the socket up as the protocol is about to, without changing anything.
 */
export function traceDelivery(netns: Netns, dev: Link, packet: Ipv4Packet): void {
  const tr = netns.world.trace;
  if (!tr) return;
  const l4 = packet.l4;
  if (l4?.kind === 'icmp') {
    const what =
      l4.type === 8
        ? 'icmp echo: the kernel answers'
        : `icmp type ${l4.type}: ping sockets and error handlers`;
    tr.deliver(netns, packet, what);
    return;
  }
  if (l4?.kind === 'udp') {
    const sock = udpLookup(netns, packet.src, l4.sport, packet.dst, l4.dport, dev);
    if (sock) tr.deliver(netns, packet, 'udp socket', l4.dport);
    else tr.drop(netns, packet, 'no-socket', `udp port ${l4.dport}: ICMP port unreachable`);
    return;
  }
  if (l4?.kind === 'tcp') {
    const sock = tcpLookup(netns, packet.src, l4.sport, packet.dst, l4.dport);
    const local = sock ? `${formatIPv4(sock.localAddr)}:${sock.localPort}` : '';
    if (sock) tr.deliver(netns, packet, `tcp socket ${sock.state} ${local}`, l4.dport);
    else tr.drop(netns, packet, 'no-socket', `tcp port ${l4.dport}: TCP reset`);
    return;
  }
  tr.deliver(netns, packet, `protocol ${packet.protocol}`);
}
