import type { MatchImpl, NfCtx } from '../context.js';
import type { XtModule } from '../types.js';
import type { Netfilter } from '../store.js';
import type { NamedKind } from '../named-state.js';
import { namedState } from '../named-state.js';
import { HZ, jiffies } from '../../jiffies.js';

/** check_set bits (XT_RECENT_*), as the iptables extension stores them. */
export const RECENT = { SET: 1, CHECK: 2, UPDATE: 4, REMOVE: 8, TTL: 16, REAP: 32 } as const;

/** ip_list_tot: entries a table keeps before dropping the least recently seen. */
const IP_LIST_TOT = 100;
/** XT_RECENT_MAX_NSTAMPS (65536 since Linux 6.11). */
const MAX_NSTAMPS = 65536;
/** XT_RECENT_NAME_LEN: the name buffer, NUL included. */
const NAME_LEN = 200;

/** A remembered address: its last TTL and a ring of jiffies stamps (struct recent_entry). */
export interface RecentEntry {
  /** IPv4 as a number, or an IPv6 address in full lower-case form (only /proc writes add those). */
  readonly addr: number | string;
  ttl: number;
  /** Next stamp slot plus one (1-based, wraps at the table's mask). */
  index: number;
  nstamps: number;
  readonly stamps: number[];
}

/** struct recent_table: its mask and stamp ring size come from the rule that created it. */
export class RecentTable {
  readonly mask: number;
  nstampsMaxMask: number;
  /** Lookup (and listing) order. */
  readonly entries = new Map<number | string, RecentEntry>();
  /** Least recently seen first. */
  readonly lru = new Set<RecentEntry>();

  constructor(m: XtModule) {
    this.mask = m.data.mask as number;
    this.nstampsMaxMask = stampMask(m);
  }

  lookup(addr: number | string, ttl: number): RecentEntry | undefined {
    const e = this.entries.get(addr);
    return e && (ttl === e.ttl || ttl === 0 || e.ttl === 0) ? e : undefined;
  }

  remove(e: RecentEntry): void {
    this.entries.delete(e.addr);
    this.lru.delete(e);
  }

  /** recent_entry_init: the oldest entry makes room when the table is full. */
  add(addr: number | string, ttl: number, now: number): RecentEntry {
    if (this.entries.size >= IP_LIST_TOT) this.remove(this.lru.values().next().value as RecentEntry);
    const e: RecentEntry = { addr, ttl, index: 1, nstamps: 1, stamps: [now] };
    this.entries.set(addr, e);
    this.lru.add(e);
    return e;
  }

  /** recent_entry_update: a new stamp in the ring; the entry becomes the most recent. */
  touch(e: RecentEntry, now: number): void {
    if (this.entries.get(e.addr) !== e) return;
    e.index &= this.nstampsMaxMask;
    e.stamps[e.index++] = now;
    if (e.index > e.nstamps) e.nstamps = e.index;
    this.lru.delete(e);
    this.lru.add(e);
  }

  /** recent_entry_reap: only the least recently seen entry is looked at. */
  reap(time: number): void {
    const e = this.lru.values().next().value as RecentEntry | undefined;
    if (e && time > e.stamps[e.index - 1]) this.remove(e);
  }

  flush(): void {
    this.entries.clear();
    this.lru.clear();
  }
}

const roundupPow2 = (n: number) => 2 ** Math.ceil(Math.log2(n));

/** The stamp ring a rule needs: its hitcount rounded up to a power of two, 32 by default. */
function stampMask(m: XtModule): number {
  const hits = m.data.hitCount as number;
  return hits ? roundupPow2(hits) - 1 : 31;
}

export const recentKind: NamedKind<RecentTable> = {
  match: 'recent',
  create: (m) => new RecentTable(m),
  // A rule remembering more hits than the table holds resizes it, losing its entries.
  join(t, m) {
    const mask = stampMask(m);
    if (mask > t.nstampsMaxMask) {
      t.flush();
      t.nstampsMaxMask = mask;
    }
  },
};

/** The namespace's table called `name`, if a rule refers to it. */
export const recentTable = (nf: Netfilter, name: string): RecentTable | undefined =>
  namedState(nf, recentKind, name);

/** xt_check_proc_name: the name becomes a /proc file. */
export const badProcName = (name: string): boolean =>
  name === '' || name === '.' || name === '..' || name.includes('/');

/** recent_mt_check: false is EINVAL. */
export function recentCheck(m: XtModule): boolean {
  const d = m.data;
  const set = d.checkSet as number;
  const ops = [RECENT.SET, RECENT.CHECK, RECENT.UPDATE, RECENT.REMOVE].filter((b) => set & b).length;
  if (ops !== 1) return false;
  const modifiers = RECENT.TTL | RECENT.REAP;
  if (
    set & (RECENT.SET | RECENT.REMOVE) &&
    ((d.seconds as number) || (d.hitCount as number) || set & modifiers)
  )
    return false;
  if (set & RECENT.REAP && !(d.seconds as number)) return false;
  if ((d.hitCount as number) >= MAX_NSTAMPS) return false;
  const name = d.name as string;
  return !badProcName(name) && name.length < NAME_LEN;
}

/** The TTL as it was before forwarding: a forwarded packet has already lost one. */
function ttlBeforeForwarding(ttl: number, ctx: NfCtx): number {
  return ctx.out !== null && ctx.route.input ? (ttl + 1) & 0xff : ttl;
}

/** recent_mt. */
export const recent: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const set = d.checkSet as number;
    const t = recentTable(ctx.netns.netfilter, d.name as string);
    let ret = Boolean(d.inv);
    if (!t) return ret;
    const now = jiffies(ctx.netns.world);
    const addr = ((d.side === 'dest' ? packet.dst : packet.src) & t.mask) >>> 0;
    const ttl = ttlBeforeForwarding(packet.ttl, ctx);
    const e = t.lookup(addr, set & RECENT.TTL ? ttl : 0);
    if (!e) {
      if (!(set & RECENT.SET)) return ret;
      t.add(addr, ttl, now);
      return !ret;
    }
    if (set & RECENT.SET) ret = !ret;
    else if (set & RECENT.REMOVE) {
      t.remove(e);
      ret = !ret;
    } else if (set & (RECENT.CHECK | RECENT.UPDATE)) {
      const seconds = d.seconds as number;
      const hitCount = d.hitCount as number;
      const time = now - seconds * HZ;
      let hits = 0;
      for (let i = 0; i < e.nstamps; i++) {
        if (seconds && time > e.stamps[i]) continue;
        if (!hitCount || ++hits >= hitCount) {
          ret = !ret;
          break;
        }
      }
      if (set & RECENT.REAP) t.reap(time);
    }
    if (set & RECENT.SET || (set & RECENT.UPDATE && ret)) {
      t.touch(e, now);
      e.ttl = ttl;
    }
    return ret;
  },
};
