import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet, TcpHeader } from '../../net/packet.js';
import { IPPROTO, IP_HEADER_LEN, TCP_FLAG, TCP_HEADER_LEN } from '../../net/packet.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';

import { seqAdd } from './tcp-seq.js';

const { FIN, SYN, RST, ACK } = TCP_FLAG;

/** ip_queue_xmit for a TCP segment: routed, DF set, through OUTPUT and POSTROUTING. */
export function transmit(
  netns: Netns,
  src: IPv4,
  dst: IPv4,
  header: TcpHeader,
  id: number,
  data?: Uint8Array,
): void {
  const route = routeOutput(netns, { dst, src });
  if (!route.ok) return;
  const packet: Ipv4Packet = {
    src,
    dst,
    protocol: IPPROTO.TCP,
    ttl: 64,
    tos: 0,
    id,
    totalLength: IP_HEADER_LEN + header.headerLength + (data?.length ?? 0),
    dontFragment: true,
    l4: header,
    data: data && data.length > 0 ? data : undefined,
  };
  ipLocalOut(netns, packet, route.result, { fromSocket: true });
}

/** tcp_v4_send_reset from TCP itself, which counts it (OutSegs, OutRsts); REJECT's nf_send_reset does not. */
export function tcpSendReset(netns: Netns, packet: Ipv4Packet, h: TcpHeader): void {
  if (h.flags & RST) return;
  netns.mib.tcp.OutSegs++;
  netns.mib.tcp.OutRsts++;
  sendReset(netns, packet, h);
}

/** tcp_v4_send_reset: the answer to a segment no socket takes. */
export function sendReset(netns: Netns, packet: Ipv4Packet, h: TcpHeader): void {
  if (h.flags & RST) return;
  const len =
    packet.totalLength - IP_HEADER_LEN - h.headerLength + (h.flags & SYN ? 1 : 0) + (h.flags & FIN ? 1 : 0);
  const withAck = (h.flags & ACK) === 0;
  const header: TcpHeader = {
    kind: 'tcp',
    sport: h.dport,
    dport: h.sport,
    seq: withAck ? 0 : h.ack,
    ack: withAck ? seqAdd(h.seq, len) : 0,
    flags: withAck ? RST | ACK : RST,
    window: 0,
    headerLength: TCP_HEADER_LEN,
  };
  transmit(netns, packet.dst, packet.src, header, 0);
}
