import type { Netns } from '../../netns.js';
import type { Conn, CtCounter } from './conn.js';
import { trackerFor } from './proto.js';
import type { Tuple } from './tuple.js';

/**
 * One entry as a ctnetlink message carries it (a read-only snapshot for
 * tools). Attributes the kernel leaves out of a message are null: events
 * carry no CTA_USE, a mark only when it is set or changed, a TCP state only
 * when it changed, counters only on DESTROY; a DESTROY of an entry with no
 * whole second left carries no timeout. The `conn` handle is what
 * delete/update calls take back.
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
  /** Seconds left (CTA_TIMEOUT), or null when the message has none. */
  readonly timeout: number | null;
  readonly mark: number | null;
  /** CTA_PROTOINFO_TCP_STATE as its name in TCP_STATES, or null. */
  readonly tcpState: string | null;
  /** Reference count (CTA_USE): 1 for an idle entry, 2 while a GET holds it. */
  readonly use: number | null;
  /** CTA_COUNTERS_ORIG / CTA_COUNTERS_REPLY (the acct extension), or null. */
  readonly counters: readonly [CtCounter, CtCounter] | null;
  readonly zone: number;
}

/**
 * When the reader looks, relative to what last set the timeout: `now` for
 * a message built in the same instant (an event raised by a packet, the
 * answer to the request that set the timeout), `later` for a request that
 * runs after it (a dump: real user space always lags the packet).
 */
export type Reading = 'now' | 'later';

export interface SnapshotOptions {
  readonly reading: Reading;
  readonly use?: number | null;
  readonly mark?: boolean;
  readonly tcpState?: boolean;
  readonly counters?: boolean;
  /** ctnetlink_dump_timeout's skip_zero (DESTROY events). */
  readonly skipZeroTimeout?: boolean;
}

/** ctnetlink_fill_info / ctnetlink_conntrack_event: the attributes of one message. */
export function snapshot(netns: Netns, conn: Conn, o: SnapshotOptions): CtEntry {
  const now = netns.world.clock.now;
  const left = o.reading === 'now' ? conn.secondsLeft(now) : conn.secondsLeftLater(now);
  const acct = conn.acct;
  return {
    conn,
    id: conn.id,
    protoName: trackerFor(conn.orig.proto).name,
    orig: conn.orig,
    reply: conn.reply,
    status: conn.status,
    timeout: o.skipZeroTimeout && left === 0 ? null : left,
    mark: (o.mark ?? true) ? conn.mark : null,
    tcpState: (o.tcpState ?? true) ? (conn.tcp?.state ?? null) : null,
    use: o.use === undefined ? 1 : o.use,
    counters: (o.counters ?? true) && acct ? [{ ...acct[0] }, { ...acct[1] }] : null,
    zone: conn.zone,
  };
}
