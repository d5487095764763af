import type { Netns } from '../../netns.js';
import { printk } from '../../printk.js';
import type { Dir, Conn } from './conn.js';
import { IPCT, IPS } from './conn.js';
import { reportEvents } from './events.js';
import type { CtStats } from './stats.js';
import { emptyStats } from './stats.js';
import type { Tuple } from './tuple.js';
import { tupleEqual, tupleHash } from './tuple.js';
import { IntMap } from '../../int-map.js';

/** A hash hit: the entry and which of its tuples matched (struct nf_conntrack_tuple_hash). */
export interface TupleHash {
  readonly conn: Conn;
  readonly dir: Dir;
}

/** A hash entry with the tuple it was hashed under (the key, compared on lookup). */
interface Hashed extends TupleHash {
  readonly tuple: Tuple;
}

/** KERN_WARNING: net_warn_ratelimited's level. */
const KERN_WARNING = 4;

/**
 * One namespace's conntrack table (net->ct): confirmed entries hashed by
 * both tuples. Entries expire on the virtual clock; an expired entry is
 * invisible and reaped on the next access, as the kernel's lookups and
 * dumps skip what gc has not reaped yet.
 */
export class ConntrackTable {
  /** Both tuples of every confirmed entry by hash; a bucket holds one entry, or a list on a collision. */
  private readonly byTuple = new IntMap<Hashed | Hashed[]>();
  /** Confirmed entries in insertion order (a dump walks the hash; tools sort when it matters). */
  private readonly entries = new Set<Conn>();

  /** The namespace's conntrack statistics (net->ct.stat, summed over CPUs). */
  readonly stats: CtStats = emptyStats();

  constructor(private readonly netns: Netns) {}

  private get now(): number {
    return this.netns.world.clock.now;
  }

  /**
   * Overrides nf_conntrack_max: the sysctl is global and writable only in
   * the initial namespace, which no lab reaches (tests set this instead).
   */
  limit: number | null = null;

  /** nf_conntrack_max: global, read-only outside the initial namespace. */
  get max(): number {
    return this.limit ?? this.netns.sysctl.int('net.netfilter.nf_conntrack_max');
  }

  /** net.netfilter.nf_conntrack_count. */
  get count(): number {
    this.reap();
    return this.entries.size;
  }

  /**
   * No entry expires before this (a lower bound, lowered by confirm and by
   * an entry whose timeout shrank): until then gc has nothing to reap and
   * skips its scan, so admitting a flow stays O(1) in a full table.
   */
  private earliest = Infinity;

  lowered(at: number): void {
    if (at < this.earliest) this.earliest = at;
  }

  /** Drops every expired entry (the gc worker). */
  reap(): void {
    const now = this.now;
    if (now < this.earliest) return;
    let earliest = Infinity;
    for (const conn of this.entries) {
      if (conn.expires <= now) this.remove(conn);
      else if (conn.expires < earliest) earliest = conn.expires;
    }
    this.earliest = earliest;
  }

  /** The entry hashed under a tuple equal to `t` (live or not). */
  private lookup(t: Tuple): Hashed | undefined {
    const slot = this.byTuple.get(tupleHash(t));
    if (slot === undefined) return undefined;
    if (!Array.isArray(slot)) return tupleEqual(slot.tuple, t) ? slot : undefined;
    // A loop, not find(): its closure would make every lookup allocate what it captures.
    for (let k = 0; k < slot.length; k++) if (tupleEqual(slot[k].tuple, t)) return slot[k];
    return undefined;
  }

  /** Hashes one tuple of an entry, replacing whatever held an equal tuple. */
  private hash(h: Hashed): void {
    const key = tupleHash(h.tuple);
    const slot = this.byTuple.get(key);
    if (slot === undefined || (!Array.isArray(slot) && tupleEqual(slot.tuple, h.tuple)))
      this.byTuple.set(key, h);
    else if (!Array.isArray(slot)) this.byTuple.set(key, [slot, h]);
    else {
      const at = slot.findIndex((x) => tupleEqual(x.tuple, h.tuple));
      if (at >= 0) slot[at] = h;
      else slot.push(h);
    }
  }

  /** Drops whatever is hashed under a tuple equal to `t`. */
  private unhash(t: Tuple): void {
    const key = tupleHash(t);
    const slot = this.byTuple.get(key);
    if (slot === undefined) return;
    if (!Array.isArray(slot)) {
      if (tupleEqual(slot.tuple, t)) this.byTuple.delete(key);
      return;
    }
    const rest = slot.filter((x) => !tupleEqual(x.tuple, t));
    if (rest.length === 0) this.byTuple.delete(key);
    else this.byTuple.set(key, rest.length === 1 ? rest[0] : rest);
  }

  /** __nf_conntrack_find_get: the live confirmed entry holding this tuple. */
  find(t: Tuple): TupleHash | undefined {
    const hit = this.lookup(t);
    if (!hit) return undefined;
    if (hit.conn.expires <= this.now) {
      this.remove(hit.conn);
      return undefined;
    }
    return hit;
  }

  /** nf_conntrack_tuple_taken: some other live entry already uses this tuple in either direction. */
  taken(t: Tuple, ignored: Conn): boolean {
    const hit = this.find(t);
    return hit !== undefined && hit.conn !== ignored;
  }

  /**
   * Whether a new entry may be allocated (__nf_conntrack_alloc): over
   * nf_conntrack_max the packet is dropped with the kernel's warning.
   */
  admit(): boolean {
    const max = this.max;
    if (max === 0 || this.count + 1 <= max) return true;
    this.stats.drop++;
    printk(this.netns.world, KERN_WARNING, 'nf_conntrack: table full, dropping packet');
    return false;
  }

  /**
   * __nf_conntrack_confirm: hash both tuples and start the timeout. False
   * when a tuple is already there (a clash: the packet is dropped).
   */
  confirm(conn: Conn): boolean {
    if (conn.confirmed) return true;
    if (this.find(conn.orig) || this.find(conn.reply)) return false;
    conn.status |= IPS.CONFIRMED;
    conn.expires = this.now + conn.timeout;
    conn.holder = this;
    this.lowered(conn.expires);
    this.hash({ conn, dir: 'ORIGINAL', tuple: conn.orig });
    this.hash({ conn, dir: 'REPLY', tuple: conn.reply });
    this.entries.add(conn);
    return true;
  }

  /**
   * nf_ct_delete: unhash (a no-op for an entry never confirmed or already
   * gone) and report the DESTROY, from `portid` (0: the kernel itself, for
   * an expiry or a packet; a ctnetlink socket for `conntrack -D`/`-F`,
   * which runs some time after the last packet).
   */
  remove(conn: Conn, portid = 0): boolean {
    conn.status |= IPS.DYING;
    if (!this.entries.delete(conn)) return false;
    this.unhash(conn.orig);
    this.unhash(conn.reply);
    reportEvents(this.netns, conn, IPCT.DESTROY, portid, portid === 0 ? 'now' : 'later');
    return true;
  }

  /** The live entries (ctnetlink dump). */
  list(): Conn[] {
    this.reap();
    return [...this.entries];
  }

  /** nf_conntrack_flush: every entry goes. */
  flush(portid = 0): number {
    const all = this.list();
    for (const conn of all) this.remove(conn, portid);
    return all.length;
  }
}

const tables = new WeakMap<Netns, ConntrackTable>();

/** The namespace conntrackTable was asked for last and its table (a table lives as long as its namespace). */
let lastNetns: Netns | null = null;
let lastTable: ConntrackTable | null = null;

/** The namespace's table, created on first use (nf_conntrack_pernet_init). */
export function conntrackTable(netns: Netns): ConntrackTable {
  // Every tracked packet asks, most often for the namespace asked before.
  if (netns === lastNetns) return lastTable!;
  let t = tables.get(netns);
  if (!t) {
    t = new ConntrackTable(netns);
    tables.set(netns, t);
  }
  lastNetns = netns;
  lastTable = t;
  return t;
}

/** The table if the namespace ever had one (sysctl reads must not create it). */
export const existingTable = (netns: Netns): ConntrackTable | undefined => tables.get(netns);
