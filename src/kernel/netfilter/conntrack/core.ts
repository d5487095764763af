import type { Ipv4Packet } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import type { Hook } from '../types.js';
import type { CtInfo, Nfct } from './conn.js';
import { Conn, IPCT, IPS, infoDir } from './conn.js';
import type { ConntrackTable } from './table.js';
import { conntrackTable } from './table.js';
import { deliverCachedEvents, ecacheFor } from './events.js';
import { trackerFor } from './proto.js';
import type { Tuple, TupleBuffer } from './tuple.js';
import { invertTuple, tupleInto } from './tuple.js';
import { icmpErrorNfct, isIcmpErrorPacket } from './icmp-error.js';
import { nfctOf, withConn, withNfct } from './skb.js';

/** The tuple conntrackIn looks packets up by (filled anew for each). */
const LOOKUP: TupleBuffer = { src: 0, dst: 0, proto: 0, sport: 0, dport: 0 };

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
  if (isIcmpErrorPacket(packet)) {
    // nf_conntrack_handle_icmp: an error quoting no known flow counts as `error`.
    const related = icmpErrorNfct(table, packet);
    if (!related) table.stats.error++;
    return withNfct(packet, netns, related);
  }
  for (let round = 0; ; round++) {
    // Only compared by the lookup: a new entry takes a copy (the buffer is every packet's).
    const looked = tupleInto(packet, LOOKUP);
    if (!looked) return invalidPacket(table, packet, netns);
    let tuple: Tuple = looked;
    let conn: Conn;
    let info: CtInfo;
    const hit = table.find(looked);
    if (hit) {
      conn = hit.conn;
      info = hit.dir === 'REPLY' ? 'ESTABLISHED_REPLY' : conn.has(IPS.SEEN_REPLY) ? 'ESTABLISHED' : 'NEW';
    } else {
      tuple = {
        src: looked.src,
        dst: looked.dst,
        proto: looked.proto,
        sport: looked.sport,
        dport: looked.dport,
      };
      const reply = invertTuple(tuple);
      if (!reply) return invalidPacket(table, packet, netns);
      conn = newConn(netns, tuple, reply);
      if (!trackerFor(tuple.proto).newConn(conn, packet)) return invalidPacket(table, packet, netns);
      if (!table.admit()) return null;
      info = 'NEW';
    }
    const tcpBefore = conn.tcp?.state;
    const verdict = trackerFor(tuple.proto).packet(conn, packet, info, netns);
    if (verdict === 'INVALID') return invalidPacket(table, packet, netns);
    if (verdict === 'REPEAT' && round < MAX_REPEAT) {
      table.remove(conn);
      continue;
    }
    if (verdict === 'KILL' || verdict === 'REPEAT') table.remove(conn);
    // nf_ct_refresh_acct / nf_ct_kill_acct: the packet counts in its direction.
    conn.account(infoDir(info), packet.totalLength);
    if (conn.tcp && conn.tcp.state !== tcpBefore) conn.cacheEvent(IPCT.PROTOINFO);
    if (info === 'ESTABLISHED_REPLY') conn.status |= IPS.SEEN_REPLY;
    return withConn(packet, netns, conn, info);
  }
}

/** Not part of any connection: counted, and the packet goes on without an entry. */
function invalidPacket(table: ConntrackTable, packet: Ipv4Packet, netns: Netns): Ipv4Packet {
  table.stats.invalid++;
  return withNfct(packet, netns, undefined);
}

/**
 * init_conntrack: a fresh entry with the extensions the namespace's
 * settings ask for when it is made (ecache, acct), as ctnetlink's create
 * does too.
 */
export function newConn(netns: Netns, orig: Conn['orig'], reply: Conn['reply']): Conn {
  const conn = new Conn(orig, reply);
  conn.ecache = ecacheFor(netns);
  if (netns.sysctl.int('net.netfilter.nf_conntrack_acct') !== 0)
    conn.acct = [
      { packets: 0, bytes: 0 },
      { packets: 0, bytes: 0 },
    ];
  return conn;
}

/**
 * nf_ct_attach from icmp_glue_bits: an ICMP error this host builds
 * carries the entry of the datagram it quotes, in the opposite direction,
 * even before that entry is confirmed.
 */
function attachToQuoted(netns: Netns, packet: Ipv4Packet): Nfct | undefined {
  if (!isIcmpErrorPacket(packet) || packet.l4?.kind !== 'icmp' || !packet.l4.quoted) return undefined;
  const q = nfctOf(packet.l4.quoted, netns);
  // An untracked datagram has no entry to attach (nf_ct_get is NULL): its
  // error is looked up like any other, finds nothing and counts as `error`
  // (found by experiment).
  if (!q || 'untracked' in q) return undefined;
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
  if (!conn.confirmed && infoDir(info) === 'ORIGINAL' && !conn.has(IPS.DYING)) {
    if (!confirmNew(conntrackTable(netns), conn)) return false;
  }
  // nf_conntrack_confirm: whatever the packet changed is reported now.
  if (conn.confirmed) deliverCachedEvents(netns, conn);
  return true;
}

/** __nf_conntrack_confirm: a clash drops the packet and counts as insert_failed. */
function confirmNew(table: ConntrackTable, conn: Conn): boolean {
  if (!table.confirm(conn)) {
    table.stats.insert_failed++;
    table.stats.drop++;
    return false;
  }
  conn.cacheEvent(IPCT.NEW);
  return true;
}

/** What state/conntrack matches see for a packet (ctinfo % IP_CT_IS_REPLY, or no entry). */
export function ctStateOf(
  nfct: Nfct | undefined,
): 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' {
  if (!nfct) return 'INVALID';
  if ('untracked' in nfct) return 'UNTRACKED';
  const i = nfct.info;
  return i === 'NEW' ? 'NEW' : i === 'RELATED' || i === 'RELATED_REPLY' ? 'RELATED' : 'ESTABLISHED';
}
