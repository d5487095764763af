import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO } from '../../net/packet.js';
import { icmpRcv } from '../icmp/rcv.js';
import { icmpSend } from '../icmp/send.js';
import { ICMP, UNREACH } from '../icmp/types.js';
import { udpRcv } from '../socket/udp.js';
import { tcpRcv } from '../socket/tcp-input.js';
import { rawTcpDeliver } from '../socket/raw-tcp.js';
import { traceDelivery } from '../trace/deliver.js';

/**
 * A transport protocol's receive handler (udp_rcv, tcp_v4_rcv): returns
 * false when no socket wants the packet, so UDP can answer port unreachable.
 */
export type L4Handler = (dev: Link, packet: Ipv4Packet, broadcast: boolean) => boolean;

/** ip_local_deliver_finish: hand the datagram to its protocol (`toHost`: PACKET_HOST, see ipRcv). */
export function localDeliver(
  netns: Netns,
  dev: Link,
  packet: Ipv4Packet,
  broadcast: boolean,
  toHost = true,
): void {
  if (netns.world.trace) traceDelivery(netns, dev, packet);
  // ip_protocol_deliver_rcu: a datagram of a registered protocol counts as delivered, whatever its handler does.
  const p = packet.protocol;
  const known = p === IPPROTO.ICMP || p === IPPROTO.UDP || p === IPPROTO.TCP || netns.ipv4.l4Handlers.has(p);
  netns.mib.ip[known ? 'InDelivers' : 'InUnknownProtos']++;
  if (packet.protocol === IPPROTO.ICMP) return icmpRcv(netns, dev, packet, broadcast);
  if (packet.protocol === IPPROTO.UDP && udpRcv(netns, dev, packet)) return;
  // __udp4_lib_rcv without a socket: a broadcast is ignored, a unicast answered with port unreachable.
  if (packet.protocol === IPPROTO.UDP) netns.mib.udp[broadcast ? 'IgnoredMulti' : 'NoPorts']++;
  if (packet.protocol === IPPROTO.TCP && (!toHost || broadcast)) return;
  // raw_local_deliver: raw TCP sockets (traceroute -T) get a copy; TCP still answers.
  if (packet.protocol === IPPROTO.TCP) rawTcpDeliver(netns, packet);
  if (packet.protocol === IPPROTO.TCP && tcpRcv(netns, packet)) return;
  const handler = netns.ipv4.l4Handlers.get(packet.protocol);
  if (handler?.(dev, packet, broadcast)) return;
  if (packet.protocol === IPPROTO.TCP) return;
  const code = packet.protocol === IPPROTO.UDP ? UNREACH.PORT : UNREACH.PROT;
  icmpSend(
    netns,
    { packet, dev, input: true, local: true, broadcast: broadcast || !toHost },
    ICMP.DEST_UNREACH,
    code,
  );
}
