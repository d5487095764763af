import type { Netns } from '../netns.js';
import type { IfAddr } from '../addr.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import { isLoopback, isMulticast, isZeronet, LIMITED_BROADCAST } from '../../net/ipv4.js';
import type { ErrnoName } from '../errno.js';
import { KernelError } from '../errno.js';
import { failExt } from './error.js';
import { conf } from '../ipv4/conf.js';
import { FibTable } from './table.js';
import type { DeleteSpec, InsertFlags } from './table.js';
import { RuleList } from './rules.js';
import type { Rule, RuleSpec } from './rules.js';
import type { Route } from './route.js';
import {
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
} from './route.js';
import { fibLookup } from './lookup.js';
import type { FibState, LookupKey } from './lookup.js';
import { createRoute } from './create.js';
import type { RouteConfig } from './create.js';
import { inetSelectAddr, isLocalAddress } from './source.js';
import { magicRoutes, magicToRoute, primaryOf, sameMagic } from './kernel-routes.js';
import { routesChanged } from './generation.js';

export type RouteType =
  'unicast' | 'local' | 'broadcast' | 'multicast' | 'blackhole' | 'unreachable' | 'prohibit' | 'throw';

/** What a lookup is keyed on (struct flowi4). */
export interface Flow {
  readonly dst: IPv4;
  /** Source address if already chosen (0 or undefined: let the FIB choose). */
  readonly src?: IPv4;
  /** Input device for a received packet (ip_route_input), absent for locally generated ones. */
  readonly iif?: Link;
  /** Output device bound by the sender (SO_BINDTODEVICE, `ping -I dev`, `ip route get oif`). */
  readonly oif?: Link;
  readonly mark?: number;
  readonly tos?: number;
}

/** The result of a successful lookup (struct fib_result plus the chosen source). */
export interface FibResult {
  readonly type: RouteType;
  /** Table id the matching route came from (254 main, 255 local, ...). */
  readonly table: number;
  readonly dev: Link | null;
  /** Next hop: the gateway, or null when the destination is on-link. */
  readonly gateway: IPv4 | null;
  /** Preferred source on the route (`src`), if set. */
  readonly prefsrc: IPv4 | null;
  /** Source address for locally generated traffic (inet_select_addr / prefsrc). */
  readonly src: IPv4;
  readonly scope: number;
  readonly metric: number;
  /** Route cache flags an input route shows in `ip route get ... iif` (`local`, `brd`, `redirect`); set by Ipv4Stack.routeInput. */
  readonly cacheFlags?: readonly string[];
  /**
   * The route and policy rule fib_lookup chose (absent for routes made up
   * without a lookup), kept so a trace names them without looking up again
   * with a key it no longer has (the socket's bound source).
   */
  readonly route?: Route;
  readonly rule?: Rule;
}

export type FibLookup = { ok: true; result: FibResult } | { ok: false; error: ErrnoName };

const LOOPBACK_ADDR = 0x7f000001;

/**
 * __mkroute_output: a 127/8 source leaves through a device other than lo
 * only with route_localnet on it (measured: connect from 127.0.0.1 to a
 * veth peer fails with EINVAL, and so does `ip route get ADDR from
 * 127.0.0.1`, unless conf.all or conf.DEV.route_localnet is 1).
 */
export const loopbackSourceLeaks = (netns: Netns, r: FibResult): boolean =>
  isLoopback(r.src) &&
  r.dev !== null &&
  r.dev.kind !== 'loopback' &&
  conf(netns, r.dev, 'route_localnet') === 0;
const isLocalMulticast = (a: IPv4): boolean => a >>> 8 === 0xe00000;

/**
 * Routing tables and policy rules of one namespace (the FIB). Owned by the
 * routing work; devinet and links notify it as the kernel's fib_netdev and
 * fib_inetaddr notifiers do.
 */
export class Fib implements FibState {
  readonly rules = new RuleList();
  /** Tables in creation order; numbered ones appear on first use (fib_new_table). */
  private readonly tables = new Map<number, FibTable>();
  private custom = false;
  /** Admin state last seen per device, to act only on up/down transitions. */
  private readonly wasUp = new Map<Link, boolean>();

  constructor(readonly netns: Netns) {
    this.newTable(RT_TABLE_MAIN);
    this.newTable(RT_TABLE_LOCAL);
  }

  get customRules(): boolean {
    return this.custom;
  }

  table(id: number): FibTable | undefined {
    return this.tables.get(id);
  }

  newTable(id: number): FibTable {
    let t = this.tables.get(id);
    if (!t) {
      t = new FibTable(id);
      this.tables.set(id, t);
    }
    return t;
  }

  /** Tables in the order a dump walks them: hash bucket (id mod 256), newest first within a bucket. */
  tableList(): FibTable[] {
    const created = [...this.tables.values()];
    return created
      .map((t, i) => ({ t, i }))
      .sort((a, b) => (a.t.id & 255) - (b.t.id & 255) || b.i - a.i)
      .map((x) => x.t);
  }

  /** RTM_NEWROUTE. Throws KernelError (ExtackError for the kernel's extended messages). */
  addRoute(cfg: RouteConfig, flags: InsertFlags): void {
    const table = this.newTable(cfg.table);
    checkKey(cfg.dst, cfg.len);
    table.insert(createRoute(this, cfg), flags);
  }

  /** RTM_DELROUTE: removes the first route matching the spec in `tableId`. */
  deleteRoute(tableId: number, spec: DeleteSpec): Route {
    const table = this.tables.get(tableId);
    if (!table) failExt('ESRCH', 'FIB table does not exist');
    checkKey(spec.dst, spec.len);
    return table.delete(spec);
  }

  removeRoute(route: Route): void {
    this.tables.get(route.table)?.remove(route);
  }

  addRule(rule: Rule): void {
    this.custom = true;
    this.rules.add(rule);
  }

  deleteRule(spec: RuleSpec): Rule {
    this.custom = true;
    return this.rules.delete(spec);
  }

  removeRule(rule: Rule): void {
    this.custom = true;
    this.rules.remove(rule);
  }

  /**
   * Policy rules then longest-prefix match (fib_lookup). ENETUNREACH when no
   * route, EHOSTUNREACH/EACCES/EINVAL for unreachable/prohibit/blackhole routes.
   * The result's dev is the route's device (a local route's own device, not lo).
   */
  lookup(flow: Flow): FibLookup {
    const res = fibLookup(this, this.keyOf(flow));
    if (!res.ok) return res;
    return { ok: true, result: this.toResult(res.route, res.table, flow.src ?? 0, flow.dst, res.rule) };
  }

  /**
   * ip_route_output_key for locally generated traffic (and `ip route get`
   * without iif): source must be local, an oif with no route is assumed
   * on-link, local destinations leave through lo.
   */
  routeOutput(flow: Flow): FibLookup {
    let saddr = flow.src ?? 0;
    const dst = flow.dst;
    const oif = flow.oif ?? null;
    if (saddr) {
      if (isMulticast(saddr) || saddr === LIMITED_BROADCAST || isZeronet(saddr))
        return { ok: false, error: 'EINVAL' };
      if (!isLocalAddress(this.netns, saddr)) return { ok: false, error: 'ENETUNREACH' };
    }
    if (oif) {
      if (!oif.adminUp) return { ok: false, error: 'ENETUNREACH' };
      if (isLocalMulticast(dst) || dst === LIMITED_BROADCAST) {
        saddr ||= inetSelectAddr(this.netns, oif, 0, RT_SCOPE_LINK);
        return this.direct(dst === LIMITED_BROADCAST ? 'broadcast' : 'multicast', oif, saddr);
      }
      if (!saddr && isMulticast(dst)) saddr = inetSelectAddr(this.netns, oif, 0, RT_SCOPE_UNIVERSE);
      else if (!saddr && !dst) saddr = inetSelectAddr(this.netns, oif, 0, RT_SCOPE_HOST);
    }
    if (!dst) {
      // The kernel then routes to the source itself (or 127.0.0.1) through lo.
      return this.direct('local', this.loopback(), saddr || LOOPBACK_ADDR);
    }
    const res = fibLookup(this, this.keyOf({ ...flow, dst }));
    if (!res.ok) {
      if (!oif) return res;
      // "Apparently, routing tables are wrong. Assume that the destination is on link."
      saddr ||= inetSelectAddr(this.netns, oif, 0, RT_SCOPE_LINK);
      return this.direct('unicast', oif, saddr);
    }
    const result = this.toResult(res.route, res.table, saddr, dst, res.rule);
    if (result.type === 'local') return { ok: true, result: { ...result, dev: this.loopback() } };
    if (loopbackSourceLeaks(this.netns, result)) return { ok: false, error: 'EINVAL' };
    return { ok: true, result };
  }

  private direct(type: RouteType, dev: Link, src: IPv4): FibLookup {
    const result: FibResult = {
      type,
      table: RT_TABLE_MAIN,
      dev,
      gateway: null,
      prefsrc: null,
      src,
      scope: RT_SCOPE_LINK,
      metric: 0,
    };
    return { ok: true, result };
  }

  private loopback(): Link {
    for (const link of this.netns.links.values()) if (link.kind === 'loopback') return link;
    throw new Error('namespace without lo');
  }

  private keyOf(flow: Flow): LookupKey {
    // universeKey's fields, as one literal: every packet routed pays for this key.
    return {
      dst: flow.dst,
      src: flow.src ?? 0,
      tos: (flow.tos ?? 0) & 0x1e,
      mark: flow.mark ?? 0,
      iif: flow.iif ?? this.loopback(),
      oif: flow.oif ?? null,
      scope: RT_SCOPE_UNIVERSE,
    };
  }

  private toResult(route: Route, table: number, saddr: IPv4, dst: IPv4, rule: Rule | undefined): FibResult {
    let src = saddr;
    if (!src) {
      if (route.prefsrc !== null) src = route.prefsrc;
      else if (route.type === 'local') src = dst;
      else src = inetSelectAddr(this.netns, route.dev, route.gateway ?? 0, route.scope);
    }
    return {
      type: route.type,
      table,
      dev: route.dev,
      gateway: route.gateway,
      prefsrc: route.prefsrc,
      src,
      scope: route.scope,
      metric: route.priority,
      route,
      ...(rule ? { rule } : {}),
    };
  }

  /** fib_add_ifaddr: local, broadcast and prefix routes for a new address. */
  addressAdded(addr: IfAddr): void {
    routesChanged();
    const prim = primaryOf(this.netns, addr);
    if (!prim) return;
    for (const m of magicRoutes(addr, addr.link.adminUp)) {
      const route = magicToRoute(m, addr, prim);
      try {
        this.newTable(route.table).insert(route, { create: true, excl: false, replace: false, append: true });
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
      }
    }
  }

  /**
   * fib_del_ifaddr: the address's routes go unless another address of the
   * device (with the same primary) still brings them; routes preferring the
   * vanished address as source go with it.
   */
  addressRemoved(addr: IfAddr): void {
    routesChanged();
    const dev = addr.link;
    const up = dev.adminUp;
    const prim = primaryOf(this.netns, addr) ?? addr;
    const others = this.netns.addrsOf(dev).filter((a) => a !== addr);
    let localGone = false;
    for (const m of magicRoutes(addr, up)) {
      const kept = others.some((o) => {
        const p = primaryOf(this.netns, o, addr);
        return p !== null && p.local === prim.local && magicRoutes(o, up).some((x) => sameMagic(x, m));
      });
      if (kept) continue;
      const route = magicToRoute(m, addr, prim);
      try {
        this.tables.get(route.table)?.delete({
          ...route,
          scope: route.scope,
          dev,
          gateway: null,
          prefsrc: prim.local,
        });
        if (m.type === 'local' && m.dst === addr.local) localGone = true;
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
      }
    }
    const stillLocal = this.netns.addrs.some((a) => a !== addr && a.local === addr.local);
    if (localGone && !stillLocal) {
      const main = this.tables.get(RT_TABLE_MAIN);
      for (const r of main?.list() ?? []) if (r.prefsrc === addr.local) main!.remove(r);
    }
  }

  /** A device went up or down, or lost carrier (NETDEV_UP/DOWN/CHANGE). */
  linkChanged(link: Link): void {
    routesChanged();
    const was = this.wasUp.get(link) ?? false;
    this.wasUp.set(link, link.adminUp);
    if (was && !link.adminUp) this.syncDown(link, false);
    else if (!was && link.adminUp) for (const a of this.netns.addrsOf(link)) this.addressAdded(a);
  }

  /** NETDEV_UNREGISTER: every route through the device goes. */
  linkRemoved(link: Link): void {
    routesChanged();
    this.syncDown(link, true);
    this.wasUp.delete(link);
  }

  /** fib_sync_down_dev + fib_flush: host-scope nexthops survive a plain down. */
  private syncDown(link: Link, force: boolean): void {
    for (const t of this.tables.values()) {
      for (const r of t.list()) if (r.dev === link && (force || r.nhScope !== RT_SCOPE_NOWHERE)) t.remove(r);
    }
  }
}

/** fib_valid_key_len: host bits must be clear. */
function checkKey(dst: IPv4, len: number): void {
  if (len < 32 && (len === 0 ? dst : (dst << len) >>> 0) !== 0)
    failExt('EINVAL', 'Invalid prefix for given prefix length');
}
