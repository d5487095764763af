import type { Clock } from '../clock.js';

/**
 * The per-connection counters and stamps that tcp_get_info reports and
 * `ss -i` prints (struct tcp_sock's RFC 4898 statistics, the delayed-ACK
 * state, the delivery-rate sample). TcpSocket feeds it from its input and
 * output paths; diag.ts turns it into a tcp_info.
 */

/** TCP_ATO_MIN (HZ/25): the delayed-ACK timeout after the first data, in ms. */
export const ATO_MIN_MS = 40;
/** TCP_MSS_DEFAULT: the receive MSS guessed at establishment. */
export const MSS_DEFAULT = 536;
/** TCP_MIN_MSS: icsk_ack.rcv_mss before establishment. */
export const MIN_MSS = 88;
const JIFFY_MS = 4;

/** The sender state tcp_get_info reads from the socket itself, beside TcpStats. */
export interface TcpDiagState {
  /** Past the handshake: a full connection (tcp_init_transfer ran). */
  readonly synchronized: boolean;
  readonly cwnd: number;
  /** Smoothed RTT and its mean deviation in us (0: no sample), the minimum sample, the RTO in ms. */
  readonly srttUs: number;
  readonly rttvarUs: number;
  readonly minRttUs: number;
  readonly rtoMs: number;
  /** icsk_backoff: exponential backoffs of the RTO in effect. */
  readonly backoff: number;
  /** packets_out, retrans_out, lost_out. */
  readonly packetsOut: number;
  readonly retransOut: number;
  readonly lostOut: number;
  /** The route's MTU (dst_mtu) and the peer's MSS option. */
  readonly pathMtu: number;
  readonly peerMss: number;
  /** Window scales: the peer's and ours (null: not negotiated). */
  readonly sndWscale: number | null;
  readonly rcvWscale: number;
  /** The window our SYN offered (rcv_wnd before establishment). */
  readonly synWindow: number;
  /** Our FIN is acknowledged: nothing more to send. */
  readonly finAcked: boolean;
}

export class TcpStats {
  bytesSent = 0;
  bytesRetrans = 0;
  bytesAcked = 0;
  bytesReceived = 0;
  segsOut = 0;
  segsIn = 0;
  dataSegsOut = 0;
  dataSegsIn = 0;
  totalRetrans = 0;
  /** tp->delivered: packets the peer acknowledged, the handshake's SYN (or SYN-ACK) included. */
  delivered = 0;
  /** Data packets acknowledged since establishment (BBR's startup grows its window by them). */
  dataDelivered = 0;
  /** lsndtime, icsk_ack.lrcvtime, rcv_tstamp in virtual ms; null: never (0 jiffies in Linux). */
  lastDataSent: number | null = null;
  lastDataRecv: number | null = null;
  lastAckRecv: number | null = null;
  /** icsk_ack.ato in ms: 0 until data arrives. */
  atoMs = 0;
  /** icsk_ack.rcv_mss. */
  rcvMss = MIN_MSS;
  /** The last delivery-rate sample: packets over microseconds (rate_delivered, rate_interval_us). */
  rateDelivered = 0;
  rateIntervalUs = 0;
  /** BBR's max bandwidth filter, in packets per second. */
  maxBwPps = 0;
  /** tcp_cong_control has run once: an ACK found packets in flight after establishment. */
  congControlled = false;
  /** snd_ssthresh once a loss set it (TCP_INFINITE_SSTHRESH until then). */
  ssthresh: number | null = null;
  /** snd_wnd: the peer's last window, scaled. */
  sndWnd = 0;
  /** tcp_chrono busy time: jiffies with data in flight, and when the current period started. */
  busyJiffies = 0;
  private busySince: number | null = null;

  constructor(private readonly clock: Clock) {}

  /** tcp_transmit_skb: `segs` segments of `len` payload bytes left (a retransmission when `retrans`). */
  sent(len: number, segs: number, retrans: boolean): void {
    this.segsOut += segs;
    if (retrans) this.totalRetrans += segs;
    if (len === 0) return;
    this.dataSegsOut += segs;
    this.bytesSent += len;
    if (retrans) this.bytesRetrans += len;
    this.lastDataSent = this.clock.now;
  }

  /** tcp_segs_in: one (GSO) segment arrived. */
  received(len: number, segs: number): void {
    this.segsIn += segs;
    if (len > 0) this.dataSegsIn += segs;
  }

  /** tcp_finish_connect / the SYN-RECV branch of tcp_rcv_state_process: the handshake's stamps. */
  established(mss: number): void {
    const now = this.clock.now;
    this.lastDataSent = this.lastDataRecv = this.lastAckRecv = now;
    this.delivered++;
    this.rcvMss = Math.max(MIN_MSS, Math.min(mss, MSS_DEFAULT));
  }

  /**
   * tcp_ack: `bytes` of sequence space and `packets` packets (`dataPackets`
   * with data) newly acknowledged, the newest of them sent at `sentAt`; they
   * were outstanding before (so tcp_cong_control runs); `minRttUs`: tcp_min_rtt.
   */
  acked(bytes: number, packets: number, dataPackets: number, sentAt: number | null, minRttUs: number): void {
    const now = this.clock.now;
    this.bytesAcked += bytes;
    this.delivered += packets;
    this.dataDelivered += dataPackets;
    if (packets > 0) this.congControlled = true;
    if (dataPackets > 0 && sentAt !== null) {
      // tcp_rate_gen: the interval runs from the send to this ACK, never below the minimum RTT.
      const interval = Math.max(1, Math.round((now - sentAt) * 1000), minRttUs === Infinity ? 1 : minRttUs);
      this.rateDelivered = dataPackets;
      this.rateIntervalUs = interval;
      this.maxBwPps = Math.max(this.maxBwPps, (dataPackets * 1e6) / interval);
    }
  }

  /**
   * tcp_event_data_recv and tcp_measure_rcv_mss: `len` in-order payload bytes
   * (`gsoSize` per segment), `remnant` when the segment has PSH or FIN.
   */
  dataReceived(len: number, gsoSize: number, remnant: boolean, rtoMs: number, advmss: number): void {
    const now = this.clock.now;
    this.bytesReceived += len;
    const lss = Math.min(len, gsoSize);
    if (lss >= this.rcvMss) this.rcvMss = Math.min(lss, advmss);
    else if (lss + 32 >= MSS_DEFAULT + 20 || (lss + 32 >= MIN_MSS + 20 && !remnant)) this.rcvMss = lss;
    if (this.atoMs === 0) this.atoMs = ATO_MIN_MS;
    else {
      const m = jiffiesBetween(this.lastDataRecv ?? now, now) * JIFFY_MS;
      if (m <= ATO_MIN_MS / 2) this.atoMs = jiffyFloor(this.atoMs / 2) + ATO_MIN_MS / 2;
      else if (m < this.atoMs) this.atoMs = Math.min(jiffyFloor(this.atoMs / 2) + m, rtoMs);
    }
    this.lastDataRecv = now;
  }

  /** A FIN took one more sequence number (tcp_rcv_nxt_update counts it). */
  finReceived(): void {
    this.bytesReceived++;
  }

  /** The delayed-ACK timer fired in pingpong mode: it leaves pingpong, ato back to TCP_ATO_MIN. */
  delackFired(): void {
    this.atoMs = ATO_MIN_MS;
  }

  /** tcp_chrono_start/stop (TCP_CHRONO_BUSY): whether data is in flight now. */
  busy(inFlight: boolean): void {
    const now = this.clock.now;
    if (inFlight && this.busySince === null) this.busySince = now;
    else if (!inFlight && this.busySince !== null) {
      this.busyJiffies += jiffiesBetween(this.busySince, now);
      this.busySince = null;
    }
  }

  /** The busy time so far, the current period included, in jiffies. */
  busyTotal(): number {
    return this.busyJiffies + (this.busySince === null ? 0 : jiffiesBetween(this.busySince, this.clock.now));
  }
}

const jiffiesBetween = (from: number, to: number): number =>
  Math.floor(to / JIFFY_MS) - Math.floor(from / JIFFY_MS);
const jiffyFloor = (ms: number): number => Math.floor(ms / JIFFY_MS) * JIFFY_MS;

/** ssthresh after a loss (icsk_ca_ops->ssthresh), by congestion control; null: unchanged (BBR). */
export function lossSsthresh(cc: string, cwnd: number, current: number | null): number | null {
  if (cc === 'bbr') return current;
  // bictcp_recalc_ssthresh: beta 717/1024; tcp_reno_ssthresh: half.
  const next = cc === 'cubic' ? Math.floor((cwnd * 717) / 1024) : cwnd >> 1;
  return Math.max(next, 2);
}
