import { prefixContains } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import { SCOPE_VALUE } from '../addr.js';
import { RT_SCOPE_HOST, RT_SCOPE_LINK } from './route.js';

/**
 * inet_select_addr: the first primary address of `dev` whose scope is at
 * least as wide as `scope`, preferring one whose subnet holds `dst`; else
 * the first suitable non-link-scope primary of any device (lo first).
 * 0 when there is none.
 */
export function inetSelectAddr(netns: Netns, dev: Link | null, dst: IPv4, scope: number): IPv4 {
  let addr = 0;
  if (dev) {
    for (const ifa of netns.addrsOf(dev)) {
      if (ifa.secondary) continue;
      if (Math.min(SCOPE_VALUE[ifa.scope], RT_SCOPE_HOST) > scope) continue;
      if (!dst || prefixContains({ addr: ifa.address, len: ifa.prefixLen }, dst)) return ifa.local;
      if (!addr) addr = ifa.local;
    }
    if (addr) return addr;
  }
  for (const link of netns.linkList()) {
    for (const ifa of netns.addrsOf(link)) {
      if (ifa.secondary) continue;
      const s = SCOPE_VALUE[ifa.scope];
      if (s !== RT_SCOPE_LINK && s <= scope) return ifa.local;
    }
  }
  return 0;
}

/** __ip_dev_find: whether some device of the namespace has this exact local address. */
export function isLocalAddress(netns: Netns, addr: IPv4): boolean {
  return netns.addrs.some((ifa) => ifa.local === addr);
}
