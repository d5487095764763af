import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';

/**
 * The IPv4 per-device conf keys this stack reads; the sysctl layer combines
 * `all` and the device entry the kernel's way (IN_DEV_FORWARD, IN_DEV_RPFILTER ...).
 */
export type Ipv4ConfKey =
  | 'forwarding'
  | 'rp_filter'
  | 'accept_local'
  | 'route_localnet'
  | 'send_redirects'
  | 'accept_redirects'
  | 'secure_redirects'
  | 'shared_media'
  | 'bc_forwarding';

/** Kernel defaults (ipv4_devconf), used while the sysctl registry does not know a key. */
export const CONF_DEFAULTS: Record<Ipv4ConfKey, number> = {
  forwarding: 0,
  rp_filter: 0,
  accept_local: 0,
  route_localnet: 0,
  send_redirects: 1,
  accept_redirects: 1,
  secure_redirects: 1,
  shared_media: 1,
  bc_forwarding: 0,
};

/** Which conf keys a registry knows: its key set never changes (a write cannot create one). */
const known = new WeakMap<object, Map<Ipv4ConfKey, boolean>>();

export function conf(netns: Netns, link: Link, key: Ipv4ConfKey): number {
  const sysctl = netns.sysctl;
  let keys = known.get(sysctl);
  if (!keys) known.set(sysctl, (keys = new Map()));
  let has = keys.get(key);
  if (has === undefined) keys.set(key, (has = sysctl.get(`net.ipv4.conf.all.${key}`) !== undefined));
  return has ? sysctl.ipv4Conf(link, key) : CONF_DEFAULTS[key];
}

/** Namespace-wide `net.ipv4.*` integers the ICMP code reads. */
export type Ipv4IntKey =
  | 'icmp_echo_ignore_all'
  | 'icmp_echo_ignore_broadcasts'
  | 'icmp_errors_use_inbound_ifaddr'
  | 'icmp_ratelimit'
  | 'icmp_ratemask'
  | 'icmp_msgs_per_sec'
  | 'icmp_msgs_burst';

const INT_DEFAULTS: Record<Ipv4IntKey, number> = {
  icmp_echo_ignore_all: 0,
  icmp_echo_ignore_broadcasts: 1,
  icmp_errors_use_inbound_ifaddr: 0,
  icmp_ratelimit: 1000,
  icmp_ratemask: 6168,
  icmp_msgs_per_sec: 1000,
  icmp_msgs_burst: 50,
};

export function ipv4Int(netns: Netns, key: Ipv4IntKey): number {
  const name = `net.ipv4.${key}`;
  return netns.sysctl.get(name) === undefined ? INT_DEFAULTS[key] : netns.sysctl.int(name);
}
