import type { Ipv4Packet } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import type { Hook } from '../types.js';
import type { CtInfo, Nfct } from './conn.js';
import { Conn, IPS, infoDir } from './conn.js';
import { conntrackTable } from './table.js';
import { trackerFor } from './proto.js';
import { invertTuple, tupleOf } from './tuple.js';
import { icmpErrorNfct, isIcmpErrorPacket } from './icmp-error.js';
import { nfctOf, withNfct } from './skb.js';

/** How many times a packet is looked up again after its old entry died (NF_REPEAT). */
const MAX_REPEAT = 1;

/**
 * nf_conntrack_in (ipv4_conntrack_in at PREROUTING, ipv4_conntrack_local
 * at OUTPUT, priority -200): find or create the packet's entry and let the
 * protocol tracker judge it. Returns the packet carrying its conntrack
 * (none when INVALID), or null when it must be dropped.
 */
export function conntrackIn(netns: Netns, hook: Hook, packet: Ipv4Packet): Ipv4Packet | null {
  // Looped back through lo, or made untracked by raw: keep what the skb has (see nfHook for the wire).
  if (nfctOf(packet, netns)) return packet;
  if (hook === 'OUTPUT') {
    const attached = attachToQuoted(netns, packet);
    if (attached) return withNfct(packet, netns, attached);
  }
  const table = conntrackTable(netns);
  if (isIcmpErrorPacket(packet)) return withNfct(packet, netns, icmpErrorNfct(table, packet));
  for (let round = 0; ; round++) {
    const tuple = tupleOf(packet);
    if (!tuple) return withNfct(packet, netns, undefined);
    let conn: Conn;
    let info: CtInfo;
    const hit = table.find(tuple);
    if (hit) {
      conn = hit.conn;
      info = hit.dir === 'REPLY' ? 'ESTABLISHED_REPLY' : conn.has(IPS.SEEN_REPLY) ? 'ESTABLISHED' : 'NEW';
    } else {
      const reply = invertTuple(tuple);
      if (!reply) return withNfct(packet, netns, undefined);
      conn = new Conn(tuple, reply);
      if (!trackerFor(tuple.proto).newConn(conn, packet)) return withNfct(packet, netns, undefined);
      if (!table.admit()) return null;
      info = 'NEW';
    }
    const verdict = trackerFor(tuple.proto).packet(conn, packet, info, netns);
    if (verdict === 'INVALID') return withNfct(packet, netns, undefined);
    if (verdict === 'REPEAT' && round < MAX_REPEAT) {
      table.remove(conn);
      continue;
    }
    if (verdict === 'KILL' || verdict === 'REPEAT') table.remove(conn);
    if (info === 'ESTABLISHED_REPLY') conn.status |= IPS.SEEN_REPLY;
    return withNfct(packet, netns, { conn, info });
  }
}

/**
 * nf_ct_attach from icmp_glue_bits: an ICMP error this host builds
 * carries the entry of the datagram it quotes, in the opposite direction,
 * even before that entry is confirmed.
 */
function attachToQuoted(netns: Netns, packet: Ipv4Packet): Nfct | undefined {
  if (!isIcmpErrorPacket(packet) || packet.l4?.kind !== 'icmp' || !packet.l4.quoted) return undefined;
  const q = nfctOf(packet.l4.quoted, netns);
  if (!q || 'untracked' in q) return q;
  return { conn: q.conn, info: infoDir(q.info) === 'ORIGINAL' ? 'RELATED_REPLY' : 'RELATED' };
}

/**
 * ipv4_confirm / __nf_conntrack_confirm (INPUT and POSTROUTING, last): a
 * new entry enters the table when its first packet leaves the stack
 * alive. A clash with an entry confirmed meanwhile drops the packet.
 */
export function conntrackConfirm(netns: Netns, packet: Ipv4Packet): boolean {
  const nfct = nfctOf(packet, netns);
  if (!nfct || 'untracked' in nfct) return true;
  const { conn, info } = nfct;
  if (conn.confirmed || infoDir(info) !== 'ORIGINAL' || conn.has(IPS.DYING)) return true;
  return conntrackTable(netns).confirm(conn);
}

/** What state/conntrack matches see for a packet (ctinfo % IP_CT_IS_REPLY, or no entry). */
export function ctStateOf(
  nfct: Nfct | undefined,
): 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' {
  if (!nfct) return 'INVALID';
  if ('untracked' in nfct) return 'UNTRACKED';
  const i = nfct.info;
  return i === 'NEW' ? 'NEW' : i.startsWith('RELATED') ? 'RELATED' : 'ESTABLISHED';
}
