import type { Link } from '../link/link.js';
import type { Netns } from '../netns.js';

/** Kernel defaults of net.ipv4.neigh.default.* (arp_tbl.parms), used while a key reads 0. */
const DEFAULTS: Record<string, number> = {
  base_reachable_time_ms: 30000,
  delay_first_probe_time: 5,
  retrans_time_ms: 1000,
  ucast_solicit: 3,
  mcast_solicit: 3,
  mcast_resolicit: 0,
  app_solicit: 0,
  gc_stale_time: 60,
  unres_qlen_bytes: 212992,
  locktime: 100,
};

/** Keys that may legitimately be 0; the others fall back to the default when the store says 0. */
const ZERO_OK = new Set(['app_solicit', 'mcast_resolicit']);

/** The neighbour parameters of one device, in milliseconds and counts. */
export interface NeighParams {
  baseReachableMs: number;
  delayFirstProbeMs: number;
  retransMs: number;
  ucastProbes: number;
  mcastProbes: number;
  mcastReprobes: number;
  appProbes: number;
  queueLenBytes: number;
  locktimeMs: number;
}

function param(netns: Netns, link: Link, key: string): number {
  const value = netns.sysctl.neighParam(link, key);
  return value === 0 && !ZERO_OK.has(key) ? DEFAULTS[key] : value;
}

export function neighParams(netns: Netns, link: Link): NeighParams {
  return {
    baseReachableMs: param(netns, link, 'base_reachable_time_ms'),
    delayFirstProbeMs: param(netns, link, 'delay_first_probe_time') * 1000,
    retransMs: param(netns, link, 'retrans_time_ms'),
    ucastProbes: param(netns, link, 'ucast_solicit'),
    mcastProbes: param(netns, link, 'mcast_solicit'),
    mcastReprobes: param(netns, link, 'mcast_resolicit'),
    appProbes: param(netns, link, 'app_solicit'),
    queueLenBytes: param(netns, link, 'unres_qlen_bytes'),
    locktimeMs: param(netns, link, 'locktime') * 10,
  };
}
