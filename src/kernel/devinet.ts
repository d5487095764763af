import type { Netns } from './netns.js';
import type { Link } from './link/link.js';
import type { IfAddr, Scope } from './addr.js';
import { SCOPE_VALUE } from './addr.js';
import type { IPv4 } from '../net/ipv4.js';
import { failExt } from './route/error.js';
import { routesChanged } from './route/generation.js';

/** An RTM_NEWADDR request for IPv4. */
export interface AddrRequest {
  readonly local: IPv4;
  readonly prefixLen: number;
  /** IFA_ADDRESS when it differs from local (`peer`). */
  readonly peer?: IPv4 | null;
  readonly broadcast?: IPv4 | null;
  readonly scope?: Scope;
  readonly label?: string;
  readonly noPrefixRoute?: boolean;
}

/** An RTM_DELADDR request: only the attributes given are compared. */
export interface AddrMatch {
  readonly local?: IPv4;
  readonly prefixLen?: number;
  /** IFA_ADDRESS; compared together with prefixLen. */
  readonly address?: IPv4;
  readonly label?: string;
}

const maskOf = (len: number): number => (len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0);

/** inet_ifa_match: `addr` is in ifa's subnet. */
const ifaMatch = (addr: IPv4, ifa: IfAddr): boolean => ((addr ^ ifa.address) & maskOf(ifa.prefixLen)) === 0;

const sameSubnet = (a: IfAddr, b: IfAddr): boolean => a.prefixLen === b.prefixLen && ifaMatch(a.address, b);

/** The device's addresses in list order, and where they sit in netns.addrs. */
function devList(netns: Netns, link: Link): IfAddr[] {
  return netns.addrs.filter((a) => a.link === link);
}

/** Rewrites the device's part of netns.addrs to `list`, keeping other devices' entries in place. */
function setDevList(netns: Netns, link: Link, list: IfAddr[]): void {
  routesChanged();
  const others = netns.addrs.filter((a) => a.link !== link);
  const byDev = new Map<Link, IfAddr[]>();
  for (const a of others) byDev.set(a.link, [...(byDev.get(a.link) ?? []), a]);
  byDev.set(link, list);
  netns.addrs.length = 0;
  for (const l of netns.linkList()) netns.addrs.push(...(byDev.get(l) ?? []));
}

/**
 * inet_insert_ifa: an address in the subnet of an existing one becomes its
 * secondary and goes last; a primary goes after the last primary of equal
 * or narrower scope. Same local in the same subnet is EEXIST.
 */
export function addAddress(netns: Netns, link: Link, req: AddrRequest): IfAddr {
  const ifa: IfAddr = {
    link,
    local: req.local,
    prefixLen: req.prefixLen,
    address: req.peer ?? req.local,
    broadcast: req.broadcast ?? null,
    scope: req.scope ?? 'global',
    label: req.label ?? link.name,
    secondary: false,
    noPrefixRoute: req.noPrefixRoute ?? false,
    validLft: 'forever',
    preferredLft: 'forever',
  };
  const list = devList(netns, link);
  let lastPrimary = 0;
  for (let i = 0; i < list.length; i++) {
    const other = list[i];
    if (!other.secondary && SCOPE_VALUE[ifa.scope] <= SCOPE_VALUE[other.scope]) lastPrimary = i + 1;
    if (sameSubnet(other, ifa)) {
      if (other.local === ifa.local) failExt('EEXIST', 'ipv4: Address already assigned');
      if (other.scope !== ifa.scope) failExt('EINVAL', 'ipv4: Invalid scope value');
      ifa.secondary = true;
    }
  }
  list.splice(ifa.secondary ? list.length : lastPrimary, 0, ifa);
  setDevList(netns, link, list);
  netns.fib.addressAdded(ifa);
  return ifa;
}

/** inet_rtm_deladdr: the first address matching the request goes; none is EADDRNOTAVAIL. */
export function deleteAddress(netns: Netns, link: Link, match: AddrMatch): IfAddr {
  const ifa = devList(netns, link).find(
    (a) =>
      (match.local === undefined || a.local === match.local) &&
      (match.label === undefined || a.label === match.label) &&
      (match.address === undefined || (a.prefixLen === match.prefixLen && ifaMatch(match.address, a))),
  );
  if (!ifa) failExt('EADDRNOTAVAIL', 'ipv4: Address not found');
  removeAddress(netns, ifa);
  return ifa;
}

/**
 * inet_del_ifa: deleting a primary deletes its secondaries, unless
 * promote_secondaries is on: then the first secondary becomes primary
 * (moved after the last primary of the same or narrower scope).
 */
export function removeAddress(netns: Netns, ifa: IfAddr): void {
  const link = ifa.link;
  let list = devList(netns, link);
  const index = list.indexOf(ifa);
  if (index < 0) return;
  let promote: IfAddr | null = null;
  /** The primary the promoted address goes after (null: the deleted address's own slot). */
  let anchor: IfAddr | null = null;
  let prevProm: IfAddr | null = null;
  if (!ifa.secondary) {
    const doPromote = netns.sysctl.ipv4Conf(link, 'promote_secondaries') !== 0;
    for (let i = index + 1; i < list.length; i++) {
      const other = list[i];
      if (!other.secondary && SCOPE_VALUE[ifa.scope] <= SCOPE_VALUE[other.scope]) anchor = other;
      if (!other.secondary || !sameSubnet(ifa, other)) {
        prevProm = other;
        continue;
      }
      if (doPromote) {
        promote = other;
        break;
      }
      list.splice(i--, 1);
      setDevList(netns, link, list);
      netns.fib.addressRemoved(other);
    }
  }
  const moved = promote ? list.slice(list.indexOf(promote)).filter((a) => sameSubnet(ifa, a)) : [];
  for (const a of moved) netns.fib.addressRemoved(a);
  list = list.filter((a) => a !== ifa);
  setDevList(netns, link, list);
  netns.fib.addressRemoved(ifa);
  if (!promote) return;
  if (prevProm) {
    list.splice(list.indexOf(promote), 1);
    list.splice(anchor ? list.indexOf(anchor) + 1 : index, 0, promote);
  }
  promote.secondary = false;
  setDevList(netns, link, list);
  for (const a of moved) netns.fib.addressAdded(a);
}

/** Every address of the device, as inetdev_destroy removes them (head first). */
export function removeAllAddresses(netns: Netns, link: Link): void {
  for (let list = devList(netns, link); list.length > 0; list = devList(netns, link))
    removeAddress(netns, list[0]);
}

/** inetdev_changename: the first label is the new name, the others keep their suffix or get `:N`. */
export function renameLabels(netns: Netns, link: Link, oldName: string): void {
  let named = 0;
  for (const a of devList(netns, link)) {
    const mutable = a as { label: string };
    const suffix = a.label.startsWith(oldName) ? a.label.slice(oldName.length) : '';
    if (named++ === 0) mutable.label = link.name;
    else mutable.label = link.name + (suffix.startsWith(':') ? suffix : `:${named - 1}`);
  }
}
