import type { Netns } from '../netns.js';

/**
 * The retransmission timeout: RFC 6298 as Linux computes it
 * (tcp_rtt_estimator, __tcp_set_rto), and the retry budgets of
 * tcp_write_timeout (tcp_model_timeout).
 */

/** HZ of the reference kernel (CONFIG_HZ=250): timers run in 4 ms jiffies. */
export const JIFFY_MS = 4;
/** TCP_TIMEOUT_INIT: the RTO before any RTT sample (SYN, SYN-ACK). */
export const RTO_INIT_MS = 1000;
/** TCP_RTO_MAX. */
export const RTO_MAX_MS = 120_000;

/** usecs_to_jiffies: rounded up to a whole jiffy, in ms. */
export const jiffiesCeilMs = (us: number): number => Math.ceil(us / (JIFFY_MS * 1000)) * JIFFY_MS;

/** net.ipv4.tcp_rto_min_us (TCP_RTO_MIN, 200 ms, unless changed). */
export function rtoMinUs(netns: Netns): number {
  return netns.sysctl.int('net.ipv4.tcp_rto_min_us');
}

/**
 * Smoothed RTT and variance (RFC 6298 2.2-2.3) with Linux's floor: the
 * variance term never goes below tcp_rto_min, so on a LAN the RTO is
 * 200 ms plus the RTT, rounded up to a jiffy (`ss -i` shows rto:204 on a veth).
 */
export class RttEstimator {
  srttUs = 0;
  rttvarUs = 0;
  rtoMs = RTO_INIT_MS;
  /** tcp_min_rtt: the smallest sample (its 5-minute window never expires on a lab's time scale). */
  minRttUs = Infinity;

  constructor(private readonly minUs: number) {}

  /** One RTT measurement (tcp_rtt_estimator). Samples below 1 us count as 1 us. */
  sample(rttUs: number): void {
    const m = Math.max(1, rttUs);
    this.minRttUs = Math.min(this.minRttUs, m);
    if (this.srttUs === 0) {
      this.srttUs = m;
      this.rttvarUs = m / 2;
    } else {
      this.rttvarUs = (3 * this.rttvarUs) / 4 + Math.abs(this.srttUs - m) / 4;
      this.srttUs = (7 * this.srttUs) / 8 + m / 8;
    }
    this.rtoMs = Math.min(RTO_MAX_MS, jiffiesCeilMs(this.srttUs + Math.max(4 * this.rttvarUs, this.minUs)));
  }

  /**
   * The tail loss probe timeout (tcp_schedule_loss_probe): two RTTs, plus
   * tcp_rto_min when a single segment is out, never later than the RTO.
   */
  probeTimeoutMs(packetsOut: number, rtoLeftMs: number): number {
    if (this.srttUs === 0) return Math.min(RTO_INIT_MS, rtoLeftMs);
    const extra = packetsOut === 1 ? this.minUs / 1000 : 2 * JIFFY_MS;
    return Math.min(jiffiesCeilMs(2 * this.srttUs) + extra, rtoLeftMs);
  }
}

/**
 * tcp_model_timeout: how long `boundary` retransmissions take with
 * exponential backoff from `rtoBaseMs`, capped at TCP_RTO_MAX. tcp_retries2
 * (15) gives 924.6 s with the 200 ms base.
 */
export function modelTimeoutMs(boundary: number, rtoBaseMs: number): number {
  const thresh = Math.floor(Math.log2(RTO_MAX_MS / rtoBaseMs));
  if (boundary <= thresh) return (2 ** (boundary + 1) - 1) * rtoBaseMs;
  return (2 ** (thresh + 1) - 1) * rtoBaseMs + (boundary - thresh) * RTO_MAX_MS;
}

/** tcp_orphan_retries: the retry budget of a closed socket (0 in the sysctl means 8 while the RTO can still grow). */
export function orphanRetries(netns: Netns, alive: boolean): number {
  const retries = netns.sysctl.int('net.ipv4.tcp_orphan_retries');
  return retries === 0 && alive ? 8 : retries;
}
