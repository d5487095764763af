import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';
import { isIcmpError, NR_ICMP_TYPES } from '../../icmp/types.js';
import type { Nfct } from './conn.js';
import type { ConntrackTable } from './table.js';
import { invertTuple, tupleOf } from './tuple.js';

/** Whether the packet is an ICMP error (icmp_is_err), the only ICMP conntrack treats as RELATED. */
export function isIcmpErrorPacket(packet: Ipv4Packet): boolean {
  return packet.protocol === IPPROTO.ICMP && packet.l4?.kind === 'icmp' && isIcmpError(packet.l4.type);
}

/**
 * nf_conntrack_icmpv4_error + nf_conntrack_inet_error: an ICMP error
 * belongs to the flow of the datagram it quotes. The quoted datagram went
 * the other way, so its inverted tuple is looked up; the error is RELATED
 * (RELATED_REPLY when that tuple is the entry's reply one). No entry, a
 * type past NR_ICMP_TYPES, or an outer destination that is not where that
 * direction goes: no conntrack (INVALID).
 */
export function icmpErrorNfct(table: ConntrackTable, packet: Ipv4Packet): Nfct | undefined {
  const l4 = packet.l4;
  if (l4?.kind !== 'icmp' || l4.type > NR_ICMP_TYPES || !l4.quoted) return undefined;
  const inner = tupleOf(l4.quoted);
  const wanted = inner && invertTuple(inner);
  if (!wanted) return undefined;
  const hit = table.find(wanted);
  if (!hit) return undefined;
  if (hit.conn.tuple(hit.dir).dst !== packet.dst) return undefined;
  return { conn: hit.conn, info: hit.dir === 'REPLY' ? 'RELATED_REPLY' : 'RELATED' };
}
