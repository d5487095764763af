import type { Netns } from './netns.js';
import type { Link } from './link/link.js';

/**
 * The per-namespace `net.*` sysctls (/proc/sys/net). Owned by the sysctl
 * work: key registry, kernel defaults, per-device `conf` and `neigh` trees.
 */
export class Sysctl {
  constructor(readonly netns: Netns) {}

  /**
   * The effective IPv4 `conf` value for a device, combining `all` and the
   * device's own entry the way the kernel does for that key
   * (IN_DEV_FORWARD, IN_DEV_RPFILTER = max, IN_DEV_ACCEPT_LOCAL = or, ...).
   */
  ipv4Conf(_link: Link, _key: string): number {
    return 0;
  }

  /** The text value of a key (dotted form, e.g. `net.ipv4.ip_forward`), or undefined if it does not exist. */
  get(_key: string): string | undefined {
    return undefined;
  }

  /** Writes a key as `sysctl -w` and `echo > /proc/sys/...` do; throws KernelError (ENOENT, EINVAL). */
  set(_key: string, _value: string): void {}

  /** A neighbour parameter for a device, e.g. `ucast_solicit`, `retrans_time_ms` (net.ipv4.neigh.DEV.*). */
  neighParam(_link: Link, _key: string): number {
    return 0;
  }

  /** `net.ipv4.ip_forward` and other plain integer keys. */
  int(_key: string): number {
    return 0;
  }
}
