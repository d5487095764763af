import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { TcpSocket } from './tcp.js';
import { tcpTable } from './tcp.js';
import { tcpSendReset } from './tcp-output.js';

/** __inet_lookup: an established (or TIME-WAIT, SYN-RECV) socket for the 4-tuple, else a listener. */
export function tcpLookup(
  netns: Netns,
  saddr: IPv4,
  sport: number,
  daddr: IPv4,
  dport: number,
): TcpSocket | null {
  let listener: TcpSocket | null = null;
  for (const s of tcpTable(netns).sockets) {
    if (s.localPort !== dport) continue;
    if (s.state === 'LISTEN') {
      if (s.localAddr === daddr || (s.localAddr === 0 && listener === null)) listener = s;
      continue;
    }
    if (s.remoteAddr === saddr && s.remotePort === sport && s.localAddr === daddr) return s;
  }
  return listener;
}

/** tcp_v4_rcv: always takes the segment (a RST answers one for no socket). */
export function tcpRcv(netns: Netns, packet: Ipv4Packet): boolean {
  const h = packet.l4;
  if (h?.kind !== 'tcp') return true;
  netns.mib.tcp.InSegs++;
  const sock = tcpLookup(netns, packet.src, h.sport, packet.dst, h.dport);
  if (sock) sock.segment(packet, h);
  else tcpSendReset(netns, packet, h);
  return true;
}

/** tcp_v4_err: an ICMP error quoting one of our segments. */
export function tcpErr(netns: Netns, type: number, code: number, quoted: Ipv4Packet): void {
  const h = quoted.l4;
  if (h?.kind !== 'tcp') return;
  const sock = tcpLookup(netns, quoted.dst, h.dport, quoted.src, h.sport);
  if (sock && sock.state !== 'LISTEN') sock.icmpError(type, code);
}
