import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet, TcpHeader, TcpOptions } from '../../net/packet.js';
import { IP_HEADER_LEN, TCP_FLAG, TCP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import type { Timer } from '../clock.js';
import { routeOutput } from '../ipv4/output.js';
import { tcpSendReset, transmit } from './tcp-output.js';
import { seqAdd, seqAfter, seqBefore } from './tcp-seq.js';
import { RTO_MAX_MS, RttEstimator, modelTimeoutMs, orphanRetries, rtoMinUs } from './tcp-rto.js';
import { RetransmitQueue } from './tcp-retransmit.js';
import type { TxSegment } from './tcp-retransmit.js';
import { icmpSocketError } from '../icmp/err-convert.js';
import { PortTable } from './ports.js';
import { WaitQueue } from './wait.js';
import { dropSocketOwner } from './owner.js';
import { TcpStats, lossSsthresh } from './tcp-info.js';
import type { TcpDiagState } from './tcp-info.js';

/** TCP states as ss names them (include/net/tcp_states.h). */
export type TcpState =
  | 'CLOSE'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECV'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

/** A pending timer as ss -o shows it. */
export interface TcpTimer {
  readonly kind: 'on' | 'keepalive' | 'timewait';
  readonly expires: number;
  readonly retrans: number;
}

const { FIN, SYN, RST, PSH, ACK } = TCP_FLAG;
/** TCP_TIMEWAIT_LEN. */
const TIME_WAIT_MS = 60_000;
/** TCP_DELACK_MIN: a FIN is acknowledged late, hoping the application answers with its own. */
const DELACK_MS = 40;
/** Window scale Linux 6.x advertises with the default tcp_rmem (measured). */
const WSCALE = 10;
/** The SYN's window (active open) and the SYN-ACK's (passive), measured on a 1500-byte veth. */
const SYN_WINDOW = 64240;
const SYNACK_WINDOW = 65160;
/** GSO_LEGACY_MAX_SIZE less the IP and TCP headers with timestamps. */
const GSO_MAX = 65536 - IP_HEADER_LEN - TCP_HEADER_LEN - 12;

const tables = new WeakMap<Netns, PortTable<TcpSocket>>();

/** The namespace's TCP sockets, listening, connecting, connected and in TIME-WAIT. */
export function tcpTable(netns: Netns): PortTable<TcpSocket> {
  let table = tables.get(netns);
  if (!table) tables.set(netns, (table = new PortTable<TcpSocket>()));
  return table;
}

/** Which retransmission the write timer stands for (icsk_pending). */
type XmitKind = 'syn' | 'rto' | 'tlp';

/** SO_KEEPALIVE and the TCP_KEEPIDLE/KEEPINTVL/KEEPCNT overrides (null: the sysctl). */
export interface KeepaliveOptions {
  idleS: number | null;
  intvlS: number | null;
  cnt: number | null;
}

/** A TCP socket (struct tcp_sock), including a listener's request and TIME-WAIT minisockets. */
export class TcpSocket {
  state: TcpState = 'CLOSE';
  localAddr: IPv4 = 0;
  localPort = 0;
  remoteAddr: IPv4 = 0;
  remotePort = 0;
  reuseAddr = false;
  reusePort = false;
  boundDev: Link | null = null;
  error: ErrnoName | null = null;
  backlog = 0;
  readonly acceptQueue: TcpSocket[] = [];
  /** SO_KEEPALIVE (inherited by accepted connections, as sock flags are). */
  keepalive = false;
  readonly keepaliveOptions: KeepaliveOptions = { idleS: null, intvlS: null, cnt: null };
  /** Closed by its process (SOCK_DEAD): tcp_orphan_retries and tcp_fin_timeout apply. */
  orphan = false;
  /** Whether this end opened the connection (it advertises a smaller window). */
  private active = false;
  private parent: TcpSocket | null = null;
  private iss = 0;
  private sndUna = 0;
  private sndNxt = 0;
  private rcvNxt = 0;
  private tsOffset = 0;
  private tsRecent = 0;
  private ipId = 0;
  private finSent = false;
  private finReceived = false;
  /** recv() returned the EOF: copied_seq has passed the FIN, which no longer counts in Recv-Q. */
  private finRead = false;
  private readonly rx: Uint8Array[] = [];
  private readonly rtx = new RetransmitQueue();
  private readonly rtt: RttEstimator;
  /** The write timer (icsk_retransmit_timer): SYN, RTO or tail loss probe. */
  private xmit: { timer: Timer; kind: XmitKind } | null = null;
  /** icsk_retransmits: RTOs since the last forward progress (ss -o's third field). */
  private retransmits = 0;
  /** retrans_stamp: when the first RTO retransmission left; tcp_retries2 counts from it. */
  private retransStamp: number | null = null;
  /** tlp_high_seq: a tail loss probe is out and not yet acknowledged. */
  private tlpHighSeq: number | null = null;
  /** Congestion window after an RTO, in segments (slow start from 1). */
  private cwnd = 10;
  private synSentAt = 0;
  /** TIME-WAIT, or FIN-WAIT-2 of a closed socket (a timewait minisock in substate FIN-WAIT-2). */
  private twTimer: Timer | null = null;
  private keepaliveTimer: Timer | null = null;
  /** icsk_probes_out: keepalive probes unanswered. */
  private probesOut = 0;
  /** The last segment from the peer (rcv_tstamp, lrcvtime): keepalive idleness counts from it. */
  private lastRecv = 0;
  private delack: Timer | null = null;
  /** pred_flags' window: header prediction (tcp_rcv_established's fast path) is on while set. */
  private predWnd: number | null = null;
  readonly wq: WaitQueue;
  /** What tcp_get_info reports (ss -i): counters, stamps, the delivery rate. */
  readonly stats: TcpStats;
  /**
   * The congestion control, fixed when the socket is made from the namespace's
   * default (tcp_assign_congestion_control); a connection inherits its listener's.
   */
  congestion: string;
  /** The peer's window scale from its SYN (null: not negotiated) and its MSS option. */
  private peerWscale: number | null = null;
  private peerMss = 536;

  constructor(readonly netns: Netns) {
    this.wq = new WaitQueue(netns.world.clock);
    this.rtt = new RttEstimator(rtoMinUs(netns));
    this.stats = new TcpStats(netns.world.clock);
    this.congestion = netns.sysctl.get('net.ipv4.tcp_congestion_control') ?? 'cubic';
  }

  get listening(): boolean {
    return this.state === 'LISTEN';
  }

  /**
   * ss/netstat's Recv-Q: the accept queue of a listener, else rcv_nxt - copied_seq, which counts
   * a received FIN the process has not read yet (measured: 7 unread bytes and a FIN show as 8).
   */
  get recvQueueBytes(): number {
    if (this.state === 'LISTEN') return this.acceptQueue.length;
    if (this.state === 'TIME-WAIT') return 0;
    return this.rxBytes() + (this.finReceived && !this.finRead ? 1 : 0);
  }

  private rxBytes(): number {
    return this.rx.reduce((n, c) => n + c.length, 0);
  }

  /** write_seq - snd_una (a SYN counts), the backlog for a listener, 0 for a request socket. */
  get sendQueueBytes(): number {
    if (this.state === 'SYN-RECV') return 0;
    return this.state === 'LISTEN' ? this.backlog : (this.sndNxt - this.sndUna) >>> 0;
  }

  /** The pending timer ss -o and netstat -o show (inet_sk_diag_fill's choice among them). */
  get timer(): TcpTimer | null {
    if (this.xmit) return { kind: 'on', expires: this.xmit.timer.at, retrans: this.retransmits };
    if (this.twTimer) return { kind: 'timewait', expires: this.twTimer.at, retrans: 0 };
    if (this.keepaliveTimer)
      return { kind: 'keepalive', expires: this.keepaliveTimer.at, retrans: this.probesOut };
    return null;
  }

  /** The current retransmission timeout in ms (ss -i's rto:). */
  get rtoMs(): number {
    return this.rtt.rtoMs;
  }

  bind(addr: IPv4, port: number): ErrnoName | null {
    if (this.localPort !== 0) return 'EINVAL';
    const table = tcpTable(this.netns);
    const chosen = table.bindPort(this.netns, this, addr, port);
    if (typeof chosen === 'string') return chosen;
    this.localAddr = addr;
    this.localPort = chosen;
    table.sockets.add(this);
    return null;
  }

  listen(backlog: number): ErrnoName | null {
    if (this.localPort === 0) {
      const err = this.bind(0, 0);
      if (err) return err;
    }
    this.backlog = backlog;
    this.state = 'LISTEN';
    return null;
  }

  /** accept(): the next established connection, or null when `timeoutMs` pass or the listener closes. */
  async accept(timeoutMs = Infinity): Promise<TcpSocket | null> {
    const deadline = this.netns.world.clock.now + timeoutMs;
    for (;;) {
      const child = this.acceptQueue.shift();
      // An accepted connection lives on its own: closing the listener no longer ends it.
      if (child) return ((child.parent = null), child);
      if (this.state !== 'LISTEN') return null;
      const left = deadline - this.netns.world.clock.now;
      if (left <= 0 || !(await this.wq.wait(left))) return null;
    }
  }

  /**
   * connect(): sends the SYN and waits for the handshake. Resolves null once
   * established, the error that ended it (ECONNREFUSED, ETIMEDOUT, an ICMP
   * error), or 'timeout' when `timeoutMs` pass first (the SYN-SENT socket
   * stays, as a non-blocking connect's does until it is closed).
   */
  async connect(addr: IPv4, port: number, timeoutMs = Infinity): Promise<ErrnoName | 'timeout' | null> {
    const route = routeOutput(this.netns, {
      dst: addr,
      src: this.localAddr || undefined,
      oif: this.boundDev ?? undefined,
    });
    if (!route.ok) return this.netns.mib.routeFailed(route.error);
    if (route.result.type === 'broadcast' || route.result.type === 'multicast') return 'ENETUNREACH';
    const src = this.localAddr || route.result.src;
    if (this.localPort === 0) {
      const table = tcpTable(this.netns);
      const chosen = table.ephemeral(this.netns, src, true, (p) => !this.tupleTaken(src, p, addr, port));
      if (chosen === null) return 'EADDRNOTAVAIL';
      this.localPort = chosen;
      table.sockets.add(this);
    }
    this.localAddr = src;
    this.remoteAddr = addr;
    this.remotePort = port;
    this.active = true;
    this.initSequence();
    this.state = 'SYN-SENT';
    // tcp_connect.
    this.netns.mib.tcp.ActiveOpens++;
    this.sendSyn();
    const deadline = this.netns.world.clock.now + timeoutMs;
    for (;;) {
      if (this.state !== 'SYN-SENT')
        return this.state === 'CLOSE' ? (this.takeError() ?? 'ECONNREFUSED') : null;
      const left = deadline - this.netns.world.clock.now;
      if (left <= 0 || !(await this.wq.wait(left))) return 'timeout';
    }
  }

  /**
   * sendmsg: one write leaves as one segment with PSH. veth and lo do GSO,
   * so netfilter (and conntrack) see a write of up to 64 KB as one packet
   * even beyond the MSS (measured: 5000 bytes, one packet of 5052 bytes).
   */
  send(data: Uint8Array): ErrnoName | null {
    const pending = this.takeError();
    if (pending) return pending;
    if (this.state !== 'ESTABLISHED' && this.state !== 'CLOSE-WAIT') return 'EPIPE';
    for (let at = 0; at < data.length; at += GSO_MAX)
      this.queue(data.subarray(at, Math.min(data.length, at + GSO_MAX)), false);
    return null;
  }

  /** recvmsg: bytes, 'eof' after the peer's FIN, the pending error, or null when closed or timed out. */
  async recv(timeoutMs = Infinity): Promise<Uint8Array | 'eof' | ErrnoName | null> {
    const deadline = this.netns.world.clock.now + timeoutMs;
    for (;;) {
      // A read still pending when the process closed the socket gets nothing more.
      if (this.orphan) return null;
      if (this.rx.length > 0) {
        const all = new Uint8Array(this.rxBytes());
        let at = 0;
        for (const c of this.rx.splice(0)) all.set(c, (at += c.length) - c.length);
        return all;
      }
      const pending = this.takeError();
      if (pending) return pending;
      if (this.finReceived) return ((this.finRead = true), 'eof');
      if (this.state === 'CLOSE') return null;
      const left = deadline - this.netns.world.clock.now;
      if (left <= 0 || !(await this.wq.wait(left))) return null;
    }
  }

  /** shutdown(SHUT_WR): our FIN. */
  shutdownWrite(): void {
    if (this.state === 'ESTABLISHED') this.sendFin('FIN-WAIT-1');
    else if (this.state === 'CLOSE-WAIT') this.sendFin('LAST-ACK');
  }

  /**
   * setsockopt(SO_KEEPALIVE) (tcp_set_keepalive): on a connected socket the
   * timer starts at once; otherwise when the connection is established.
   */
  setKeepalive(on: boolean): void {
    this.keepalive = on;
    if (!on) this.cancelKeepalive();
    else if (this.synchronized()) this.armKeepalive(this.keepaliveTimeMs());
  }

  /** close(): FIN (or RST when received data was left unread), or the end of a listener or SYN-SENT socket. */
  close(): void {
    // close(2): no process holds it any more, whatever state the connection goes on in.
    dropSocketOwner(this);
    this.orphan = true;
    const s = this.state;
    if (s === 'LISTEN') {
      for (const child of this.acceptQueue.splice(0)) child.abort();
      for (const sock of tcpTable(this.netns).sockets) if (sock.parent === this) sock.done();
      this.done();
    } else if (s === 'SYN-SENT' || s === 'CLOSE') this.done();
    else if ((s === 'ESTABLISHED' || s === 'CLOSE-WAIT') && this.rx.length > 0) {
      this.netns.mib.tcpExt.TCPAbortOnClose++;
      this.abort();
    } else if (s === 'FIN-WAIT-2') this.finWait2Timeout();
    else this.shutdownWrite();
    this.wq.wakeAll();
  }

  /** tcp_v4_err: an ICMP error about one of our segments. */
  icmpError(type: number, code: number): void {
    const err = icmpSocketError(type, code);
    if (!err) return;
    if (this.state === 'SYN-SENT' || this.state === 'SYN-RECV') {
      // tcp_done of a connecting socket; a request socket is only dropped.
      if (this.state === 'SYN-SENT') this.netns.mib.tcp.AttemptFails++;
      this.error = err.errno;
      this.done();
    }
  }

  /** tcp_v4_rcv for a segment of this connection (or a SYN for this listener). */
  segment(packet: Ipv4Packet, h: TcpHeader): void {
    if (this.state === 'LISTEN') return this.listenSegment(packet, h);
    // tcp_segs_in, for full sockets (a request socket's child counts the final ACK, not a SYN again).
    if (this.state !== 'TIME-WAIT' && !(this.state === 'SYN-RECV' && h.flags & SYN))
      this.stats.received(packet.totalLength - IP_HEADER_LEN - h.headerLength, this.segments(packet.data));
    // A request socket keeps echoing the first SYN's timestamp, also to a
    // retransmitted SYN (tcp_check_req): the client then times the handshake
    // from its first SYN (a 1 s RTT, a 3 s RTO after one SYN retransmission).
    if (h.options?.timestamp && !(this.state === 'SYN-RECV' && h.flags & SYN))
      this.tsRecent = h.options.timestamp.val;
    if (this.state === 'SYN-SENT') return this.synSentSegment(h);
    if (h.flags & RST) {
      if (this.state === 'TIME-WAIT') return;
      if (this.state === 'SYN-RECV') {
        // tcp_check_req: a RST for a request socket.
        this.netns.mib.tcp.AttemptFails++;
        this.netns.mib.tcpExt.EmbryonicRsts++;
      }
      this.error = this.state === 'CLOSE-WAIT' ? 'EPIPE' : 'ECONNRESET';
      return this.done();
    }
    if (h.flags & SYN) {
      // A retransmitted SYN: the request socket resends its SYN-ACK (inet_rtx_syn_ack);
      // a synchronized socket answers with a challenge ACK (tcp_send_challenge_ack).
      if (this.state === 'SYN-RECV') this.output(SYN | ACK, undefined, this.iss, true);
      else {
        // tcp_validate_incoming: an established socket's fast path also counts the SYN as InErrs.
        if (this.state === 'ESTABLISHED') this.netns.mib.tcp.InErrs++;
        this.netns.mib.tcpExt.TCPSYNChallenge++;
        this.netns.mib.tcpExt.TCPChallengeACK++;
        this.output(ACK);
      }
      return;
    }
    if (this.state === 'TIME-WAIT') {
      // The peer did not get our last ACK: again, and TIME-WAIT starts over
      // (tcp_timewait_state_process; a FIN occupies sequence space, so
      // tcp_oow_rate_limited never holds this ACK back: measured, FINs 204 ms apart are all ACKed).
      if (h.flags & FIN) {
        this.output(ACK);
        this.enterTimeWait();
      }
      return;
    }
    this.lastRecv = this.netns.world.clock.now;
    const len = packet.totalLength - IP_HEADER_LEN - h.headerLength;
    if (h.flags & ACK) this.acked(h, len === 0 && !(h.flags & FIN));
    if (this.state === 'CLOSE') return;
    const end = seqAdd(h.seq, len + (h.flags & FIN ? 1 : 0));
    if (len > 0 && h.seq === this.rcvNxt && this.canReceive()) {
      if (this.orphan && (this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2')) {
        // Data for a closed socket: tcp_rcv_state_process resets the connection (TCPAbortOnData).
        this.netns.mib.tcpExt.TCPAbortOnData++;
        tcpSendReset(this.netns, packet, h);
        this.error = 'ECONNRESET';
        return this.done();
      }
      this.rx.push(packet.data ?? new Uint8Array(len));
      this.rcvNxt = seqAdd(this.rcvNxt, len);
      // tcp_data_queue's tcp_fast_path_check: prediction on, for the window as it stands.
      this.predWnd = this.stats.sndWnd >> (this.peerWscale ?? 0);
      const mss = this.mss() - 12;
      this.stats.dataReceived(len, mss, (h.flags & (PSH | FIN)) !== 0, this.rtt.rtoMs, mss);
      if (!(h.flags & FIN)) this.output(ACK);
    } else if (end !== h.seq && !seqAfter(end, this.rcvNxt)) {
      // A retransmission of what we already have: our ACK was lost (tcp_send_dupack).
      this.output(ACK);
    } else if (end === h.seq ? seqBefore(h.seq, this.rcvNxt) : seqAfter(h.seq, this.rcvNxt)) {
      // A keepalive probe below the window, or data out of order (not queued here): a duplicate ACK.
      this.output(ACK);
    }
    if (h.flags & FIN && seqAdd(h.seq, len) === this.rcvNxt && this.canReceive()) this.finArrived();
    this.wq.wakeAll();
    this.parent?.wq.wakeAll();
  }

  private canReceive(): boolean {
    return this.state === 'ESTABLISHED' || this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2';
  }

  /** Established or closing: neither listening, connecting nor gone. */
  private synchronized(): boolean {
    const s = this.state;
    return s !== 'CLOSE' && s !== 'LISTEN' && s !== 'SYN-SENT' && s !== 'SYN-RECV' && s !== 'TIME-WAIT';
  }

  private listenSegment(packet: Ipv4Packet, h: TcpHeader): void {
    if (h.flags & RST) return;
    if (h.flags & ACK || !(h.flags & SYN)) return tcpSendReset(this.netns, packet, h);
    const child = new TcpSocket(this.netns);
    child.parent = this;
    child.localAddr = packet.dst;
    child.localPort = this.localPort;
    child.remoteAddr = packet.src;
    child.remotePort = h.sport;
    child.boundDev = this.boundDev;
    child.reuseAddr = this.reuseAddr;
    child.reusePort = this.reusePort;
    child.keepalive = this.keepalive;
    Object.assign(child.keepaliveOptions, this.keepaliveOptions);
    child.congestion = this.congestion;
    child.learnPeer(h);
    child.stats.received(0, 1);
    child.initSequence();
    child.rcvNxt = seqAdd(h.seq, 1);
    child.tsRecent = h.options?.timestamp?.val ?? 0;
    child.state = 'SYN-RECV';
    tcpTable(this.netns).sockets.add(child);
    child.sendSyn();
  }

  private synSentSegment(h: TcpHeader): void {
    const ackOk = (h.flags & ACK) !== 0 && h.ack === seqAdd(this.iss, 1);
    if (h.flags & RST) {
      if (!ackOk) return;
      this.netns.mib.tcp.AttemptFails++;
      this.error = 'ECONNREFUSED';
      return this.done();
    }
    if (!(h.flags & SYN) || !ackOk) return;
    // tcp_ack of the SYN-ACK: our SYN is delivered.
    this.netns.mib.tcpExt.TCPDelivered++;
    this.rcvNxt = seqAdd(h.seq, 1);
    this.sndUna = h.ack;
    this.handshakeRtt(h);
    this.cancelXmit();
    this.state = 'ESTABLISHED';
    this.lastRecv = this.netns.world.clock.now;
    this.learnPeer(h);
    // The SYN-ACK's window is not scaled; tcp_init_transfer starts over from the initial window.
    this.stats.sndWnd = h.window;
    this.stats.bytesAcked++;
    this.stats.established(Math.min(this.mss(), this.peerMss) - 12);
    this.cwnd = this.stats.totalRetrans > 1 ? 1 : 10;
    this.output(ACK);
    if (this.keepalive) this.armKeepalive(this.keepaliveTimeMs());
    this.wq.wakeAll();
  }

  /** The handshake's round trip: from the SYN's departure, or from the echoed timestamp after a retransmission. */
  private handshakeRtt(h: TcpHeader): void {
    const now = this.netns.world.clock.now;
    const ecr = h.options?.timestamp?.ecr;
    if (this.retransmits === 0) this.rtt.sample((now - this.synSentAt) * 1000);
    else if (ecr !== undefined) this.rtt.sample(this.tsAge(ecr) * 1000);
    this.retransmits = 0;
  }

  /**
   * tcp_rcv_established's header prediction: only ACK (and PSH) set, the
   * timestamp option alone, in sequence, and the window pred_flags expects.
   * With window scaling an active opener predicts nothing until the peer's
   * window first changes (measured: the first pure ACK counts as
   * TCPPureAcks, the next ones with the same window as TCPHPAcks).
   */
  private predicted(h: TcpHeader): boolean {
    return (
      this.state === 'ESTABLISHED' &&
      this.predWnd === h.window &&
      (h.flags & ~PSH) === ACK &&
      h.headerLength === TCP_HEADER_LEN + 12 &&
      h.seq === this.rcvNxt &&
      !seqAfter(h.ack, this.sndNxt)
    );
  }

  /**
   * tcp_ack: our data or FIN acknowledged; the state moves on. `pure`: the
   * segment carries neither data nor FIN: TCPHPAcks when predicted and
   * acknowledging something new, else TCPPureAcks. (Data is never counted
   * as predicted, TCPHPHits: Linux takes that path only when memory was
   * already charged to the socket, which depends on scheduling.)
   */
  private acked(h: TcpHeader, pure: boolean): void {
    const ack = h.ack;
    const mib = this.netns.mib;
    if (this.state === 'SYN-RECV') {
      if (ack !== seqAdd(this.iss, 1)) return;
      // tcp_create_openreq_child: the request becomes a connection.
      mib.tcp.PassiveOpens++;
      if (pure) mib.tcpExt.TCPPureAcks++;
      this.handshakeRtt(h);
      this.cancelXmit();
      this.state = 'ESTABLISHED';
      this.sndUna = ack;
      this.stats.sndWnd = h.window << (this.peerWscale ?? 0);
      // tcp_rcv_state_process: a passive open predicts headers at once.
      this.predWnd = h.window;
      this.stats.established(Math.min(this.mss(), this.peerMss) - 12);
      if (this.keepalive) this.armKeepalive(this.keepaliveTimeMs());
      this.parent?.acceptQueue.push(this);
      this.parent?.wq.wakeAll();
      return;
    }
    // An ACK of something never sent, or older than what is acknowledged already, changes nothing.
    if (seqAfter(ack, this.sndNxt) || seqBefore(ack, this.sndUna)) return;
    const wnd = h.window << (this.peerWscale ?? 0);
    if (this.predicted(h) && ack !== this.sndUna) {
      if (pure) mib.tcpExt.TCPHPAcks++;
    } else {
      if (pure) mib.tcpExt.TCPPureAcks++;
      // tcp_ack_update_window: a new window turns prediction back on (the only place for a sender).
      if (wnd !== this.stats.sndWnd) this.predWnd = h.window;
    }
    this.probesOut = 0;
    this.stats.lastAckRecv = this.netns.world.clock.now;
    this.stats.sndWnd = wnd;
    if (ack === this.sndUna) return;
    // tcp_newly_delivered: in segments, a GSO write counting as several.
    let packets = 0;
    let dataPackets = 0;
    const newest = this.rtx.ack(ack, (seg) => {
      const n = this.segments(seg.data);
      mib.tcpExt.TCPDelivered += n;
      packets += n;
      if (seg.data?.length) dataPackets += n;
    });
    const bytes = (ack - this.sndUna) >>> 0;
    this.sndUna = ack;
    if (newest) {
      const ecr = h.options?.timestamp?.ecr;
      const now = this.netns.world.clock.now;
      if (!newest.retransmitted) this.rtt.sample((now - newest.sentAt) * 1000);
      else if (ecr !== undefined) this.rtt.sample(this.tsAge(ecr) * 1000);
    }
    this.stats.acked(bytes, packets, dataPackets, newest?.sentAt ?? null, this.rtt.minRttUs);
    this.stats.busy(this.rtx.length > 0);
    this.progress(ack);
    if (!this.finSent || ack !== this.sndNxt) return;
    if (this.state === 'FIN-WAIT-1') {
      this.state = 'FIN-WAIT-2';
      if (this.orphan) this.finWait2Timeout();
    } else if (this.state === 'CLOSING') this.enterTimeWait();
    else if (this.state === 'LAST-ACK') this.done();
  }

  /** Forward progress: the backoff ends, lost segments go out again as the window reopens. */
  private progress(ack: number): void {
    this.retransmits = 0;
    this.retransStamp = null;
    if (this.tlpHighSeq !== null && !seqBefore(ack, this.tlpHighSeq)) this.tlpHighSeq = null;
    this.cancelXmit();
    if (this.rtx.length === 0) {
      this.cwnd = 10;
      return;
    }
    // Slow start after a loss: each ACK lets one more segment out again.
    this.cwnd = Math.min(10, this.cwnd + 1);
    for (let n = 0; n < this.cwnd; n++) {
      const lost = this.rtx.nextLost();
      if (!lost) break;
      this.retransmit(lost);
    }
    this.armXmit('rto', this.rtoLeft());
  }

  /** tcp_fin: the peer is done sending. */
  private finArrived(): void {
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.stats.finReceived();
    this.finReceived = true;
    if (this.state === 'ESTABLISHED') {
      this.state = 'CLOSE-WAIT';
      // Pingpong mode: the ACK waits for the application's answer (usually its FIN).
      this.delack = this.netns.world.clock.schedule(DELACK_MS, () => {
        this.netns.mib.tcpExt.DelayedACKs++;
        this.stats.delackFired();
        this.output(ACK);
      });
    } else if (this.state === 'FIN-WAIT-1') {
      this.state = 'CLOSING';
      this.output(ACK);
    } else if (this.state === 'FIN-WAIT-2') {
      this.output(ACK);
      this.enterTimeWait();
    }
  }

  private sendFin(next: TcpState): void {
    this.state = next;
    this.finSent = true;
    this.queue(undefined, true);
  }

  /** tcp_write_xmit for new data or our FIN: sent, kept for retransmission, timed. */
  private queue(data: Uint8Array | undefined, fin: boolean): void {
    const now = this.netns.world.clock.now;
    const seq = this.sndNxt;
    const end = seqAdd(seq, (data?.length ?? 0) + (fin ? 1 : 0));
    this.sndNxt = end;
    // In loss recovery the window is one segment, taken by the retransmission:
    // the new one waits (as if lost) for an ACK; the backed-off RTO stands.
    const held = this.retransmits > 0;
    this.rtx.push({ seq, end, data, fin, sentAt: now, retransmitted: false, lost: held });
    this.stats.busy(true);
    if (held) return;
    // tcp_event_new_data_sent: original data, a bare FIN included.
    this.netns.mib.tcpExt.TCPOrigDataSent += this.segments(data);
    this.output(fin ? FIN | ACK : ACK | PSH, data, seq);
    // A tail loss probe (net.ipv4.tcp_early_retrans 3, SACK negotiated) comes before the RTO.
    this.armXmit('tlp', this.rtt.probeTimeoutMs(this.rtx.length, this.rtoLeft()));
  }

  /** What is left of the RTO for the oldest segment out (tcp_rto_delta_us). */
  private rtoLeft(): number {
    const head = this.rtx.head;
    const now = this.netns.world.clock.now;
    return Math.max(0, this.rtt.rtoMs - (head ? now - head.sentAt : 0));
  }

  /** tcp_send_loss_probe: the last segment again, then the RTO from the probe on. */
  private lossProbe(): void {
    const tail = this.rtx.tail;
    if (tail && this.tlpHighSeq === null) {
      this.netns.mib.tcpExt.TCPLossProbes++;
      this.retransmit(tail);
      this.tlpHighSeq = this.sndNxt;
    }
    if (this.rtx.length > 0) this.armXmit('rto', this.rtoLeft());
  }

  /**
   * tcp_retransmit_timer: give up once tcp_retries2 (tcp_orphan_retries for
   * a closed socket) worth of backoff has passed since the first RTO
   * retransmission, else resend the oldest segment and double the RTO.
   */
  private retransmitTimeout(): void {
    const head = this.rtx.head;
    if (!head) return;
    if (this.writeTimedOut()) return this.writeError();
    this.countTimeout();
    this.rtx.markLost();
    // tcp_enter_loss: a new loss episode sets ssthresh; RTOs within it keep it.
    if (this.retransmits === 0)
      this.stats.ssthresh = lossSsthresh(this.congestion, this.cwnd, this.stats.ssthresh);
    this.cwnd = 1;
    // tcp_retrans_try_collapse: a FIN queued behind the data leaves with it.
    this.retransmit(this.rtx.collapseFin() ?? head);
    this.retransStamp ??= this.netns.world.clock.now;
    this.retransmits++;
    this.rtt.rtoMs = Math.min(this.rtt.rtoMs * 2, RTO_MAX_MS);
    this.armXmit('rto', this.rtt.rtoMs);
  }

  /** tcp_write_timeout's test (retransmits_timed_out with tcp_model_timeout). */
  private writeTimedOut(): boolean {
    if (this.retransmits === 0 || this.retransStamp === null) return false;
    const sysctl = this.netns.sysctl;
    const boundary = this.orphan
      ? orphanRetries(this.netns, this.rtt.rtoMs < RTO_MAX_MS)
      : sysctl.int('net.ipv4.tcp_retries2');
    const elapsed = this.netns.world.clock.now - this.retransStamp;
    return elapsed >= modelTimeoutMs(boundary, rtoMinUs(this.netns) / 1000);
  }

  /** tcp_write_err: the connection is dropped silently (no RST) with ETIMEDOUT. */
  private writeError(): void {
    this.netns.mib.tcpExt.TCPAbortOnTimeout++;
    this.error = 'ETIMEDOUT';
    this.done();
  }

  private retransmit(seg: TxSegment): void {
    seg.sentAt = this.netns.world.clock.now;
    seg.retransmitted = true;
    seg.lost = false;
    this.output(seg.fin ? FIN | ACK : ACK | PSH, seg.data, seg.seq, true);
  }

  private enterTimeWait(): void {
    this.cancelXmit();
    this.cancelKeepalive();
    this.state = 'TIME-WAIT';
    // inet_twsk_schedule counts a new timewait socket (60 s: TW), not one rescheduled.
    if (!this.twTimer) this.netns.mib.tcpExt.TW++;
    this.twTimer?.cancel();
    this.twTimer = this.netns.world.clock.schedule(TIME_WAIT_MS, () => this.done());
  }

  /**
   * A closed socket in FIN-WAIT-2 waits tcp_fin_timeout for the peer's FIN
   * (tcp_fin_time: at least 3.5 RTOs), as a timewait minisock.
   */
  private finWait2Timeout(): void {
    const finTimeout = this.netns.sysctl.int('net.ipv4.tcp_fin_timeout') * 1000;
    const tmo = Math.max(finTimeout, 3.5 * this.rtt.rtoMs);
    this.cancelKeepalive();
    // tcp_time_wait(TCP_FIN_WAIT2, tmo): 4 s or less counts as killed at once.
    if (!this.twTimer) this.netns.mib.tcpExt[tmo <= 4000 ? 'TWKilled' : 'TW']++;
    this.twTimer?.cancel();
    this.twTimer = this.netns.world.clock.schedule(tmo, () => this.done());
  }

  /** tcp_send_active_reset. */
  private abort(): void {
    if (this.state !== 'CLOSE' && this.state !== 'SYN-SENT' && this.state !== 'LISTEN')
      this.output(RST | ACK);
    this.done();
  }

  /** tcp_done: the socket leaves the tables (tcp_set_state(TCP_CLOSE) counts a connection reset). */
  private done(): void {
    if (this.state === 'ESTABLISHED' || this.state === 'CLOSE-WAIT') this.netns.mib.tcp.EstabResets++;
    this.cancelXmit();
    this.cancelKeepalive();
    this.twTimer?.cancel();
    this.twTimer = null;
    this.delack?.cancel();
    this.rtx.clear();
    this.state = 'CLOSE';
    tcpTable(this.netns).sockets.delete(this);
    this.wq.wakeAll();
    this.parent?.wq.wakeAll();
  }

  private takeError(): ErrnoName | null {
    const err = this.error;
    this.error = null;
    return err;
  }

  private initSequence(): void {
    const rng = this.netns.world.rng;
    this.iss = rng.u32();
    this.sndUna = this.iss;
    this.sndNxt = seqAdd(this.iss, 1);
    this.tsOffset = rng.u32();
    this.ipId = rng.below(0x10000);
  }

  private tupleTaken(src: IPv4, port: number, dst: IPv4, dport: number): boolean {
    for (const s of tcpTable(this.netns).sockets)
      if (s.localPort === port && s.localAddr === src && s.remoteAddr === dst && s.remotePort === dport)
        return true;
    return false;
  }

  /** The peer's SYN options: window scale (tcp_parse_options) and MSS. */
  private learnPeer(h: TcpHeader): void {
    this.peerWscale = h.options?.windowScale ?? null;
    this.peerMss = h.options?.mss ?? 536;
  }

  /** The sender state tcp_get_info reads (diag.ts). */
  get diagState(): TcpDiagState {
    const syn = this.state === 'SYN-SENT';
    const segs = this.rtx.list();
    const packetsOut = syn ? 1 : segs.reduce((n, seg) => n + this.segments(seg.data), 0);
    const retransOut = syn
      ? Math.min(1, this.retransmits)
      : segs.reduce((n, seg) => n + (seg.retransmitted ? this.segments(seg.data) : 0), 0);
    const linear = this.netns.sysctl.int('net.ipv4.tcp_syn_linear_timeouts');
    return {
      synchronized: this.state !== 'SYN-SENT' && this.state !== 'SYN-RECV' && this.state !== 'LISTEN',
      cwnd: this.cwnd,
      srttUs: this.rtt.srttUs,
      rttvarUs: this.rtt.rttvarUs,
      minRttUs: this.rtt.minRttUs,
      rtoMs: this.rtt.rtoMs,
      // A SYN's linear timeouts (tcp_syn_linear_timeouts) do not back off.
      backoff: Math.max(0, this.retransmits - (syn ? linear : 0)),
      packetsOut,
      retransOut,
      // After an RTO every packet out is presumed lost until acknowledged.
      lostOut: this.retransmits > 0 ? packetsOut : 0,
      pathMtu: this.mss() + 40,
      peerMss: this.peerMss,
      sndWscale: this.peerWscale,
      rcvWscale: WSCALE,
      synWindow: SYN_WINDOW,
      finAcked: this.finSent && this.sndUna === this.sndNxt,
    };
  }

  private mss(): number {
    const route = routeOutput(this.netns, { dst: this.remoteAddr, src: this.localAddr });
    const mtu = route.ok ? (route.result.dev?.mtu ?? 1500) : 1500;
    return mtu - 40;
  }

  /** Our timestamp clock: ms since an offset drawn per connection. */
  private tsNow(): number {
    return (this.tsOffset + Math.floor(this.netns.world.clock.now)) >>> 0;
  }

  /** How long ago (ms) we sent the timestamp the peer echoes. */
  private tsAge(ecr: number): number {
    return (this.tsNow() - ecr) >>> 0;
  }

  /**
   * SYN (or SYN-ACK from a request socket), first after TCP_TIMEOUT_INIT (1 s).
   * A connecting socket retransmits tcp_syn_linear_timeouts (4) times at
   * the same interval, then doubles it (measured on 6.18: SYNs at 0, 1, 2,
   * 3, 4, 5, 7, 11 s), and gives up after tcp_syn_retries more; a SYN-ACK
   * doubles from the start (1, 3, 7, 15, 31 s) for tcp_synack_retries.
   */
  private sendSyn(): void {
    const synack = this.state === 'SYN-RECV';
    this.synSentAt = this.netns.world.clock.now;
    this.output(synack ? SYN | ACK : SYN, undefined, this.iss);
    this.armXmit('syn', this.rtt.rtoMs);
  }

  private synTimeout(): void {
    const sysctl = this.netns.sysctl;
    const synack = this.state === 'SYN-RECV';
    const linear = synack ? 0 : sysctl.int('net.ipv4.tcp_syn_linear_timeouts');
    const limit = synack
      ? sysctl.int('net.ipv4.tcp_synack_retries')
      : sysctl.int('net.ipv4.tcp_syn_retries') + linear;
    // tcp_syn_ack_timeout counts every expiry of a request socket's timer.
    if (synack) this.netns.mib.tcpExt.TCPTimeouts++;
    if (this.retransmits >= limit) {
      if (synack) {
        this.error = 'ETIMEDOUT';
        return this.done();
      }
      this.netns.mib.tcp.AttemptFails++;
      return this.writeError();
    }
    if (!synack) {
      this.countTimeout();
      // tcp_enter_loss: the SYN is lost, the window one segment (ssthresh set once per episode).
      if (this.retransmits === 0)
        this.stats.ssthresh = lossSsthresh(this.congestion, this.cwnd, this.stats.ssthresh);
      this.cwnd = 1;
    }
    this.retransmits++;
    if (this.retransmits > linear) this.rtt.rtoMs = Math.min(this.rtt.rtoMs * 2, RTO_MAX_MS);
    this.output(synack ? SYN | ACK : SYN, undefined, this.iss, true);
    this.armXmit('syn', this.rtt.rtoMs);
  }

  /** tcp_write_timeout and tcp_retransmit_timer: an RTO that goes on rehashes the flow; the first of a series is a timeout. */
  private countTimeout(): void {
    const ext = this.netns.mib.tcpExt;
    if (this.retransmits === 0) ext.TCPTimeouts++;
    ext.TcpTimeoutRehash++;
  }

  private armXmit(kind: XmitKind, ms: number): void {
    this.xmit?.timer.cancel();
    const timer = this.netns.world.clock.schedule(ms, () => {
      this.xmit = null;
      if (kind === 'syn') this.synTimeout();
      else if (kind === 'tlp') this.lossProbe();
      else this.retransmitTimeout();
    });
    this.xmit = { timer, kind };
  }

  private cancelXmit(): void {
    this.xmit?.timer.cancel();
    this.xmit = null;
  }

  /** keepalive_time_when, keepalive_intvl_when, keepalive_probes: the socket's options, else the sysctls. */
  private keepaliveTimeMs(): number {
    return (this.keepaliveOptions.idleS ?? this.netns.sysctl.int('net.ipv4.tcp_keepalive_time')) * 1000;
  }

  private keepaliveIntvlMs(): number {
    return (this.keepaliveOptions.intvlS ?? this.netns.sysctl.int('net.ipv4.tcp_keepalive_intvl')) * 1000;
  }

  private keepaliveProbes(): number {
    return this.keepaliveOptions.cnt ?? this.netns.sysctl.int('net.ipv4.tcp_keepalive_probes');
  }

  private armKeepalive(ms: number): void {
    this.keepaliveTimer?.cancel();
    this.keepaliveTimer = this.netns.world.clock.schedule(ms, () => {
      this.keepaliveTimer = null;
      this.keepaliveTimeout();
    });
  }

  private cancelKeepalive(): void {
    this.keepaliveTimer?.cancel();
    this.keepaliveTimer = null;
  }

  /**
   * tcp_keepalive_timer: after tcp_keepalive_time without a segment from
   * the peer, a probe (tcp_write_wakeup: an ACK one below snd_una, which the
   * peer must answer) every tcp_keepalive_intvl; after tcp_keepalive_probes
   * unanswered ones, RST and ETIMEDOUT. Never while data is in flight.
   */
  private keepaliveTimeout(): void {
    if (!this.keepalive || !this.synchronized()) return;
    const time = this.keepaliveTimeMs();
    if (this.rtx.length > 0) return this.armKeepalive(time);
    const elapsed = this.netns.world.clock.now - this.lastRecv;
    if (elapsed < time) return this.armKeepalive(time - elapsed);
    if (this.probesOut >= this.keepaliveProbes()) {
      this.output(RST | ACK);
      return this.writeError();
    }
    this.netns.mib.tcpExt.TCPKeepAlive++;
    this.output(ACK, undefined, seqAdd(this.sndUna, -1));
    this.probesOut++;
    this.armKeepalive(this.keepaliveIntvlMs());
  }

  /** tcp_skb_pcount: how many MSS-sized segments a write of `data` counts as (a bare FIN or ACK is one). */
  private segments(data?: Uint8Array): number {
    // mss_cache: the MSS less the timestamp option; measured only when a write may exceed it.
    return data && data.length > 536 ? Math.ceil(data.length / (this.mss() - 12)) : 1;
  }

  /**
   * tcp_transmit_skb: one segment with Linux's options and windows.
   * `retrans`: a retransmission, counted as RetransSegs rather than OutSegs
   * (but tcp_make_synack counts every SYN-ACK as sent).
   */
  private output(flags: number, data?: Uint8Array, seq = this.sndNxt, retrans = false): void {
    const syn = (flags & SYN) !== 0;
    const rst = (flags & RST) !== 0;
    const mib = this.netns.mib;
    const segs = this.segments(data);
    // A request socket's segments are not the connection's (its child starts from zero).
    if (this.state !== 'SYN-RECV') this.stats.sent(data?.length ?? 0, segs, retrans);
    if (retrans) mib.tcp.RetransSegs += segs;
    if (retrans && syn) mib.tcpExt.TCPSynRetrans++;
    if (!retrans || (syn && this.state === 'SYN-RECV')) mib.tcp.OutSegs += segs;
    if (rst) mib.tcp.OutRsts++;
    if (flags & ACK) this.delack?.cancel();
    const ts = { val: this.tsNow(), ecr: this.tsRecent };
    const options: TcpOptions | undefined = rst
      ? undefined
      : syn
        ? { mss: this.mss(), sackPermitted: true, timestamp: ts, windowScale: WSCALE }
        : { timestamp: ts };
    const headerLength = TCP_HEADER_LEN + (rst ? 0 : syn ? 20 : 12);
    const window = rst ? 0 : syn ? (this.active ? SYN_WINDOW : SYNACK_WINDOW) : this.active ? 63 : 64;
    const header: TcpHeader = {
      kind: 'tcp',
      sport: this.localPort,
      dport: this.remotePort,
      seq,
      ack: flags & ACK ? this.rcvNxt : 0,
      flags,
      window,
      headerLength,
      options,
    };
    // A SYN-ACK from a request socket carries IP id 0; a connection counts up from a random start.
    const id = this.state === 'SYN-RECV' && syn ? 0 : (this.ipId = (this.ipId + 1) & 0xffff);
    transmit(this.netns, this.localAddr, this.remoteAddr, header, id, data);
  }
}
