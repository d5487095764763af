/**
 * How the kernel combines net.ipv4.conf.all.KEY with net.ipv4.conf.DEV.KEY
 * (include/linux/inetdevice.h: IN_DEV_ORCONF, IN_DEV_ANDCONF, IN_DEV_MAXCONF,
 * IN_DEV_CONF_GET).
 */
type Combine = 'or' | 'and' | 'max' | 'dev';

const RULES: Record<string, Combine> = {
  forwarding: 'dev',
  mc_forwarding: 'and',
  bc_forwarding: 'and',
  rp_filter: 'max',
  src_valid_mark: 'or',
  accept_source_route: 'and',
  accept_local: 'or',
  bootp_relay: 'and',
  log_martians: 'or',
  proxy_arp: 'or',
  proxy_arp_pvlan: 'or',
  shared_media: 'or',
  send_redirects: 'or',
  secure_redirects: 'or',
  tag: 'dev',
  medium_id: 'dev',
  promote_secondaries: 'or',
  route_localnet: 'or',
  ignore_routes_with_linkdown: 'or',
  arp_filter: 'or',
  arp_accept: 'max',
  arp_announce: 'max',
  arp_ignore: 'max',
  arp_notify: 'max',
  arp_evict_nocarrier: 'and',
  drop_unicast_in_l2_multicast: 'or',
  drop_gratuitous_arp: 'or',
  disable_policy: 'dev',
  disable_xfrm: 'dev',
  force_igmp_version: 'dev',
};

export function combineIpv4Conf(key: string, all: (k: string) => number, dev: (k: string) => number): number {
  if (key === 'accept_redirects') {
    // IN_DEV_RX_REDIRECTS: a forwarding device needs both, a host either.
    const a = all(key);
    const d = dev(key);
    return dev('forwarding') ? (a && d ? 1 : 0) : a || d ? 1 : 0;
  }
  switch (RULES[key] ?? 'dev') {
    case 'or':
      return all(key) || dev(key) ? 1 : 0;
    case 'and':
      return all(key) && dev(key) ? 1 : 0;
    case 'max':
      return Math.max(all(key), dev(key));
    case 'dev':
      return dev(key);
  }
}
