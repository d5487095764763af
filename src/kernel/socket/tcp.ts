import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet, TcpHeader, TcpOptions } from '../../net/packet.js';
import { IP_HEADER_LEN, TCP_FLAG, TCP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import type { Timer } from '../clock.js';
import { routeOutput } from '../ipv4/output.js';
import { sendReset, transmit } from './tcp-output.js';
import { icmpSocketError } from '../icmp/err-convert.js';
import { PortTable } from './ports.js';
import { WaitQueue } from './wait.js';
import { dropSocketOwner } from './owner.js';

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
/** TCP_TIMEOUT_INIT: the first SYN (and SYN-ACK) retransmission after 1 s, doubling. */
const RTO_INIT_MS = 1000;
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

const seqAdd = (a: number, b: number) => (a + b) >>> 0;

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
  timer: TcpTimer | null = null;
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
  private readonly rx: Uint8Array[] = [];
  private pendingTimer: Timer | null = null;
  private delack: Timer | null = null;
  readonly wq: WaitQueue;

  constructor(readonly netns: Netns) {
    this.wq = new WaitQueue(netns.world.clock);
  }

  get listening(): boolean {
    return this.state === 'LISTEN';
  }

  get recvQueueBytes(): number {
    return this.state === 'LISTEN' ? this.acceptQueue.length : this.rx.reduce((n, c) => n + c.length, 0);
  }

  get sendQueueBytes(): number {
    return this.state === 'LISTEN' ? this.backlog : (this.sndNxt - this.sndUna) >>> 0;
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
    if (!route.ok) return route.error;
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
    this.sendSyn(0);
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
    for (let at = 0; at < data.length; at += GSO_MAX) {
      const chunk = data.subarray(at, Math.min(data.length, at + GSO_MAX));
      this.output(ACK | PSH, chunk);
      this.sndNxt = seqAdd(this.sndNxt, chunk.length);
    }
    return null;
  }

  /** recvmsg: bytes, 'eof' after the peer's FIN, the pending error, or null when closed or timed out. */
  async recv(timeoutMs = Infinity): Promise<Uint8Array | 'eof' | ErrnoName | null> {
    const deadline = this.netns.world.clock.now + timeoutMs;
    for (;;) {
      if (this.rx.length > 0) {
        const all = new Uint8Array(this.recvQueueBytes);
        let at = 0;
        for (const c of this.rx.splice(0)) all.set(c, (at += c.length) - c.length);
        return all;
      }
      const pending = this.takeError();
      if (pending) return pending;
      if (this.finReceived) return 'eof';
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

  /** close(): FIN (or RST when received data was left unread), or the end of a listener or SYN-SENT socket. */
  close(): void {
    // close(2): no process holds it any more, whatever state the connection goes on in.
    dropSocketOwner(this);
    const s = this.state;
    if (s === 'LISTEN') {
      for (const child of this.acceptQueue.splice(0)) child.abort();
      for (const sock of tcpTable(this.netns).sockets) if (sock.parent === this) sock.done();
      this.done();
    } else if (s === 'SYN-SENT' || s === 'CLOSE') this.done();
    else if ((s === 'ESTABLISHED' || s === 'CLOSE-WAIT') && this.rx.length > 0) this.abort();
    else this.shutdownWrite();
    this.wq.wakeAll();
  }

  /** tcp_v4_err: an ICMP error about one of our segments. */
  icmpError(type: number, code: number): void {
    const err = icmpSocketError(type, code);
    if (!err) return;
    if (this.state === 'SYN-SENT' || this.state === 'SYN-RECV') {
      this.error = err.errno;
      this.done();
    }
  }

  /** tcp_v4_rcv for a segment of this connection (or a SYN for this listener). */
  segment(packet: Ipv4Packet, h: TcpHeader): void {
    if (this.state === 'LISTEN') return this.listenSegment(packet, h);
    if (h.options?.timestamp) this.tsRecent = h.options.timestamp.val;
    if (this.state === 'SYN-SENT') return this.synSentSegment(h);
    if (h.flags & RST) {
      if (this.state === 'TIME-WAIT') return;
      this.error = this.state === 'CLOSE-WAIT' ? 'EPIPE' : 'ECONNRESET';
      return this.done();
    }
    if (h.flags & SYN) return;
    if (this.state === 'TIME-WAIT') {
      if (h.flags & FIN) this.output(ACK);
      return;
    }
    if (h.flags & ACK) this.acked(h.ack);
    const len = packet.totalLength - IP_HEADER_LEN - h.headerLength;
    if (len > 0 && h.seq === this.rcvNxt && this.canReceive()) {
      this.rx.push(packet.data ?? new Uint8Array(len));
      this.rcvNxt = seqAdd(this.rcvNxt, len);
      if (!(h.flags & FIN)) this.output(ACK);
    }
    if (h.flags & FIN && seqAdd(h.seq, len) === this.rcvNxt && this.canReceive()) this.finArrived();
    this.wq.wakeAll();
    this.parent?.wq.wakeAll();
  }

  private canReceive(): boolean {
    return this.state === 'ESTABLISHED' || this.state === 'FIN-WAIT-1' || this.state === 'FIN-WAIT-2';
  }

  private listenSegment(packet: Ipv4Packet, h: TcpHeader): void {
    if (h.flags & RST) return;
    if (h.flags & ACK || !(h.flags & SYN)) return sendReset(this.netns, packet, h);
    const child = new TcpSocket(this.netns);
    child.parent = this;
    child.localAddr = packet.dst;
    child.localPort = this.localPort;
    child.remoteAddr = packet.src;
    child.remotePort = h.sport;
    child.boundDev = this.boundDev;
    child.reuseAddr = this.reuseAddr;
    child.reusePort = this.reusePort;
    child.initSequence();
    child.rcvNxt = seqAdd(h.seq, 1);
    child.tsRecent = h.options?.timestamp?.val ?? 0;
    child.state = 'SYN-RECV';
    tcpTable(this.netns).sockets.add(child);
    child.sendSyn(0);
  }

  private synSentSegment(h: TcpHeader): void {
    const ackOk = (h.flags & ACK) !== 0 && h.ack === seqAdd(this.iss, 1);
    if (h.flags & RST) {
      if (!ackOk) return;
      this.error = 'ECONNREFUSED';
      return this.done();
    }
    if (!(h.flags & SYN) || !ackOk) return;
    this.rcvNxt = seqAdd(h.seq, 1);
    this.sndUna = h.ack;
    this.cancelTimer();
    this.state = 'ESTABLISHED';
    this.output(ACK);
    this.wq.wakeAll();
  }

  /** Our data or FIN acknowledged: the state moves on. */
  private acked(ack: number): void {
    if (this.state === 'SYN-RECV') {
      if (ack !== seqAdd(this.iss, 1)) return;
      this.cancelTimer();
      this.state = 'ESTABLISHED';
      this.sndUna = ack;
      this.parent?.acceptQueue.push(this);
      this.parent?.wq.wakeAll();
      return;
    }
    this.sndUna = ack;
    if (!this.finSent || ack !== this.sndNxt) return;
    if (this.state === 'FIN-WAIT-1') this.state = 'FIN-WAIT-2';
    else if (this.state === 'CLOSING') this.enterTimeWait();
    else if (this.state === 'LAST-ACK') this.done();
  }

  /** tcp_fin: the peer is done sending. */
  private finArrived(): void {
    this.rcvNxt = seqAdd(this.rcvNxt, 1);
    this.finReceived = true;
    if (this.state === 'ESTABLISHED') {
      this.state = 'CLOSE-WAIT';
      // Pingpong mode: the ACK waits for the application's answer (usually its FIN).
      this.delack = this.netns.world.clock.schedule(DELACK_MS, () => this.output(ACK));
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
    this.output(FIN | ACK);
    this.sndNxt = seqAdd(this.sndNxt, 1);
  }

  private enterTimeWait(): void {
    this.state = 'TIME-WAIT';
    this.schedule('timewait', TIME_WAIT_MS, 0, () => this.done());
  }

  /** tcp_send_active_reset. */
  private abort(): void {
    if (this.state !== 'CLOSE' && this.state !== 'SYN-SENT' && this.state !== 'LISTEN')
      this.output(RST | ACK);
    this.done();
  }

  /** tcp_done: the socket leaves the tables. */
  private done(): void {
    this.cancelTimer();
    this.delack?.cancel();
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

  private mss(): number {
    const route = routeOutput(this.netns, { dst: this.remoteAddr, src: this.localAddr });
    const mtu = route.ok ? (route.result.dev?.mtu ?? 1500) : 1500;
    return mtu - 40;
  }

  /** SYN (or SYN-ACK from a request socket), retransmitted after 1, 2, 4... s (tcp_syn_retries 6, tcp_synack_retries 5). */
  private sendSyn(retrans: number): void {
    const synack = this.state === 'SYN-RECV';
    const limit = synack ? 5 : 6;
    this.output(synack ? SYN | ACK : SYN);
    const rto = RTO_INIT_MS * 2 ** retrans;
    this.schedule('on', rto, retrans, () => {
      if (retrans >= limit) {
        this.error = 'ETIMEDOUT';
        return this.done();
      }
      this.sendSyn(retrans + 1);
    });
  }

  private schedule(kind: TcpTimer['kind'], ms: number, retrans: number, fn: () => void): void {
    this.cancelTimer();
    const timer = this.netns.world.clock.schedule(ms, fn);
    this.pendingTimer = timer;
    this.timer = { kind, expires: timer.at, retrans };
  }

  private cancelTimer(): void {
    this.pendingTimer?.cancel();
    this.pendingTimer = null;
    this.timer = null;
  }

  /** tcp_transmit_skb: one segment with Linux's options and windows. */
  private output(flags: number, data?: Uint8Array): void {
    const syn = (flags & SYN) !== 0;
    const rst = (flags & RST) !== 0;
    if (flags & ACK) this.delack?.cancel();
    const ts = { val: (this.tsOffset + Math.floor(this.netns.world.clock.now)) >>> 0, ecr: this.tsRecent };
    const options: TcpOptions | undefined = rst
      ? undefined
      : syn
        ? { mss: this.mss(), sackPermitted: true, timestamp: ts, windowScale: WSCALE }
        : { timestamp: ts };
    const headerLength = TCP_HEADER_LEN + (rst ? 0 : syn ? 20 : 12);
    const window = rst ? 0 : syn ? (this.active ? SYN_WINDOW : SYNACK_WINDOW) : this.active ? 63 : 64;
    const seq = syn ? this.iss : this.sndNxt;
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
