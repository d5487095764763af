import type { Netns } from '../../netns.js';
import type { Conn } from './conn.js';
import { conntrackTable, existingTable } from './table.js';
import { trackerFor } from './proto.js';
import type { Tuple } from './tuple.js';

/**
 * One entry as ctnetlink reports it (a read-only snapshot for tools). The
 * `conn` handle is what delete/update calls take back.
 */
export interface CtEntry {
  readonly conn: Conn;
  readonly id: number;
  /** The protocol name conntrack prints (`tcp`, `udp`, `icmp`, `unknown`). */
  readonly protoName: string;
  readonly orig: Tuple;
  readonly reply: Tuple;
  /** IPS_* bits. */
  readonly status: number;
  /** Seconds left (CTA_TIMEOUT). */
  readonly timeout: number;
  readonly mark: number;
  /** CTA_PROTOINFO_TCP_STATE as its index in TCP_STATES, or null for other protocols. */
  readonly tcpState: string | null;
  /** Reference count (CTA_USE): 1 for an idle entry. */
  readonly use: number;
}

function snapshot(netns: Netns, conn: Conn): CtEntry {
  return {
    conn,
    id: conn.id,
    protoName: trackerFor(conn.orig.proto).name,
    orig: conn.orig,
    reply: conn.reply,
    status: conn.status,
    timeout: conn.secondsLeft(netns.world.clock.now),
    mark: conn.mark,
    tcpState: conn.tcp?.state ?? null,
    use: 1,
  };
}

/** IPCTNL_MSG_CT_GET dump: every live entry of the namespace. */
export function ctDump(netns: Netns): CtEntry[] {
  return (existingTable(netns)?.list() ?? []).map((c) => snapshot(netns, c));
}

/** IPCTNL_MSG_CT_DELETE: false when the entry is already gone. */
export function ctDelete(netns: Netns, entry: CtEntry): boolean {
  return conntrackTable(netns).remove(entry.conn);
}

/** IPCTNL_MSG_CT_DELETE without a tuple: the whole table. */
export function ctFlush(netns: Netns): number {
  return existingTable(netns)?.flush() ?? 0;
}

/** IPCTNL_MSG_CT_GET_STATS / nf_conntrack_count. */
export function ctCount(netns: Netns): number {
  return existingTable(netns)?.count ?? 0;
}
