import type { Ipv4Packet, L4Header, TcpHeader, UdpHeader } from '../../../net/packet.js';
import type { Conn, CtInfo } from '../conntrack/conn.js';
import { IPS, IPS_NAT_MASK, infoDir, otherDir } from '../conntrack/conn.js';
import type { Tuple } from '../conntrack/tuple.js';
import { invertTuple } from '../conntrack/tuple.js';
import { ICMP } from '../../icmp/types.js';
import type { Manip } from './unique.js';
import type { MutablePacket } from '../../skb-slot.js';
import { skbOwned } from '../../skb-slot.js';

/** ICMP queries whose id NAT maps (icmp_manip_pkt). */
const ICMP_QUERIES: ReadonlySet<number> = new Set([ICMP.ECHO, ICMP.ECHOREPLY, 13, 14, 15, 16, 17, 18]);

function manipL4(l4: L4Header | undefined, t: Tuple, manip: Manip, conn: Conn | null): L4Header | undefined {
  if (!l4) return l4;
  switch (l4.kind) {
    case 'icmp':
      return ICMP_QUERIES.has(l4.type) && l4.id !== t.sport ? { ...l4, id: t.sport } : l4;
    case 'tcp':
    case 'udp':
      if (manip === 'SRC') return l4.sport === t.sport ? l4 : withPorts(l4, t.sport, l4.dport, conn, manip);
      return l4.dport === t.dport ? l4 : withPorts(l4, l4.sport, t.dport, conn, manip);
  }
}

/**
 * A TCP or UDP header with other ports. UDP's is written out field by
 * field: a spread of it costs V8 four times the bytes of the literal, on
 * every packet of a flow NAT rewrites (UdpHeader has no other field).
 * `conn`: the flow's entry, which keeps the UDP header it rewrote last for
 * each manipulation: a header is an immutable value, so every packet of
 * the flow with the same ports shares that one (no header per packet).
 */
function withPorts(
  l4: UdpHeader | TcpHeader,
  sport: number,
  dport: number,
  conn: Conn | null,
  manip: Manip,
): L4Header {
  if (l4.kind !== 'udp') return { ...l4, sport, dport };
  if (conn === null) return { kind: 'udp', sport, dport } satisfies Required<UdpHeader>;
  const last = manip === 'SRC' ? conn.natUdpSrc : conn.natUdpDst;
  if (last !== null && last.sport === sport && last.dport === dport) return last;
  const made: UdpHeader = { kind: 'udp', sport, dport } satisfies Required<UdpHeader>;
  if (manip === 'SRC') conn.natUdpSrc = made;
  else conn.natUdpDst = made;
  return made;
}

/** nf_nat_ipv4_manip_pkt: one end of the packet (address and port or ICMP id) set from the tuple. */
export function manipPacket(
  packet: Ipv4Packet,
  t: Tuple,
  manip: Manip,
  conn: Conn | null = null,
): Ipv4Packet {
  const l4 = manipL4(packet.l4, t, manip, conn);
  if (skbOwned(packet)) {
    // The received skb itself (see skb-slot.ts): rewritten in place, as nf_nat_ipv4_manip_pkt does.
    const p = packet as MutablePacket;
    if (manip === 'SRC') p.src = t.src;
    else p.dst = t.dst;
    p.l4 = l4;
    return packet;
  }
  // One spread per packet: spreading a second object too is V8's slow path.
  return manip === 'SRC' ? { ...packet, src: t.src, l4 } : { ...packet, dst: t.dst, l4 };
}

/** The status bit that says this hook has work on a packet in this direction. */
function statusBit(manip: Manip, info: CtInfo): number {
  const bit = manip === 'SRC' ? IPS.SRC_NAT : IPS.DST_NAT;
  return infoDir(info) === 'REPLY' ? bit ^ IPS_NAT_MASK : bit;
}

/**
 * nf_nat_packet: every packet of a NATed flow is rewritten from the entry:
 * made to look like the inverse of the other direction's tuple.
 */
export function natPacket(conn: Conn, info: CtInfo, manip: Manip, packet: Ipv4Packet): Ipv4Packet {
  if (!conn.has(statusBit(manip, info))) return packet;
  const target = conn.inverse(otherDir(infoDir(info)));
  return target ? manipPacket(packet, target, manip, conn) : packet;
}

/**
 * nf_nat_icmp_reply_translation: an ICMP error about a NATed flow gets the
 * datagram it quotes rewritten back (the other manipulation, from the
 * quoted direction's tuple) and its own header made to look like an answer
 * to what the peer sent. Null: drop (a redirect about a NATed flow).
 */
export function natIcmpReply(conn: Conn, info: CtInfo, manip: Manip, packet: Ipv4Packet): Ipv4Packet | null {
  const l4 = packet.l4;
  if (l4?.kind !== 'icmp') return packet;
  if (l4.type === ICMP.REDIRECT) {
    if ((conn.status & (IPS.SRC_NAT_DONE | IPS.DST_NAT_DONE)) !== (IPS.SRC_NAT_DONE | IPS.DST_NAT_DONE))
      return null;
    if (conn.has(IPS_NAT_MASK)) return null;
  }
  if (!conn.has(statusBit(manip, info))) return packet;
  const dir = infoDir(info);
  const quotedDir = conn.tuple(otherDir(dir));
  const quoted = l4.quoted && manipPacket(l4.quoted, quotedDir, manip === 'SRC' ? 'DST' : 'SRC');
  const outer = invertTuple(quotedDir);
  const inner: Ipv4Packet = { ...packet, l4: { ...l4, quoted } };
  if (!outer) return inner;
  return manipPacket(inner, { ...outer, proto: packet.protocol }, manip);
}
