import type { Netns } from '../../netns.js';
import type { Conn } from './conn.js';
import { IPCT } from './conn.js';
import type { CtEntry, Reading } from './entry.js';
import { snapshot } from './entry.js';

/** The ctnetlink message an event becomes (NEW with NLM_F_CREATE, UPDATE, DELETE). */
export type CtEventType = 'NEW' | 'UPDATE' | 'DESTROY';

/** NFNLGRP_CONNTRACK_{NEW,UPDATE,DESTROY} as a listener's group bits. */
export const CT_GROUP: Readonly<Record<CtEventType, number>> = { NEW: 1, UPDATE: 2, DESTROY: 4 };

/** One event as a listener receives it: the message and the sender's netlink portid (0: the kernel). */
export interface CtEvent {
  readonly type: CtEventType;
  readonly entry: CtEntry;
  readonly portid: number;
}

interface Listener {
  readonly groups: number;
  readonly deliver: (event: CtEvent) => void;
}

const listeners = new WeakMap<Netns, Set<Listener>>();

/**
 * Binds a ctnetlink socket to event groups (a `conntrack -E`): every event
 * of the namespace in those groups is handed to `deliver` as it happens.
 * Returns the unbind.
 */
export function ctListen(netns: Netns, groups: number, deliver: (event: CtEvent) => void): () => void {
  let set = listeners.get(netns);
  if (!set) {
    set = new Set();
    listeners.set(netns, set);
  }
  const l: Listener = { groups, deliver };
  set.add(l);
  return () => set.delete(l);
}

/** net->ct.ctnetlink_has_listener. */
const hasListener = (netns: Netns): boolean => (listeners.get(netns)?.size ?? 0) > 0;

/**
 * nf_ct_ecache_ext_add at entry creation: nf_conntrack_events 1 always
 * adds the extension, 0 never, 2 (the default) only while some listener
 * is bound. An entry made without it never reports, not even its DESTROY
 * (found by experiment: an entry made before `conntrack -E` started is
 * deleted silently).
 */
export function ecacheFor(netns: Netns): { cached: number } | null {
  const mode = netns.sysctl.int('net.netfilter.nf_conntrack_events');
  if (mode === 1 || (mode === 2 && hasListener(netns))) return { cached: 0 };
  return null;
}

/** What ctnetlink_conntrack_event reports for an event mask. */
function typeOf(events: number): CtEventType | null {
  if (events & IPCT.DESTROY) return 'DESTROY';
  if (events & (IPCT.NEW | IPCT.RELATED)) return 'NEW';
  return events ? 'UPDATE' : null;
}

/**
 * ctnetlink_conntrack_event: build the message once and hand it to every
 * listener of its group. A DESTROY carries counters and the TCP state, and
 * no timeout when less than a second is left; other events a TCP state
 * only when it changed, and a mark when it is set or changed.
 */
export function reportEvents(
  netns: Netns,
  conn: Conn,
  events: number,
  portid: number,
  reading: Reading,
): void {
  if (!conn.ecache) return;
  const type = typeOf(events);
  const set = listeners.get(netns);
  if (!type || !set || set.size === 0) return;
  const destroy = type === 'DESTROY';
  const entry = snapshot(netns, conn, {
    reading,
    use: null,
    mark: conn.mark !== 0 || (events & IPCT.MARK) !== 0,
    tcpState: destroy || (events & IPCT.PROTOINFO) !== 0,
    counters: destroy,
    skipZeroTimeout: destroy,
  });
  for (const l of [...set]) if (l.groups & CT_GROUP[type]) l.deliver({ type, entry, portid });
}

/** nf_ct_deliver_cached_events: what packets changed since the last delivery, reported by the kernel. */
export function deliverCachedEvents(netns: Netns, conn: Conn): void {
  const e = conn.ecache;
  if (!e || e.cached === 0) return;
  const events = e.cached;
  e.cached = 0;
  reportEvents(netns, conn, events, 0, 'now');
}
