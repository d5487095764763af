import type { Netns } from '../../kernel/netns.js';
import type { Link } from '../../kernel/link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { TcpHeader } from '../../net/packet.js';
import { TCP_FLAG, TCP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../../kernel/errno.js';
import type { WaitQueue } from '../../kernel/socket/wait.js';
import type { IcmpErrorReport } from '../../kernel/socket/icmp-socket.js';
import { IcmpSocket } from '../../kernel/socket/icmp-socket.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { RawTcpSocket } from '../../kernel/socket/raw-tcp.js';
import { routeOutput } from '../../kernel/ipv4/output.js';
import { ICMP } from '../../kernel/icmp/types.js';
import type { Probe } from './probe.js';
import { icmpResult } from './probe.js';

/** A fatal socket call, printed as perror does after a newline (error() in traceroute.c, exit 1). */
export class SocketFailure extends Error {
  constructor(
    readonly call: string,
    readonly errno: ErrnoName,
  ) {
    super(call);
  }
}

/** Where probes leave from: -s and -i (bind_socket). */
export interface Endpoint {
  readonly netns: Netns;
  readonly dst: IPv4;
  readonly src: IPv4 | null;
  readonly dev: Link | null;
}

/** A traceroute module (tr_module): how probes are sent and answers matched. */
export interface ProbeMethod {
  /** send_probe: leaves `probe.sent` false when the send must be retried later (ENOBUFS). */
  send(probe: Probe, ttl: number): void;
  /** do_poll + recv_probe: waits up to `ms` for answers and records them. */
  poll(ms: number): Promise<void>;
  close(): void;
}

/** recv_reply's bookkeeping for an answer to `probe`. */
function answered(probe: Probe, now: number, from: IPv4, error?: IcmpErrorReport): void {
  probe.recvTime = now;
  probe.res = error ? error.offender : from;
  if (error) {
    const r = icmpResult(error.type, error.code, error.info);
    probe.errStr = r.errStr;
    probe.final = r.final;
  }
  probeDone(probe);
}

export function probeDone(probe: Probe): void {
  probe.release?.();
  probe.release = null;
  probe.seq = 0;
  probe.done = true;
}

/** Waits until any of the queues is woken or `ms` of virtual time pass. */
function waitAny(netns: Netns, queues: readonly WaitQueue[], ms: number): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      timer.cancel();
      resolve();
    };
    const timer = netns.world.clock.schedule(ms, finish);
    // Waiters left on other sockets resolve when those sockets close.
    for (const q of queues) void q.wait().then(finish);
  });
}

/** do_send: ENOBUFS (and EAGAIN) is retried later, EMSGSIZE is left to IP_RECVERR, anything else is fatal. */
function sendResult(err: ErrnoName | null, probe: Probe, now: number): void {
  if (err === 'ENOBUFS') return;
  if (err && err !== 'EMSGSIZE') throw new SocketFailure('send', err);
  probe.sent = true;
  probe.sendTime = now;
}

/** The "default" module: one connected UDP socket per probe, to port 33434 and up. */
export class UdpMethod implements ProbeMethod {
  private port: number;
  private readonly live = new Map<UdpSocket, Probe>();

  constructor(
    private readonly at: Endpoint,
    port: number,
    private readonly dataLen: number,
  ) {
    this.port = port || 33434;
  }

  send(probe: Probe, ttl: number): void {
    const { netns } = this.at;
    const sock = new UdpSocket(netns);
    sock.boundDev = this.at.dev;
    sock.pmtudiscDont = true;
    const bindErr = sock.bind(this.at.src ?? 0, 0);
    if (bindErr) throw new SocketFailure('bind', bindErr);
    sock.ttl = ttl;
    const err = sock.connect(this.at.dst, this.port);
    if (err) throw new SocketFailure('connect', err);
    sock.recvErr = true;
    // fill_data: 0x40, 0x41, ...
    const data = Uint8Array.from({ length: this.dataLen }, (_, i) => 0x40 + (i & 0x3f));
    sendResult(sock.send(data), probe, netns.world.clock.now);
    if (!probe.sent) return sock.close();
    probe.seq = this.port++;
    probe.release = () => (this.live.delete(sock), sock.close());
    this.live.set(sock, probe);
  }

  async poll(ms: number): Promise<void> {
    const ready = () => [...this.live].filter(([s]) => s.errQueue.length > 0 || s.rxQueue.length > 0);
    if (ready().length === 0)
      await waitAny(
        this.at.netns,
        [...this.live.keys()].map((s) => s.wq),
        ms,
      );
    const now = this.at.netns.world.clock.now;
    for (const [sock, probe] of ready()) {
      const error = sock.errQueue.shift();
      if (error) {
        const quoted = error.quoted.l4;
        if (quoted?.kind === 'udp' && quoted.dport === probe.seq) answered(probe, now, 0, error);
        continue;
      }
      const datagram = sock.rxQueue.shift()!;
      if (datagram.port !== probe.seq) continue;
      probe.final = true;
      answered(probe, now, datagram.from);
    }
  }

  close(): void {
    for (const sock of this.live.keys()) sock.close();
    this.live.clear();
  }
}

/** The "icmp" module (-I): echo requests on one raw ICMP socket, the TTL set before each. */
export class IcmpMethod implements ProbeMethod {
  private readonly sock: IcmpSocket;
  private readonly ident: number;
  private seq: number;
  private readonly byseq = new Map<number, Probe>();

  constructor(
    private readonly at: Endpoint,
    port: number,
    private readonly dataLen: number,
  ) {
    this.sock = new IcmpSocket(at.netns);
    this.sock.boundDev = at.dev;
    this.seq = port || 1;
    this.ident = at.netns.world.rng.below(0x10000);
  }

  /** icmp_init's bind and connect. */
  open(): void {
    if (this.at.src !== null) {
      const err = this.sock.bind(this.at.src);
      if (err) throw new SocketFailure('bind', err);
    }
    const route = this.sock.route(this.at.dst);
    if (!route.ok) throw new SocketFailure('connect', route.error);
  }

  send(probe: Probe, ttl: number): void {
    this.sock.ttl = ttl;
    const data = Uint8Array.from({ length: this.dataLen - 8 }, (_, i) => 0x40 + ((i + 8) & 0x3f));
    const seq = this.seq & 0xffff;
    sendResult(this.sock.sendEcho(this.at.dst, this.ident, seq, data), probe, this.at.netns.world.clock.now);
    if (!probe.sent) return;
    probe.seq = seq;
    this.byseq.set(seq, probe);
    this.seq++;
  }

  /** One message per poll, as from the one descriptor real traceroute polls. */
  async poll(ms: number): Promise<void> {
    const event = await this.sock.recv(ms);
    if (!event) return;
    const now = this.at.netns.world.clock.now;
    if (event.kind === 'error') {
      const q = event.quoted.l4;
      if (q?.kind !== 'icmp' || q.type !== ICMP.ECHO || q.id !== this.ident) return;
      const probe = this.byseq.get(q.seq ?? -1);
      if (probe && !probe.done) answered(probe, now, 0, event);
      return;
    }
    const { packet } = event;
    const icmp = packet.l4;
    // The socket is connected to the target: nothing from elsewhere is read.
    if (packet.src !== this.at.dst || icmp?.kind !== 'icmp' || icmp.type !== ICMP.ECHOREPLY) return;
    if (icmp.id !== this.ident) return;
    const probe = this.byseq.get(icmp.seq ?? -1);
    if (!probe || probe.done) return;
    probe.final = true;
    answered(probe, now, packet.src);
  }

  close(): void {
    this.sock.close();
  }
}

const tcpSysctl = (netns: Netns, name: string): boolean =>
  (netns.sysctl.get(`net.ipv4.tcp_${name}`) ?? '').trim() === '1';

/** The "tcp" module (-T): hand-made SYNs on a raw TCP socket, each from a port a bound socket holds. */
export class TcpMethod implements ProbeMethod {
  private readonly raw: RawTcpSocket;
  private readonly bysport = new Map<number, Probe>();
  private src: IPv4 = 0;
  private mss = 536;
  /** The SYN's options, as tcp_init builds them from the tcp_* sysctls. */
  readonly headerLength: number;
  private readonly sack: boolean;
  private readonly timestamps: boolean;
  private readonly wscale: boolean;

  constructor(
    private readonly at: Endpoint,
    private readonly port: number,
  ) {
    this.raw = new RawTcpSocket(at.netns, at.dst);
    this.sack = tcpSysctl(at.netns, 'sack');
    this.timestamps = tcpSysctl(at.netns, 'timestamps');
    this.wscale = tcpSysctl(at.netns, 'window_scaling');
    this.headerLength =
      TCP_HEADER_LEN + 4 + (this.timestamps ? 12 : this.sack ? 4 : 0) + (this.wscale ? 4 : 0);
  }

  /** tcp_init's connect, getsockname and IP_MTU. */
  open(): void {
    const route = routeOutput(this.at.netns, {
      dst: this.at.dst,
      src: this.at.src ?? undefined,
      oif: this.at.dev ?? undefined,
    });
    if (!route.ok) throw new SocketFailure('connect', route.error);
    this.src = this.at.src ?? route.result.src;
    this.mss = Math.max(route.result.dev?.mtu ?? 1500, 576) - 40;
  }

  send(probe: Probe, ttl: number): void {
    const { netns } = this.at;
    const holder = new TcpSocket(netns);
    holder.boundDev = this.at.dev;
    const err = holder.bind(this.at.src ?? 0, 0);
    if (err) throw new SocketFailure('bind', err);
    const rng = netns.world.rng;
    const header: TcpHeader = {
      kind: 'tcp',
      sport: holder.localPort,
      dport: this.port,
      seq: rng.u32(),
      ack: 0,
      flags: TCP_FLAG.SYN,
      window: 4 * this.mss,
      headerLength: this.headerLength,
      options: {
        mss: this.mss,
        sackPermitted: this.sack || undefined,
        timestamp: this.timestamps ? { val: rng.u32(), ecr: 0 } : undefined,
        windowScale: this.wscale ? 2 : undefined,
      },
    };
    this.raw.ttl = ttl;
    sendResult(this.raw.send(this.src, header), probe, netns.world.clock.now);
    if (!probe.sent) return holder.close();
    probe.seq = holder.localPort;
    this.bysport.set(holder.localPort, probe);
    probe.release = () => holder.close();
  }

  /** One message per poll; the error queue first (POLLERR). */
  async poll(ms: number): Promise<void> {
    const raw = this.raw;
    if (raw.errQueue.length === 0 && raw.rxQueue.length === 0) await waitAny(this.at.netns, [raw.wq], ms);
    const now = this.at.netns.world.clock.now;
    const error = raw.errQueue.shift();
    if (error) {
      const q = error.quoted.l4;
      if (q?.kind !== 'tcp' || q.dport !== this.port) return;
      const probe = this.bysport.get(q.sport);
      if (probe && !probe.done) answered(probe, now, 0, error);
      return;
    }
    const packet = raw.rxQueue.shift();
    const h = packet?.l4;
    if (!packet || h?.kind !== 'tcp' || h.sport !== this.port) return;
    const probe = this.bysport.get(h.dport);
    if (!probe || probe.done) return;
    probe.final = true;
    answered(probe, now, packet.src);
  }

  close(): void {
    for (const probe of this.bysport.values()) probe.release?.();
    this.raw.close();
  }
}
