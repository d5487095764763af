import type { IPv4 } from '../net/ipv4.js';
import type { Link } from './link/link.js';

export type Scope = 'global' | 'site' | 'link' | 'host' | 'nowhere';

/** The numeric scopes of rtnetlink (RT_SCOPE_*), used for ordering and for `ip` output. */
export const SCOPE_VALUE: Record<Scope, number> = {
  global: 0,
  site: 200,
  link: 253,
  host: 254,
  nowhere: 255,
};

/** One IPv4 address on a device (struct in_ifaddr). */
export interface IfAddr {
  readonly link: Link;
  readonly local: IPv4;
  readonly prefixLen: number;
  /** Peer address for point-to-point configuration (`peer`), otherwise equal to local. */
  readonly address: IPv4;
  readonly broadcast: IPv4 | null;
  readonly scope: Scope;
  readonly label: string;
  /** IFA_F_SECONDARY: another primary covers the same subnet. */
  secondary: boolean;
  readonly noPrefixRoute: boolean;
  readonly validLft: number | 'forever';
  readonly preferredLft: number | 'forever';
}
