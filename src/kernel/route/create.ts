import type { IPv4 } from '../../net/ipv4.js';
import { isMulticast, isZeronet, LIMITED_BROADCAST } from '../../net/ipv4.js';
import type { Link } from '../link/link.js';
import { fail } from '../errno.js';
import { failExt } from './error.js';
import type { RouteType } from './fib.js';
import type { Route } from './route.js';
import {
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  TYPE_PROPS,
} from './route.js';
import type { FibState } from './lookup.js';
import { fibLookup, lookupTables, universeKey } from './lookup.js';

/** An RTM_NEWROUTE request (struct fib_config) before validation: a route minus what validation derives. */
export type RouteConfig = Omit<Route, 'nhScope'>;

/**
 * __inet_dev_addr_type over one table: what kind of address `addr` is
 * (local, broadcast, or unicast for anything else), optionally only
 * counting routes through `dev`.
 */
export function addrType(fib: FibState, addr: IPv4, tableId: number, dev: Link | null): RouteType {
  if (isZeronet(addr) || addr === LIMITED_BROADCAST) return 'broadcast';
  if (isMulticast(addr)) return 'multicast';
  const table = fib.table(tableId);
  if (!table) return 'broadcast';
  const hit = lookupTables([table], { dst: addr, tos: 0, oif: null, scope: RT_SCOPE_UNIVERSE });
  if (hit.kind === 'route' && (!dev || hit.route.dev === dev)) return hit.route.type;
  return 'unicast';
}

/** fib_create_info: validates the request and resolves the nexthop the way the kernel does. */
export function createRoute(fib: FibState, cfg: RouteConfig): Route {
  const props = TYPE_PROPS[cfg.type];
  if (props.scope > cfg.scope) failExt('EINVAL', 'Invalid scope');
  if (props.error) {
    if (cfg.gateway !== null || cfg.dev)
      failExt('EINVAL', 'Gateway, device and multipath can not be specified for this route type');
    return routeOf(cfg, null, null, false, RT_SCOPE_UNIVERSE);
  }
  if (cfg.scope > RT_SCOPE_HOST) failExt('EINVAL', 'Invalid scope');
  let nh: { dev: Link; nhScope: number };
  if (cfg.scope === RT_SCOPE_HOST) {
    if (cfg.gateway !== null) failExt('EINVAL', 'Route with host scope can not have a gateway');
    if (!cfg.dev) fail('ENODEV');
    nh = { dev: cfg.dev, nhScope: RT_SCOPE_NOWHERE };
  } else if (cfg.gateway !== null) {
    nh = checkGateway(fib, cfg, cfg.gateway);
  } else {
    if (cfg.onlink) failExt('EINVAL', 'Invalid flags for nexthop - PERVASIVE and ONLINK can not be set');
    if (!cfg.dev) fail('ENODEV');
    if (!cfg.dev.adminUp) failExt('ENETDOWN', 'Device for nexthop is not up');
    nh = { dev: cfg.dev, nhScope: RT_SCOPE_LINK };
  }
  if (cfg.prefsrc !== null && !validPrefsrc(fib, cfg, cfg.prefsrc))
    failExt('EINVAL', 'Invalid prefsrc address');
  return routeOf(cfg, nh.dev, cfg.gateway, cfg.onlink, nh.nhScope);
}

/**
 * The route as one literal of fixed shape: a spread of the request would
 * copy whatever else it carries and make a larger, slower object, and a
 * cluster's nodes hold a million of these.
 */
const routeOf = (
  cfg: RouteConfig,
  dev: Link | null,
  gateway: IPv4 | null,
  onlink: boolean,
  nhScope: number,
): Route => ({
  table: cfg.table,
  type: cfg.type,
  dst: cfg.dst,
  len: cfg.len,
  tos: cfg.tos,
  priority: cfg.priority,
  protocol: cfg.protocol,
  scope: cfg.scope,
  prefsrc: cfg.prefsrc,
  dev,
  gateway,
  onlink,
  nhScope,
});

/** fib_check_nh_v4_gw: an onlink gateway must be unicast on the device; otherwise reachable through a link/host-scope route. */
function checkGateway(fib: FibState, cfg: RouteConfig, gw: IPv4): { dev: Link; nhScope: number } {
  if (cfg.onlink) {
    if (cfg.scope >= RT_SCOPE_LINK) failExt('EINVAL', 'Nexthop has invalid scope');
    if (!cfg.dev) failExt('ENODEV', 'Nexthop device required for onlink');
    if (!cfg.dev.adminUp) failExt('ENETDOWN', 'Nexthop device is not up');
    if (addrType(fib, gw, RT_TABLE_LOCAL, cfg.dev) !== 'unicast')
      failExt('EINVAL', 'Nexthop has invalid gateway');
    return { dev: cfg.dev, nhScope: RT_SCOPE_LINK };
  }
  const scope = Math.max(cfg.scope + 1, RT_SCOPE_LINK);
  const flow = { dst: gw, tos: 0, oif: cfg.dev, scope };
  let found: { route: Route } | null = null;
  const own = cfg.table !== RT_TABLE_MAIN ? fib.table(cfg.table) : undefined;
  if (own) {
    const hit = own.lookup(flow);
    if (hit.kind === 'route') found = hit;
  }
  if (!found) {
    const res = fibLookup(fib, universeKey(gw, { oif: cfg.dev, scope }));
    if (!res.ok) failExt(res.error, 'Nexthop has invalid gateway');
    found = res;
  }
  const r = found.route;
  if (r.type !== 'unicast' && r.type !== 'local') failExt('EINVAL', 'Nexthop has invalid gateway');
  if (!r.dev) failExt('EINVAL', 'No egress device for nexthop gateway');
  if (!r.dev.adminUp) fail('ENETDOWN');
  return { dev: r.dev, nhScope: r.scope };
}

/** fib_valid_prefsrc: the preferred source must be a local address. */
function validPrefsrc(fib: FibState, cfg: RouteConfig, prefsrc: IPv4): boolean {
  if (cfg.type === 'local' && cfg.dst && cfg.dst === prefsrc) return true;
  const tb = cfg.table === RT_TABLE_MAIN ? RT_TABLE_LOCAL : cfg.table;
  let rc = addrType(fib, prefsrc, tb, null);
  if (rc !== 'local' && tb !== RT_TABLE_LOCAL) rc = addrType(fib, prefsrc, RT_TABLE_LOCAL, null);
  return rc === 'local';
}
