import type { Ipv4Packet } from '../../net/packet.js';
import { TCP_FLAG } from '../../net/packet.js';
import { formatIPv4 } from '../../net/ipv4.js';
import type { Tuple } from '../netfilter/conntrack/tuple.js';
import type { PacketView, TupleView } from './events.js';

const PROTO_NAMES: Readonly<Record<number, string>> = { 1: 'icmp', 6: 'tcp', 17: 'udp' };

export const protoText = (proto: number): string => PROTO_NAMES[proto] ?? String(proto);

/** TCP flags in tcpdump's letters: S F R P U E W, then `.` for ACK. */
export function tcpFlagText(flags: number): string {
  const letters: [number, string][] = [
    [TCP_FLAG.SYN, 'S'],
    [TCP_FLAG.FIN, 'F'],
    [TCP_FLAG.RST, 'R'],
    [TCP_FLAG.PSH, 'P'],
    [TCP_FLAG.URG, 'U'],
    [TCP_FLAG.ECE, 'E'],
    [TCP_FLAG.CWR, 'W'],
  ];
  const s = letters.map(([bit, l]) => (flags & bit ? l : '')).join('');
  return s + (flags & TCP_FLAG.ACK ? '.' : '') || 'none';
}

/** The headers of `packet` as a trace shows them. */
export function packetView(packet: Ipv4Packet): PacketView {
  const l4 = packet.l4;
  const base = {
    src: formatIPv4(packet.src),
    dst: formatIPv4(packet.dst),
    proto: protoText(packet.protocol),
    ttl: packet.ttl,
    length: packet.totalLength,
    ...(packet.mark ? { mark: packet.mark } : {}),
  };
  if (l4?.kind === 'icmp') return { ...base, icmpType: l4.type, icmpCode: l4.code };
  if (l4?.kind === 'udp') return { ...base, sport: l4.sport, dport: l4.dport };
  if (l4?.kind === 'tcp')
    return { ...base, sport: l4.sport, dport: l4.dport, tcpFlags: tcpFlagText(l4.flags) };
  return base;
}

export const tupleView = (t: Tuple): TupleView => ({
  src: formatIPv4(t.src),
  dst: formatIPv4(t.dst),
  proto: protoText(t.proto),
  sport: t.sport,
  dport: t.dport,
});

/** The fields a hook function may rewrite, as [name, value] text pairs. */
export function rewritable(p: Ipv4Packet): [string, string][] {
  const l4 = p.l4;
  const ports: [string, string][] =
    l4?.kind === 'tcp' || l4?.kind === 'udp'
      ? [
          ['sport', String(l4.sport)],
          ['dport', String(l4.dport)],
        ]
      : l4?.kind === 'icmp' && l4.id !== undefined
        ? [['icmp id', String(l4.id)]]
        : [];
  return [
    ['src', formatIPv4(p.src)],
    ['dst', formatIPv4(p.dst)],
    ...ports,
    ['mark', `0x${(p.mark ?? 0).toString(16)}`],
    ['ttl', String(p.ttl)],
    ['tos', `0x${p.tos.toString(16)}`],
  ];
}
