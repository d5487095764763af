import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { ipv4Int } from '../ipv4/conf.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';
import { ICMP, isIcmpError } from './types.js';
import { icmpRedirect } from './redirect.js';
import { IPPROTO } from '../../net/packet.js';
import { udpErr } from '../socket/udp.js';
import { tcpErr } from '../socket/tcp-input.js';
import { rawTcpErr } from '../socket/raw-tcp.js';

/** Types icmp_rcv accepts to a broadcast address: echo, timestamp, address mask request and reply. */
const BROADCAST_OK = new Set([8, 13, 17, 18]);

/** icmp_rcv for a packet delivered locally (`broadcast`: it came in on a broadcast route). */
export function icmpRcv(netns: Netns, dev: Link, packet: Ipv4Packet, broadcast: boolean): void {
  const icmp = packet.l4;
  if (icmp?.kind !== 'icmp') return;
  netns.mib.icmp.InMsgs++;
  netns.mib.icmpMsgIn[icmp.type & 0xff]++;
  if (broadcast && icmp.type !== ICMP.ECHO) {
    // icmp_rcv takes echo, timestamp and address mask messages only from a broadcast.
    if (!BROADCAST_OK.has(icmp.type)) netns.mib.icmp.InErrors++;
    return;
  }
  for (const sock of netns.ipv4.sockets) sock.deliver(packet);
  if (icmp.type === ICMP.ECHO) return echo(netns, dev, packet, broadcast);
  if (icmp.type === ICMP.REDIRECT) return icmpRedirect(netns, dev, packet);
  if (isIcmpError(icmp.type) && icmp.quoted) {
    const quoted = icmp.quoted;
    // icmp_socket_deliver: the quoted protocol's error handler finds the socket it concerns.
    const info = icmp.mtu ?? 0;
    if (quoted.protocol === IPPROTO.UDP) udpErr(netns, icmp.type, icmp.code, quoted, packet.src, info);
    if (quoted.protocol === IPPROTO.TCP) tcpErr(netns, icmp.type, icmp.code, quoted);
    // raw_icmp_error: every raw socket of the quoted protocol gets it on its error queue.
    const report = { offender: packet.src, type: icmp.type, code: icmp.code, info, quoted };
    if (quoted.protocol === IPPROTO.TCP) rawTcpErr(netns, report);
    if (quoted.protocol !== packet.protocol) return;
    for (const sock of netns.ipv4.sockets) sock.deliverError(report);
  }
}

/** icmp_echo + icmp_reply: answered from the address the request was sent to. */
function echo(netns: Netns, dev: Link, packet: Ipv4Packet, broadcast: boolean): void {
  if (ipv4Int(netns, 'icmp_echo_ignore_all') !== 0) return;
  if (broadcast && ipv4Int(netns, 'icmp_echo_ignore_broadcasts') !== 0) {
    netns.mib.icmp.InErrors++;
    return;
  }
  const icmp = packet.l4;
  if (icmp?.kind !== 'icmp') return;
  const spec = broadcast ? netns.addrsOf(dev).find((a) => !a.secondary)?.local : packet.dst;
  const route = routeOutput(netns, { dst: packet.src, src: spec, tos: packet.tos });
  if (!route.ok) return;
  const reply: Ipv4Packet = {
    src: spec ?? route.result.src,
    dst: packet.src,
    protocol: packet.protocol,
    ttl: 64,
    tos: packet.tos,
    id: netns.ipv4.nextId(),
    totalLength: packet.totalLength,
    dontFragment: false,
    l4: { kind: 'icmp', type: ICMP.ECHOREPLY, code: 0, id: icmp.id, seq: icmp.seq },
    // icmp_echo sends the request's data back unchanged.
    data: packet.data,
  };
  ipLocalOut(netns, reply, route.result);
}
