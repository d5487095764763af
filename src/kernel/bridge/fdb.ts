import type { Mac } from '../../net/mac.js';
import type { Bridge } from '../link/bridge.js';
import type { Link } from '../link/link.js';

export interface FdbEntry {
  readonly mac: Mac;
  /** The port behind which the MAC lives; null for the bridge's own address. */
  port: Link | null;
  /** Virtual time the entry was last refreshed (ms). */
  updated: number;
  /** BR_FDB_LOCAL: frames to this MAC go up to the bridge's own L3 (own and ports' addresses, user "permanent"). */
  readonly local: boolean;
  /** BR_FDB_STATIC: never ages (local and user-added entries). */
  readonly isStatic: boolean;
  readonly addedByUser: boolean;
  /** Creation order: dumps list the newest first (hlist_add_head on fdb_list). */
  readonly seq: number;
}

/**
 * The bridge forwarding database (net/bridge/br_fdb.c). Local entries for
 * the ports' own MACs follow the port list, and ageing is applied when the
 * table is read, which is what the periodic br_fdb_cleanup looks like from
 * outside.
 */
export class Fdb {
  readonly entries = new Map<Mac, FdbEntry>();
  private seq = 0;

  constructor(readonly bridge: Bridge) {}

  private get now(): number {
    return this.bridge.netns.world.clock.now;
  }

  /** The ageing time in ms (ageing_time is kept in centiseconds). */
  get holdTimeMs(): number {
    return this.bridge.ageingTime * 10;
  }

  /** What the last sync saw: the ports' version, the hold time, and no entry expiring before `expiresFrom`. */
  private syncedVersion = -1;
  private syncedHold = -1;
  private expiresFrom = Infinity;
  /** An entry was removed by hand since (a local one comes back at the next sync). */
  private removed = false;

  /**
   * Brings local entries in line with the ports and drops expired entries.
   * It runs on every frame the bridge learns from or looks up (an underlay
   * bridge has a port per node, 1,000), so it does its pass only when the
   * ports, the ageing time or a removal may have changed its outcome, or
   * an entry may have expired, and allocates nothing.
   */
  sync(): void {
    const now = this.now;
    const ports = this.bridge.ports;
    const hold = this.holdTimeMs;
    if (
      this.bridge.portsVersion === this.syncedVersion &&
      hold === this.syncedHold &&
      now < this.expiresFrom &&
      !this.removed
    )
      return;
    this.syncedVersion = this.bridge.portsVersion;
    this.syncedHold = hold;
    this.removed = false;
    let expiresFrom = Infinity;
    // forEach rather than for-of: cold code (a trace's first frames) makes no iterator results.
    // Deleting the entry a Map walk stands on is safe: the walk goes on with the next.
    this.entries.forEach((e) => {
      const stalePort = e.port !== null && ports.get(e.port.ifindex)?.link !== e.port;
      const staleLocal = e.local && !e.addedByUser && e.port !== null && e.port.mac !== e.mac;
      const expired = !e.isStatic && hold > 0 && now >= e.updated + hold;
      if (stalePort || staleLocal || expired) this.entries.delete(e.mac);
      else if (!e.isStatic && hold > 0) expiresFrom = Math.min(expiresFrom, e.updated + hold);
    });
    this.expiresFrom = expiresFrom;
    ports.forEach(({ link }) => {
      if (!this.entries.has(link.mac)) this.insert(link.mac, link, true, true, false);
    });
    if (this.bridge.macFixed && !this.entries.has(this.bridge.mac))
      this.insert(this.bridge.mac, null, true, true, false);
  }

  private insert(
    mac: Mac,
    port: Link | null,
    local: boolean,
    isStatic: boolean,
    addedByUser: boolean,
  ): FdbEntry {
    const entry: FdbEntry = { mac, port, updated: this.now, local, isStatic, addedByUser, seq: this.seq++ };
    this.entries.set(mac, entry);
    // A refresh (learn) only moves an entry's expiry later: the bound stays one.
    const hold = this.holdTimeMs;
    if (!isStatic && hold > 0) this.expiresFrom = Math.min(this.expiresFrom, this.now + hold);
    return entry;
  }

  lookup(mac: Mac): FdbEntry | undefined {
    this.sync();
    return this.entries.get(mac);
  }

  /** br_fdb_update: learn or refresh `mac` behind `port`; local and static entries stay put. */
  learn(mac: Mac, port: Link): void {
    this.sync();
    const entry = this.entries.get(mac);
    if (!entry) {
      this.insert(mac, port, false, false, false);
      return;
    }
    if (entry.local || entry.isStatic) return;
    entry.port = port;
    entry.updated = this.now;
  }

  /** `bridge fdb add ... master`: EEXIST unless replacing. */
  add(mac: Mac, port: Link, kind: 'permanent' | 'static' | 'dynamic'): boolean {
    this.sync();
    if (this.entries.has(mac)) return false;
    this.insert(mac, port, kind === 'permanent', kind !== 'dynamic', true);
    return true;
  }

  /** `bridge fdb del ... master`: false when there is no such entry on that port. */
  remove(mac: Mac, port: Link | null): boolean {
    this.sync();
    const entry = this.entries.get(mac);
    if (!entry || (port !== null && entry.port !== port && entry.port !== null)) return false;
    this.entries.delete(mac);
    this.removed = true;
    return true;
  }

  /** Entries newest first, as br_fdb_dump walks fdb_list. */
  dump(): FdbEntry[] {
    this.sync();
    return [...this.entries.values()].sort((a, b) => b.seq - a.seq);
  }
}
