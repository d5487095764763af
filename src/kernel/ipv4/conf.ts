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

export const conf = (netns: Netns, link: Link, key: Ipv4ConfKey): number => netns.sysctl.ipv4Conf(link, key);

/** Namespace-wide `net.ipv4.*` integers the ICMP code reads. */
export type Ipv4IntKey =
  | 'icmp_echo_ignore_all'
  | 'icmp_echo_ignore_broadcasts'
  | 'icmp_errors_use_inbound_ifaddr'
  | 'icmp_ratelimit'
  | 'icmp_ratemask'
  | 'icmp_msgs_per_sec'
  | 'icmp_msgs_burst';

export const ipv4Int = (netns: Netns, key: Ipv4IntKey): number => netns.sysctl.int(`net.ipv4.${key}`);
