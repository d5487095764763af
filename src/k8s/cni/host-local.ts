/**
 * host-local IPAM (plugins/ipam/host-local): addresses from the node's
 * podCIDR, the gateway being its first address (`ip.NextIP(subnet)`), the
 * range starting after it. The cluster model has already decided each
 * pod's address the way host-local hands them out (in order from .2), so
 * here the pod asks for that address (host-local's `IP` CNI_ARGS) and the
 * plugin checks it is in range, as its allocator does.
 */
import {
  broadcastOf,
  formatIPv4,
  networkOf,
  parseIPv4,
  parsePrefix,
  prefixContains,
} from '../../net/ipv4.js';
import type { HostLocalConf } from './netconf.js';

export interface IpamResult {
  /** `10.244.0.2/24`: the address with the subnet's length, as CNI results carry it. */
  readonly address: string;
  readonly gateway: string;
}

export function hostLocalAdd(conf: HostLocalConf, requested: string): IpamResult {
  const subnet = parsePrefix(conf.subnet);
  const ip = parseIPv4(requested);
  if (!subnet || ip === null) throw new Error(`host-local: invalid subnet ${conf.subnet} or IP ${requested}`);
  const network = networkOf(subnet.addr, subnet.len);
  const gateway = (network + 1) >>> 0;
  if (!prefixContains(subnet, ip) || ip === network || ip === gateway || ip === broadcastOf(ip, subnet.len))
    throw new Error(
      `host-local: requested IP address ${requested} is not available in range set ${conf.subnet}`,
    );
  return { address: `${requested}/${subnet.len}`, gateway: formatIPv4(gateway) };
}
