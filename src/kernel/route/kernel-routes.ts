import { broadcastOf, isZeronet, networkOf, prefixContains } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { IfAddr } from '../addr.js';
import type { Netns } from '../netns.js';
import type { RouteType } from './fib.js';
import type { Route } from './route.js';
import {
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  RTPROT_KERNEL,
} from './route.js';

/** A route fib_add_ifaddr installs for an address (what fib_magic is called with). */
export interface MagicRoute {
  readonly type: RouteType;
  readonly dst: IPv4;
  readonly len: number;
}

/** inet_ifa_byprefix: the primary address of the secondary's subnet on the same device. */
export function primaryOf(netns: Netns, ifa: IfAddr, except?: IfAddr): IfAddr | null {
  if (!ifa.secondary) return ifa;
  for (const p of netns.addrsOf(ifa.link)) {
    if (p === except || p.secondary || p.prefixLen !== ifa.prefixLen) continue;
    if (prefixContains({ addr: p.address, len: p.prefixLen }, ifa.address)) return p;
  }
  return null;
}

/** The routes an address brings: its local route, and while the device is up its broadcasts and prefix route. */
export function magicRoutes(ifa: IfAddr, devUp: boolean): MagicRoute[] {
  const out: MagicRoute[] = [{ type: 'local', dst: ifa.local, len: 32 }];
  if (!devUp) return out;
  if (ifa.broadcast !== null && ifa.broadcast !== 0xffffffff && ifa.broadcast !== 0) {
    out.push({ type: 'broadcast', dst: ifa.broadcast, len: 32 });
  }
  const prefix = networkOf(ifa.address, ifa.prefixLen);
  if (!isZeronet(prefix) && !ifa.secondary && (prefix !== ifa.local || ifa.prefixLen < 32)) {
    if (!ifa.noPrefixRoute) {
      out.push({ type: ifa.link.kind === 'loopback' ? 'local' : 'unicast', dst: prefix, len: ifa.prefixLen });
    }
    if (ifa.prefixLen < 31)
      out.push({ type: 'broadcast', dst: broadcastOf(ifa.address, ifa.prefixLen), len: 32 });
  }
  return out;
}

/** fib_magic's route: proto kernel, src the primary address, in main for unicast and local otherwise. */
export function magicToRoute(m: MagicRoute, ifa: IfAddr, prim: IfAddr): Route {
  const scope = m.type === 'local' ? RT_SCOPE_HOST : RT_SCOPE_LINK;
  return {
    table: m.type === 'unicast' ? RT_TABLE_MAIN : RT_TABLE_LOCAL,
    type: m.type,
    dst: m.dst,
    len: m.len,
    tos: 0,
    priority: 0,
    protocol: RTPROT_KERNEL,
    scope,
    prefsrc: prim.local,
    dev: ifa.link,
    gateway: null,
    onlink: false,
    nhScope: scope === RT_SCOPE_HOST ? RT_SCOPE_NOWHERE : RT_SCOPE_LINK,
  };
}

export const sameMagic = (a: MagicRoute, b: MagicRoute): boolean =>
  a.type === b.type && a.dst === b.dst && a.len === b.len;
