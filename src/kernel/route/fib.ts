import type { Netns } from '../netns.js';
import type { IfAddr } from '../addr.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { ErrnoName } from '../errno.js';

export type RouteType =
  | 'unicast'
  | 'local'
  | 'broadcast'
  | 'multicast'
  | 'blackhole'
  | 'unreachable'
  | 'prohibit'
  | 'throw';

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
}

export type FibLookup = { ok: true; result: FibResult } | { ok: false; error: ErrnoName };

/**
 * Routing tables and policy rules of one namespace (the FIB). Owned by the
 * routing work; devinet and links notify it as the kernel's fib_netdev and
 * fib_inetaddr notifiers do.
 */
export class Fib {
  constructor(readonly netns: Netns) {}

  /**
   * Policy rules then longest-prefix match (fib_lookup). ENETUNREACH when no
   * route, EHOSTUNREACH/EACCES/EINVAL for unreachable/prohibit/blackhole routes.
   */
  lookup(_flow: Flow): FibLookup {
    return { ok: false, error: 'ENETUNREACH' };
  }

  /** fib_add_ifaddr: local, broadcast and prefix routes for a new address. */
  addressAdded(_addr: IfAddr): void {}

  /** fib_del_ifaddr. */
  addressRemoved(_addr: IfAddr): void {}

  /** A device went up or down, or lost carrier (NETDEV_UP/DOWN/CHANGE). */
  linkChanged(_link: Link): void {}

  /** NETDEV_UNREGISTER: every route through the device goes. */
  linkRemoved(_link: Link): void {}
}
