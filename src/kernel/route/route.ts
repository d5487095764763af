import type { IPv4 } from '../../net/ipv4.js';
import type { Link } from '../link/link.js';
import type { RouteType } from './fib.js';

/** Reserved table ids (RT_TABLE_*). */
export const RT_TABLE_UNSPEC = 0;
export const RT_TABLE_DEFAULT = 253;
export const RT_TABLE_MAIN = 254;
export const RT_TABLE_LOCAL = 255;

/** Route origins (RTPROT_*) the kernel itself uses. */
export const RTPROT_KERNEL = 2;
export const RTPROT_BOOT = 3;

/** RT_SCOPE_* values: larger is narrower. */
export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;
export const RT_SCOPE_NOWHERE = 255;

/**
 * One route in one table (a fib_alias with its fib_info and single
 * nexthop). Immutable: replace swaps the whole object, so a route shared
 * by a result never changes under it.
 */
export interface Route {
  readonly table: number;
  readonly type: RouteType;
  readonly dst: IPv4;
  readonly len: number;
  readonly tos: number;
  /** `metric`/`priority`/`preference`. */
  readonly priority: number;
  readonly protocol: number;
  readonly scope: number;
  readonly prefsrc: IPv4 | null;
  readonly dev: Link | null;
  readonly gateway: IPv4 | null;
  readonly onlink: boolean;
  /** fib_nh_scope: how far the nexthop is (NOWHERE for host routes, which survive a device going down). */
  readonly nhScope: number;
}

/**
 * fib_props: the error a lookup hitting a route of this type returns, and
 * the narrowest scope the type allows. EAGAIN (throw) means "try the next rule".
 */
export const TYPE_PROPS: Record<
  RouteType,
  { error: 'EINVAL' | 'EHOSTUNREACH' | 'EACCES' | 'EAGAIN' | null; scope: number }
> = {
  unicast: { error: null, scope: RT_SCOPE_UNIVERSE },
  local: { error: null, scope: RT_SCOPE_HOST },
  broadcast: { error: null, scope: RT_SCOPE_LINK },
  multicast: { error: null, scope: RT_SCOPE_UNIVERSE },
  blackhole: { error: 'EINVAL', scope: RT_SCOPE_UNIVERSE },
  unreachable: { error: 'EHOSTUNREACH', scope: RT_SCOPE_UNIVERSE },
  prohibit: { error: 'EACCES', scope: RT_SCOPE_UNIVERSE },
  throw: { error: 'EAGAIN', scope: RT_SCOPE_UNIVERSE },
};

/** fib_info equality: same type and every attribute (what makes an insert a duplicate). */
export function sameRoute(a: Route, b: Route): boolean {
  return (
    a.type === b.type &&
    a.dst === b.dst &&
    a.len === b.len &&
    a.tos === b.tos &&
    a.priority === b.priority &&
    a.protocol === b.protocol &&
    a.scope === b.scope &&
    a.prefsrc === b.prefsrc &&
    a.dev === b.dev &&
    a.gateway === b.gateway &&
    a.onlink === b.onlink
  );
}

/**
 * RTNH_F_LINKDOWN as the kernel keeps it: set on nexthops of an admin-up
 * device without carrier, except host-scope nexthops (local routes).
 */
export function isLinkdown(route: Route): boolean {
  const dev = route.dev;
  return dev !== null && dev.adminUp && !dev.carrier && route.nhScope !== RT_SCOPE_NOWHERE;
}
