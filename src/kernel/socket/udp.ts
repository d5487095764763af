import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO, IP_HEADER_LEN, UDP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';
import { icmpSocketError } from '../icmp/err-convert.js';
import { PortTable } from './ports.js';
import type { IcmpErrorReport } from './icmp-socket.js';
import { WaitQueue } from './wait.js';
import { dropSocketOwner } from './owner.js';

/** A datagram waiting in a socket's receive queue. */
export interface Datagram {
  readonly from: IPv4;
  readonly port: number;
  readonly data: Uint8Array;
}

const tables = new WeakMap<Netns, PortTable<UdpSocket>>();

/** The namespace's UDP sockets (udp_table). */
export function udpTable(netns: Netns): PortTable<UdpSocket> {
  let table = tables.get(netns);
  if (!table) tables.set(netns, (table = new PortTable<UdpSocket>()));
  return table;
}

/** A UDP socket (struct udp_sock): bind, connect, sendmsg, recvmsg, and the pending error (sk_err). */
export class UdpSocket {
  localAddr: IPv4 = 0;
  localPort = 0;
  remoteAddr: IPv4 = 0;
  remotePort = 0;
  reuseAddr = false;
  reusePort = false;
  boundDev: Link | null = null;
  /** sk_err: set by an ICMP error on a connected socket, reported (and cleared) by the next call. */
  error: ErrnoName | null = null;
  /** IP_TTL (traceroute sets it per probe socket). */
  ttl = 64;
  /** IP_MTU_DISCOVER: IP_PMTUDISC_DONT (traceroute) sends without DF. */
  pmtudiscDont = false;
  /** IP_RECVERR: every ICMP error is queued (with its offender) and reported, connected or not. */
  recvErr = false;
  /** MSG_ERRQUEUE: the errors queued under IP_RECVERR, oldest first. */
  readonly errQueue: IcmpErrorReport[] = [];
  readonly rxQueue: Datagram[] = [];
  /** Bytes sent and queued (ss Send-Q is always 0 for UDP: datagrams leave at once). */
  closed = false;
  readonly wq: WaitQueue;

  constructor(readonly netns: Netns) {
    this.wq = new WaitQueue(netns.world.clock);
  }

  /** TCP_ESTABLISHED once connected (ss shows ESTAB), else TCP_CLOSE (UNCONN). */
  get state(): 'ESTAB' | 'UNCONN' {
    return this.remotePort !== 0 ? 'ESTAB' : 'UNCONN';
  }

  /** Bytes waiting to be read (ss Recv-Q counts the queued payload). */
  get recvQueueBytes(): number {
    return this.rxQueue.reduce((n, d) => n + d.data.length, 0);
  }

  bind(addr: IPv4, port: number): ErrnoName | null {
    if (this.localPort !== 0) return 'EINVAL';
    const table = udpTable(this.netns);
    const chosen = table.bindPort(this.netns, this, addr, port);
    if (typeof chosen === 'string') return chosen;
    this.localAddr = addr;
    this.localPort = chosen;
    table.sockets.add(this);
    return null;
  }

  /** ip4_datagram_connect: route, take the route's source if unbound, autobind. */
  connect(addr: IPv4, port: number): ErrnoName | null {
    const route = routeOutput(this.netns, {
      dst: addr,
      src: this.localAddr || undefined,
      oif: this.boundDev ?? undefined,
    });
    if (!route.ok) return this.netns.mib.routeFailed(route.error);
    if (route.result.type === 'broadcast') return 'EACCES';
    if (this.localPort === 0) {
      const err = this.bind(0, 0);
      if (err) return err;
    }
    if (this.localAddr === 0) this.localAddr = route.result.src;
    this.remoteAddr = addr;
    this.remotePort = port;
    return null;
  }

  /** sendmsg on a connected socket (or to `to`): a pending error is returned first. */
  send(data: Uint8Array, to?: { addr: IPv4; port: number }): ErrnoName | null {
    const pending = this.takeError();
    if (pending) return pending;
    const dst = to ?? { addr: this.remoteAddr, port: this.remotePort };
    if (dst.port === 0) return 'EDESTADDRREQ';
    const route = routeOutput(this.netns, {
      dst: dst.addr,
      src: this.localAddr || undefined,
      oif: this.boundDev ?? undefined,
    });
    if (!route.ok) return this.netns.mib.routeFailed(route.error);
    if (this.localPort === 0) {
      const err = this.bind(0, 0);
      if (err) return err;
    }
    const packet: Ipv4Packet = {
      src: this.localAddr || route.result.src,
      dst: dst.addr,
      protocol: IPPROTO.UDP,
      ttl: this.ttl,
      tos: 0,
      id: this.netns.ipv4.nextId(),
      totalLength: IP_HEADER_LEN + UDP_HEADER_LEN + data.length,
      // IP_PMTUDISC_WANT: datagrams that fit the path MTU leave with DF.
      dontFragment: !this.pmtudiscDont,
      l4: { kind: 'udp', sport: this.localPort, dport: dst.port },
      data,
    };
    const err = ipLocalOut(this.netns, packet, route.result, {
      fromSocket: true,
      oif: this.boundDev ?? undefined,
    });
    // udp_send_skb: only a datagram ip_send_skb took counts.
    if (!err) this.netns.mib.udp.OutDatagrams++;
    return err;
  }

  /** recvmsg: the next datagram, the pending error, or null when `timeoutMs` pass (or the socket closes). */
  async recv(timeoutMs = Infinity, peek = false): Promise<Datagram | ErrnoName | null> {
    const deadline = this.netns.world.clock.now + timeoutMs;
    for (;;) {
      if (this.rxQueue.length > 0) {
        if (peek) return this.rxQueue[0];
        // udp_recvmsg counts a datagram when the application reads it, not when it is queued.
        this.netns.mib.udp.InDatagrams++;
        return this.rxQueue.shift()!;
      }
      const pending = this.takeError();
      if (pending) return pending;
      if (this.closed) return null;
      const left = deadline - this.netns.world.clock.now;
      if (left <= 0 || !(await this.wq.wait(left))) return null;
    }
  }

  close(): void {
    // close(2): no process holds it any more, whatever state the connection goes on in.
    dropSocketOwner(this);
    if (this.closed) return;
    this.closed = true;
    udpTable(this.netns).sockets.delete(this);
    this.wq.wakeAll();
  }

  /** sock_error(). */
  takeError(): ErrnoName | null {
    const err = this.error;
    this.error = null;
    return err;
  }

  deliver(d: Datagram): void {
    this.rxQueue.push(d);
    this.wq.wakeAll();
  }
}

/** compute_score: -1 when the socket does not take the datagram, higher for more specific matches. */
function score(
  s: UdpSocket,
  saddr: IPv4,
  sport: number,
  daddr: IPv4,
  dport: number,
  dev: Link | null,
): number {
  if (s.localPort !== dport) return -1;
  let n = 2;
  if (s.localAddr !== 0) {
    if (s.localAddr !== daddr) return -1;
    n += 4;
  }
  if (s.remoteAddr !== 0) {
    if (s.remoteAddr !== saddr) return -1;
    n += 4;
  }
  if (s.remotePort !== 0) {
    if (s.remotePort !== sport) return -1;
    n += 4;
  }
  if (s.boundDev !== null) {
    if (s.boundDev !== dev) return -1;
    n += 4;
  }
  return n;
}

/** __udp4_lib_lookup: the best-scoring socket for a 4-tuple. */
export function udpLookup(
  netns: Netns,
  saddr: IPv4,
  sport: number,
  daddr: IPv4,
  dport: number,
  dev: Link | null,
): UdpSocket | null {
  let best: UdpSocket | null = null;
  let bestScore = -1;
  for (const s of udpTable(netns).sockets) {
    const n = score(s, saddr, sport, daddr, dport, dev);
    if (n > bestScore) [best, bestScore] = [s, n];
  }
  return best;
}

/** udp_rcv: queue the datagram on its socket; false when none takes it (port unreachable). */
export function udpRcv(netns: Netns, dev: Link, packet: Ipv4Packet): boolean {
  const udp = packet.l4;
  if (udp?.kind !== 'udp') return true;
  const sock = udpLookup(netns, packet.src, udp.sport, packet.dst, udp.dport, dev);
  if (!sock) return false;
  const length = packet.totalLength - IP_HEADER_LEN - UDP_HEADER_LEN;
  sock.deliver({ from: packet.src, port: udp.sport, data: packet.data ?? new Uint8Array(length) });
  return true;
}

/**
 * __udp4_lib_err: an ICMP error quoting one of our datagrams. Without
 * IP_RECVERR only a hard error on a connected socket is kept (sk_err);
 * with it every error is queued (ip_icmp_error) and set as sk_err.
 */
export function udpErr(
  netns: Netns,
  type: number,
  code: number,
  quoted: Ipv4Packet,
  offender: IPv4 = 0,
  info = 0,
): void {
  const udp = quoted.l4;
  if (udp?.kind !== 'udp') return;
  const sock = udpLookup(netns, quoted.dst, udp.dport, quoted.src, udp.sport, null);
  const err = icmpSocketError(type, code);
  if (!sock || !err) return;
  if (sock.recvErr) {
    const at = netns.world.clock.now;
    sock.errQueue.push({ kind: 'error', offender, type, code, info, quoted, at });
  } else if (!err.fatal || sock.state !== 'ESTAB') return;
  sock.error = err.errno;
  sock.wq.wakeAll();
}
