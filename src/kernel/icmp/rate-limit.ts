import type { Netns } from '../netns.js';
import { ipv4Int } from '../ipv4/conf.js';
import { ICMP, UNREACH, NR_ICMP_TYPES } from './types.js';

/** icmpv4_mask_allow: types outside icmp_ratemask (and PMTU discovery) are never limited. */
export function maskAllows(netns: Netns, type: number, code: number): boolean {
  if (type > NR_ICMP_TYPES) return true;
  if (type === ICMP.DEST_UNREACH && code === UNREACH.FRAG_NEEDED) return true;
  return ((1 << type) & ipv4Int(netns, 'icmp_ratemask')) === 0;
}

/**
 * The per-namespace icmp_msgs_per_sec / icmp_msgs_burst bucket
 * (icmp_global_allow + icmp_global_consume): refilled at most every 20 ms,
 * each message costs a random 0..2 credits.
 */
export class IcmpGlobalLimit {
  private credit: number | null = null;
  private stamp = 0;

  allow(netns: Netns, now: number): boolean {
    if (this.credit === null) {
      this.credit = ipv4Int(netns, 'icmp_msgs_burst');
      this.stamp = now;
    }
    const delta = Math.min(now - this.stamp, 1000);
    if (delta < 20) return this.credit > 0;
    const incr = Math.floor((ipv4Int(netns, 'icmp_msgs_per_sec') * delta) / 1000);
    if (incr > 0) {
      this.stamp = now;
      this.credit = Math.min(this.credit + incr, ipv4Int(netns, 'icmp_msgs_burst'));
    }
    return this.credit > 0;
  }

  consume(netns: Netns): void {
    this.credit = Math.max((this.credit ?? 0) - netns.world.rng.below(3), 0);
  }
}
