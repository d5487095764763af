import { networkOf } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Link } from '../link/link.js';
import { fail } from '../errno.js';
import { RT_SCOPE_NOWHERE, sameRoute, TYPE_PROPS } from './route.js';
import type { Route } from './route.js';
import type { RouteType } from './fib.js';
import { routesChanged } from './generation.js';

/** NLM_F_* flags of an RTM_NEWROUTE request, as `ip route add|replace|...` set them. */
export interface InsertFlags {
  readonly create: boolean;
  readonly excl: boolean;
  readonly replace: boolean;
  readonly append: boolean;
}

/** What RTM_DELROUTE matches on; null/0 fields match anything (fib_table_delete + fib_nh_match). */
export interface DeleteSpec {
  readonly dst: IPv4;
  readonly len: number;
  readonly tos: number;
  readonly type: RouteType | null;
  /** RT_SCOPE_NOWHERE matches any scope. */
  readonly scope: number;
  readonly prefsrc: IPv4 | null;
  readonly protocol: number;
  readonly priority: number;
  readonly dev: Link | null;
  readonly gateway: IPv4 | null;
}

/** Lookup key fields a table needs (part of struct flowi4). */
export interface TableFlow {
  readonly dst: IPv4;
  readonly tos: number;
  readonly oif: Link | null;
  /** flowi4_scope: routes narrower than... wider than this are skipped. */
  readonly scope: number;
}

export type TableHit =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'error'; readonly error: 'EINVAL' | 'EHOSTUNREACH' | 'EACCES' }
  /** No route, or a throw route: the rule walk goes on (EAGAIN). */
  | { readonly kind: 'miss' };

const MISS: TableHit = { kind: 'miss' };

/**
 * One routing table (struct fib_table over the LC-trie). Routes of one
 * prefix keep the kernel's alias order: tos descending, then metric
 * ascending, then insertion order as prepend/append placed them.
 */
export class FibTable {
  /** prefix length -> network address -> aliases. */
  private readonly byLen = new Map<number, Map<IPv4, Route[]>>();
  /** The prefix lengths of byLen, longest first: kept as levels come and go, not sorted per lookup. */
  private lens: number[] = [];

  constructor(readonly id: number) {}

  private aliases(dst: IPv4, len: number, create: boolean): Route[] | undefined {
    let level = this.byLen.get(len);
    if (!level) {
      if (!create) return undefined;
      level = new Map();
      this.byLen.set(len, level);
      this.lens = [...this.byLen.keys()].sort((a, b) => b - a);
    }
    let list = level.get(dst);
    if (!list && create) {
      list = [];
      level.set(dst, list);
    }
    return list;
  }

  /** fib_table_insert with the NLM_F_* semantics of add/prepend/append/replace/change. */
  insert(route: Route, flags: InsertFlags): void {
    routesChanged();
    const existing = this.aliases(route.dst, route.len, false) ?? [];
    const first = findAlias(existing, route.tos, route.priority);
    let at = first;
    if (first < existing.length && sameKey(existing[first], route)) {
      if (flags.excl) fail('EEXIST');
      let end = first;
      let match = -1;
      for (; end < existing.length && sameKey(existing[end], route); end++) {
        if (sameRoute(existing[end], route)) {
          match = end;
          break;
        }
      }
      if (flags.replace) {
        if (match >= 0) {
          if (match === first) return;
          fail('EEXIST');
        }
        existing[first] = route;
        return;
      }
      if (match >= 0) fail('EEXIST');
      at = flags.append ? end : first;
    }
    if (!flags.create) fail('ENOENT');
    const list = this.aliases(route.dst, route.len, true)!;
    // A new prefix's list becomes one holding its route: an empty array grown by one takes room for 16.
    if (list.length === 0) this.byLen.get(route.len)!.set(route.dst, [route]);
    else list.splice(at, 0, route);
  }

  /** fib_table_delete: removes the first alias the spec matches; ESRCH when none. */
  delete(spec: DeleteSpec): Route {
    const list = this.aliases(spec.dst, spec.len, false);
    if (!list) fail('ESRCH');
    for (let i = findAlias(list, spec.tos, spec.priority); i < list.length; i++) {
      const r = list[i];
      if (r.tos !== spec.tos) break;
      if (matchesDelete(r, spec)) {
        this.removeAt(list, i, r);
        return r;
      }
    }
    fail('ESRCH');
  }

  /** Removes exactly this route object (flush, device events). */
  remove(route: Route): boolean {
    const list = this.aliases(route.dst, route.len, false);
    const i = list ? list.indexOf(route) : -1;
    if (i < 0) return false;
    this.removeAt(list!, i, route);
    return true;
  }

  private removeAt(list: Route[], i: number, route: Route): void {
    routesChanged();
    list.splice(i, 1);
    if (list.length === 0) this.byLen.get(route.len)!.delete(route.dst);
  }

  /** Routes in dump order: by network address, then longest prefix first, then alias order. */
  list(): Route[] {
    const keys: { dst: IPv4; len: number; routes: Route[] }[] = [];
    for (const [len, level] of this.byLen) for (const [dst, routes] of level) keys.push({ dst, len, routes });
    keys.sort((a, b) => a.dst - b.dst || b.len - a.len);
    return keys.flatMap((k) => k.routes);
  }

  /** fib_table_lookup: longest prefix first, then the first usable alias. */
  lookup(flow: TableFlow): TableHit {
    return this.lookupWithLen(flow).hit;
  }

  /** The lookup plus the prefix length that decided it (-1 when nothing did). */
  lookupWithLen(flow: TableFlow): { hit: TableHit; len: number } {
    // Indexed: a for-of makes an iterator result per length in cold code (an ARP flood's 1,000 FIBs).
    const lens = this.lens;
    for (let i = 0; i < lens.length; i++) {
      const len = lens[i]!;
      const hit = this.lookupAt(len, flow);
      if (hit) return { hit, len };
    }
    return { hit: MISS, len: -1 };
  }

  private lookupAt(len: number, flow: TableFlow): TableHit | null {
    const list = this.byLen.get(len)?.get(networkOf(flow.dst, len));
    if (!list) return null;
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      if (r.tos !== 0 && r.tos !== flow.tos) continue;
      if (r.scope < flow.scope) continue;
      const error = TYPE_PROPS[r.type].error;
      if (error === 'EAGAIN') return MISS;
      if (error) return { kind: 'error', error };
      if (flow.oif && r.dev !== flow.oif) continue;
      return { kind: 'route', route: r };
    }
    return null;
  }
}

const sameKey = (a: Route, b: Route): boolean => a.tos === b.tos && a.priority === b.priority;

/** fib_find_alias: first alias with a lower tos, or the same tos and a metric not below `priority`. */
function findAlias(list: readonly Route[], tos: number, priority: number): number {
  let i = 0;
  for (; i < list.length; i++) {
    const r = list[i];
    if (r.tos > tos) continue;
    if (r.priority >= priority || r.tos < tos) break;
  }
  return i;
}

function matchesDelete(r: Route, s: DeleteSpec): boolean {
  if (s.type !== null && r.type !== s.type) return false;
  if (s.scope !== RT_SCOPE_NOWHERE && r.scope !== s.scope) return false;
  if (s.prefsrc !== null && r.prefsrc !== s.prefsrc) return false;
  if (s.protocol !== 0 && r.protocol !== s.protocol) return false;
  if (s.priority !== 0 && r.priority !== s.priority) return false;
  if (s.dev !== null && r.dev !== s.dev) return false;
  if (s.gateway !== null && r.gateway !== s.gateway) return false;
  return true;
}
