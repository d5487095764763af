import type { Netns } from '../../netns.js';
import { IPCT, IPS } from './conn.js';
import type { Conn } from './conn.js';
import type { CtEntry } from './entry.js';
import { snapshot } from './entry.js';
import { reportEvents } from './events.js';
import { newConn } from './core.js';
import { conntrackTable, existingTable } from './table.js';
import type { TcpState } from './proto-tcp.js';
import type { Tuple } from './tuple.js';
import { invertTuple } from './tuple.js';
import { NR_CPUS, emptyStats } from './stats.js';
import type { CtStats } from './stats.js';

export type { CtEntry } from './entry.js';
export type { CtEvent, CtEventType } from './events.js';
export { ctListen, CT_GROUP } from './events.js';
export { CT_STAT_NAMES, NR_CPUS } from './stats.js';
export type { CtStats } from './stats.js';

/** The errno a ctnetlink request fails with (the tool words it). */
export type CtErrno = 'ENOENT' | 'EEXIST' | 'EINVAL' | 'ENOMEM' | 'EOPNOTSUPP' | 'EBUSY';

/** An entry as a dump shows it: read after the packets that shaped it. */
const dumped = (netns: Netns, conn: Conn, use = 1) => snapshot(netns, conn, { reading: 'later', use });

/**
 * A netlink socket's port id (netlink_autobind): what events a request
 * causes carry as their sender. Drawn from the world's RNG, as the kernel
 * draws a negative one once the pid is taken.
 */
export const ctPortid = (netns: Netns): number => netns.world.rng.u32();

/**
 * IPCTNL_MSG_CT_GET dump: every live entry of the namespace. `zero`
 * (IPCTNL_MSG_CT_GET_CTRZERO) clears the counters once they are read.
 */
export function ctDump(netns: Netns, options: { zero?: boolean } = {}): CtEntry[] {
  const entries = (existingTable(netns)?.list() ?? []).map((c) => dumped(netns, c));
  if (options.zero)
    for (const e of entries) for (const c of e.conn.acct ?? []) Object.assign(c, { packets: 0, bytes: 0 });
  return entries;
}

/** IPCTNL_MSG_CT_GET with a tuple: the entry of that zone holding it in either direction (held while read: use=2). */
export function ctGet(netns: Netns, tuple: Tuple, zone = 0): CtEntry | 'ENOENT' {
  const hit = existingTable(netns)?.find(tuple);
  return hit && hit.conn.zone === zone ? dumped(netns, hit.conn, 2) : 'ENOENT';
}

/** What `conntrack -I` asks for (the tuples as user space completed them). */
export interface CtCreate {
  readonly orig: Tuple;
  readonly reply?: Tuple;
  /** CTA_TIMEOUT in seconds (mandatory for a create). */
  readonly timeout: number;
  readonly status: number;
  readonly mark?: number;
  readonly tcpState?: TcpState;
  readonly zone?: number;
}

/** Status bits user space may set (IPS_UNCHANGEABLE_MASK excluded). */
const SETTABLE = IPS.EXPECTED | IPS.SEEN_REPLY | IPS.ASSURED | IPS.FIXED_TIMEOUT;

/**
 * ctnetlink_create_conntrack: a confirmed entry from user space, with the
 * extensions the namespace's settings give new entries, reported as a NEW
 * event that carries everything set. A tuple already hashed is EEXIST, an
 * ICMP type without an answer EINVAL, a full table ENOMEM.
 */
export function ctCreate(netns: Netns, req: CtCreate, portid: number): CtEntry | CtErrno {
  const reply = req.reply ?? invertTuple(req.orig);
  if (!reply || !invertTuple(reply)) return 'EINVAL';
  const table = conntrackTable(netns);
  if (table.find(req.orig) || table.find(reply)) return 'EEXIST';
  if (!table.admit()) return 'ENOMEM';
  const conn = newConn(netns, req.orig, reply);
  conn.status = req.status & SETTABLE;
  conn.mark = req.mark ?? 0;
  conn.zone = req.zone ?? 0;
  if (req.orig.proto === 6)
    conn.tcp = {
      state: req.tcpState ?? 'NONE',
      lastDir: 'ORIGINAL',
      lastIndex: 'none',
      closeInit: { ORIGINAL: false, REPLY: false },
    };
  conn.refresh(netns.world.clock.now, req.timeout * 1000);
  if (!table.confirm(conn)) return 'EEXIST';
  if (conn.ecache) conn.ecache.cached = 0;
  const created = IPCT.NEW | IPCT.REPLY | IPCT.ASSURED | IPCT.HELPER | IPCT.PROTOINFO;
  reportEvents(netns, conn, created | IPCT.SEQADJ | IPCT.MARK | IPCT.SYNPROXY, portid, 'now');
  return snapshot(netns, conn, { reading: 'now', use: 1 });
}

/** What `conntrack -U` changes on one entry (absent: left alone). */
export interface CtUpdate {
  /** nfgen_family of the request: AF_UNSPEC cannot name a tuple. */
  readonly family: 'ipv4' | 'unspec';
  readonly timeout?: number;
  readonly status?: number;
  readonly mark?: number;
}

/**
 * ctnetlink_change_conntrack on an existing entry, then the GET user space
 * sends to print it (held: use=2). SEEN_REPLY and ASSURED can only be set;
 * a request without a family is EOPNOTSUPP (the tuple cannot be parsed).
 */
export function ctUpdate(netns: Netns, conn: Conn, req: CtUpdate, portid: number): CtEntry | CtErrno {
  if (req.family === 'unspec') return 'EOPNOTSUPP';
  const table = existingTable(netns);
  if (!table || conn.has(IPS.DYING) || !table.find(conn.orig)) return 'ENOENT';
  if (req.status !== undefined) {
    const lost = conn.status & ~req.status & (IPS.SEEN_REPLY | IPS.ASSURED);
    if (lost) return 'EBUSY';
    conn.status = (conn.status & ~SETTABLE) | (req.status & SETTABLE);
  }
  if (req.timeout !== undefined) conn.refresh(netns.world.clock.now, req.timeout * 1000);
  if (req.mark !== undefined) conn.mark = req.mark;
  if (conn.ecache) conn.ecache.cached = 0;
  const reading = req.timeout !== undefined ? 'now' : 'later';
  const changed = IPCT.REPLY | IPCT.ASSURED | IPCT.HELPER | IPCT.LABEL | IPCT.PROTOINFO;
  reportEvents(netns, conn, changed | IPCT.SEQADJ | IPCT.MARK | IPCT.SECMARK, portid, reading);
  return snapshot(netns, conn, { reading, use: 2 });
}

/** IPCTNL_MSG_CT_DELETE: false when the entry is already gone. */
export function ctDelete(netns: Netns, entry: CtEntry, portid = 0): boolean {
  return conntrackTable(netns).remove(entry.conn, portid);
}

/** IPCTNL_MSG_CT_DELETE without a tuple: the whole table. */
export function ctFlush(netns: Netns, portid = 0): number {
  return existingTable(netns)?.flush(portid) ?? 0;
}

/** IPCTNL_MSG_CT_GET_STATS / nf_conntrack_count. */
export function ctCount(netns: Netns): number {
  return existingTable(netns)?.count ?? 0;
}

/** IPCTNL_MSG_CT_GET_STATS_CPU: one row per CPU, everything counted on CPU 0 (see stats.ts). */
export function ctStats(netns: Netns): CtStats[] {
  const total = existingTable(netns)?.stats ?? emptyStats();
  return Array.from({ length: NR_CPUS }, (_, cpu) => (cpu === 0 ? { ...total } : emptyStats()));
}
