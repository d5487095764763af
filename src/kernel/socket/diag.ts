import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import { tcpTable } from './tcp.js';
import type { TcpSocket } from './tcp.js';
import { udpTable } from './udp.js';
import type { UdpSocket } from './udp.js';
import type { World } from '../world.js';
import { HZ, INITIAL_JIFFIES, jiffies } from '../jiffies.js';

/**
 * The order in which inet_diag (ss) and /proc/net/{tcp,udp} (netstat) walk
 * a namespace's sockets: hash bucket by hash bucket. Measured on Linux 6.x:
 * the order changes from one new namespace to the next, because every
 * bucket index mixes in net_hash_mix(net), a random value drawn when the
 * namespace is created. podpath draws it from the namespace's name, so a
 * lab orders its sockets the same way on every run.
 *
 * - TCP listeners come first, in lhash2 order: ipv4_portaddr_hash =
 *   jhash(addr, mix) ^ port; then every other socket (established,
 *   SYN-RECV and TIME-WAIT minisocks) in ehash order, a hash of the 4-tuple.
 * - UDP in udp_table slot order: (port + mix) & mask, a rotation of the
 *   ascending port order.
 * Inside one bucket the newest socket comes first (hlist_add_head).
 */
const BUCKET_MASK = 0xffff;

const mixes = new WeakMap<Netns, number>();

/** net_hash_mix(net), fixed per namespace. */
export function netHashMix(netns: Netns): number {
  let mix = mixes.get(netns);
  if (mix === undefined) {
    mix = 0x9e3779b9;
    for (const c of netns.name ?? '') mix = fmix32((mix ^ c.charCodeAt(0)) >>> 0);
    mixes.set(netns, mix);
  }
  return mix;
}

/** MurmurHash3's finalizer: a cheap stand-in for jhash with the same avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hash = (mix: number, ...words: number[]): number => words.reduce((h, w) => fmix32((h ^ w) >>> 0), mix);

function bucketOrder<S>(sockets: Iterable<S>, bucket: (s: S) => number): S[] {
  const list = [...sockets].map((s, i) => ({ s, i, b: bucket(s) }));
  list.sort((a, b) => a.b - b.b || b.i - a.i);
  return list.map((e) => e.s);
}

const listenBucket = (mix: number, addr: IPv4, port: number) =>
  ((hash(mix, addr) ^ port) & BUCKET_MASK) >>> 0;

/** inet_diag_dump_icsk: listeners by lhash2 bucket, then the ehash. */
export function tcpDumpOrder(netns: Netns): TcpSocket[] {
  const mix = netHashMix(netns);
  const all = [...tcpTable(netns).sockets];
  const listeners = bucketOrder(
    all.filter((s) => s.state === 'LISTEN'),
    (s) => listenBucket(mix, s.localAddr, s.localPort),
  );
  const others = bucketOrder(
    all.filter((s) => s.state !== 'LISTEN' && s.state !== 'CLOSE'),
    (s) => hash(mix, s.localAddr, s.remoteAddr, (s.localPort << 16) | s.remotePort) & BUCKET_MASK,
  );
  // A socket only bound (or closed) is in no hash the dump walks, as in Linux.
  return [...listeners, ...others];
}

/** udp_dump: udp_table slots in index order. */
export function udpDumpOrder(netns: Netns): UdpSocket[] {
  const mix = netHashMix(netns);
  return bucketOrder(udpTable(netns).sockets, (s) => (s.localPort + mix) & BUCKET_MASK);
}

/** TCP_INFINITE_SSTHRESH: no loss has set a slow-start threshold. */
const INFINITE_SSTHRESH = 0x7fffffff;
/** rcv_ssthresh once established with the default tcp_rmem, measured on a 1500-byte veth. */
const ESTABLISHED_RCV_SSTHRESH = 64088;
/** TCP_INIT_CWND. */
const INIT_CWND = 10;
/** bbr_high_gain (2/ln 2, in BBR_UNIT = 256ths), the gains of its startup phase. */
const BBR_HIGH_GAIN = 739;
/** bbr_pacing_margin_percent: BBR paces 1% below its estimate. */
const BBR_PACING_MARGIN = 0.99;

/** struct tcp_info, as much of it as `ss -i` prints (times in us, rates in bytes per second). */
export interface TcpInfo {
  readonly timestamps: boolean;
  readonly sack: boolean;
  /** [snd_wscale, rcv_wscale], or null when window scaling is off. */
  readonly wscale: readonly [number, number] | null;
  readonly rtoUs: number;
  readonly backoff: number;
  readonly rttUs: number;
  readonly rttvarUs: number;
  readonly atoUs: number;
  readonly sndMss: number;
  readonly rcvMss: number;
  readonly advmss: number;
  readonly pmtu: number;
  readonly cwnd: number;
  readonly ssthresh: number;
  readonly bytesSent: number;
  readonly bytesRetrans: number;
  readonly bytesAcked: number;
  readonly bytesReceived: number;
  readonly segsOut: number;
  readonly segsIn: number;
  readonly dataSegsOut: number;
  readonly dataSegsIn: number;
  /** jiffies_to_msecs(now - stamp): ms since the last data sent, data received, ACK received. */
  readonly lastDataSent: number;
  readonly lastDataRecv: number;
  readonly lastAckRecv: number;
  /** sk_pacing_rate; null for ~0 (unlimited, as a listener or a socket without an RTT has it). */
  readonly pacingRate: number | null;
  readonly deliveryRate: number;
  readonly delivered: number;
  readonly appLimited: boolean;
  readonly busyTimeUs: number;
  /** packets_out (a listener: its accept queue), retrans_out, total_retrans, lost_out. */
  readonly unacked: number;
  readonly retrans: number;
  readonly totalRetrans: number;
  readonly lost: number;
  /** A listener: its backlog (sk_max_ack_backlog). */
  readonly sacked: number;
  readonly reordering: number;
  readonly rcvRttUs: number;
  readonly rcvSpace: number;
  readonly rcvSsthresh: number;
  readonly notsent: number;
  /** tcp_min_rtt; null for ~0U (no sample). */
  readonly minRttUs: number | null;
  readonly sndWnd: number;
}

/** struct tcp_bbr_info (INET_DIAG_BBRINFO). */
export interface BbrInfo {
  /** bytes per second */
  readonly bw: number;
  readonly minRttUs: number;
  /** In 256ths (BBR_UNIT); 0 until BBR first ran on an ACK. */
  readonly pacingGain: number;
  readonly cwndGain: number;
}

/** What inet_diag answers about one TCP socket when asked for INET_DIAG_INFO and INET_DIAG_CONG. */
export interface TcpDiag {
  /** null for a TIME-WAIT or request minisocket, which carry no tcp_info. */
  readonly info: TcpInfo | null;
  readonly congestion: string | null;
  readonly bbr: BbrInfo | null;
}

/** u32 jiffies at virtual time `ms` (0 stands for a stamp never set, as in a zeroed tcp_sock). */
const stampJiffies = (ms: number | null): number =>
  ms === null ? 0 : (INITIAL_JIFFIES + Math.floor((ms * HZ) / 1000)) >>> 0;

/** jiffies_to_msecs(tcp_jiffies32 - stamp), in u32 arithmetic. */
function msSince(world: World, ms: number | null): number {
  const now = jiffies(world) >>> 0;
  return (((now - stampJiffies(ms)) >>> 0) * (1000 / HZ)) >>> 0;
}

/** inet_sk_diag_fill + tcp_diag_get_info (tcp_get_info) + the congestion control's get_info. */
export function tcpDiag(sock: TcpSocket): TcpDiag {
  if (sock.state === 'TIME-WAIT' || sock.state === 'SYN-RECV')
    return { info: null, congestion: null, bbr: null };
  const world = sock.netns.world;
  const reordering = sock.netns.sysctl.int('net.ipv4.tcp_reordering');
  const bbr = sock.congestion === 'bbr';
  if (sock.state === 'LISTEN') {
    // tcp_get_info reports only the window, reordering and pacing of a listener, and aliases its queue.
    const info: TcpInfo = {
      ...EMPTY_INFO,
      cwnd: INIT_CWND,
      reordering,
      unacked: sock.acceptQueue.length,
      sacked: sock.backlog,
    };
    return { info, congestion: sock.congestion, bbr: null };
  }
  const d = sock.diagState;
  const st = sock.stats;
  const synced = d.synchronized;
  const advmss = d.pathMtu - 40 - (synced ? 12 : 0);
  const sndMss = synced ? Math.min(d.pathMtu - 40, d.peerMss) - 12 : 536 - 12;
  // BBR's startup grows the window by every packet delivered while it is application-limited.
  const cwnd = bbr && synced && d.cwnd === INIT_CWND ? INIT_CWND + st.dataDelivered : d.cwnd;
  const srtt8 = Math.floor(d.srttUs * 8);
  const ssthresh = st.ssthresh ?? INFINITE_SSTHRESH;
  const bwBytes = st.maxBwPps * sndMss;
  let pacingRate: number | null = null;
  if (srtt8 > 0 && bbr) {
    // bbr_init_pacing_rate_from_rtt, raised by later bandwidth samples until the pipe is full.
    const initial = ((BBR_HIGH_GAIN / 256) * INIT_CWND * sndMss * 8e6 * BBR_PACING_MARGIN) / srtt8;
    pacingRate = Math.floor(Math.max(initial, (BBR_HIGH_GAIN / 256) * bwBytes * BBR_PACING_MARGIN));
  } else if (srtt8 > 0) {
    // tcp_update_pacing_rate: 200% of cwnd per RTT in slow start, 120% after.
    const ratio = cwnd < ssthresh / 2 ? 200 : 120;
    pacingRate = Math.floor((sndMss * 80_000 * ratio * Math.max(cwnd, d.packetsOut)) / srtt8);
  }
  const info: TcpInfo = {
    timestamps: synced,
    sack: synced,
    wscale: synced && d.sndWscale !== null ? [d.sndWscale, d.rcvWscale] : null,
    rtoUs: d.rtoMs * 1000,
    backoff: d.backoff,
    rttUs: Math.floor(d.srttUs),
    rttvarUs: Math.floor(d.rttvarUs),
    atoUs: st.atoMs * 1000,
    sndMss,
    rcvMss: st.rcvMss,
    advmss,
    pmtu: d.pathMtu,
    cwnd,
    ssthresh,
    bytesSent: st.bytesSent,
    bytesRetrans: st.bytesRetrans,
    bytesAcked: st.bytesAcked,
    bytesReceived: st.bytesReceived,
    segsOut: st.segsOut,
    segsIn: st.segsIn,
    dataSegsOut: st.dataSegsOut,
    dataSegsIn: st.dataSegsIn,
    lastDataSent: msSince(world, st.lastDataSent),
    lastDataRecv: msSince(world, st.lastDataRecv),
    lastAckRecv: msSince(world, st.lastAckRecv),
    pacingRate,
    deliveryRate:
      st.rateIntervalUs > 0 ? Math.floor((st.rateDelivered * sndMss * 1e6) / st.rateIntervalUs) : 0,
    delivered: st.delivered,
    // Lab traffic never fills the window: every rate sample is application-limited, until
    // the sample of our acknowledged FIN (measured: FIN-WAIT-2 shows no app_limited).
    appLimited: !d.finAcked,
    busyTimeUs: st.busyTotal() * (1e6 / HZ),
    unacked: d.packetsOut,
    retrans: d.retransOut,
    totalRetrans: st.totalRetrans,
    lost: d.lostOut,
    sacked: 0,
    reordering,
    rcvRttUs: 0,
    rcvSpace: synced ? INIT_CWND * advmss : 0,
    rcvSsthresh: synced ? ESTABLISHED_RCV_SSTHRESH : d.synWindow,
    notsent: 0,
    minRttUs: d.minRttUs === Infinity ? null : Math.floor(d.minRttUs),
    sndWnd: st.sndWnd,
  };
  // inet_sk_diag_fill asks the congestion control only below TCP_TIME_WAIT in the state numbering.
  const early = ['ESTABLISHED', 'SYN-SENT', 'FIN-WAIT-1', 'FIN-WAIT-2'].includes(sock.state);
  const bbrInfo: BbrInfo | null =
    bbr && early
      ? {
          bw: Math.floor(bwBytes),
          minRttUs: synced && info.minRttUs !== null ? info.minRttUs : 0,
          pacingGain: st.congControlled ? BBR_HIGH_GAIN : 0,
          cwndGain: st.congControlled ? BBR_HIGH_GAIN : 0,
        }
      : null;
  return { info, congestion: sock.congestion, bbr: bbrInfo };
}

const EMPTY_INFO: TcpInfo = {
  timestamps: false,
  sack: false,
  wscale: null,
  rtoUs: 0,
  backoff: 0,
  rttUs: 0,
  rttvarUs: 0,
  atoUs: 0,
  sndMss: 0,
  rcvMss: 0,
  advmss: 0,
  pmtu: 0,
  cwnd: 0,
  ssthresh: 0,
  bytesSent: 0,
  bytesRetrans: 0,
  bytesAcked: 0,
  bytesReceived: 0,
  segsOut: 0,
  segsIn: 0,
  dataSegsOut: 0,
  dataSegsIn: 0,
  lastDataSent: 0,
  lastDataRecv: 0,
  lastAckRecv: 0,
  pacingRate: null,
  deliveryRate: 0,
  delivered: 0,
  appLimited: false,
  busyTimeUs: 0,
  unacked: 0,
  retrans: 0,
  totalRetrans: 0,
  lost: 0,
  sacked: 0,
  reordering: 0,
  rcvRttUs: 0,
  rcvSpace: 0,
  rcvSsthresh: 0,
  notsent: 0,
  minRttUs: null,
  sndWnd: 0,
};
