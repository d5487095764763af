import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO, IP_HEADER_LEN, ICMP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import type { Timer } from '../clock.js';
import type { FibResult } from '../route/fib.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';
import { ICMP } from '../icmp/types.js';

/** An ICMP packet read from the socket (what recvmsg returns), with its arrival time. */
export interface IcmpMessage {
  readonly kind: 'icmp';
  readonly packet: Ipv4Packet;
  readonly at: number;
}

/** An entry of the error queue (IP_RECVERR, SO_EE_ORIGIN_ICMP). */
export interface IcmpErrorReport {
  readonly kind: 'error';
  /** SO_EE_OFFENDER: who sent the ICMP error. */
  readonly offender: IPv4;
  readonly type: number;
  readonly code: number;
  readonly info: number;
  /** The datagram of ours the error quotes. */
  readonly quoted: Ipv4Packet;
  readonly at: number;
}

export type SocketEvent = IcmpMessage | IcmpErrorReport;

/** ICMP_FILTER as iputils ping sets it: replies and errors only. */
const WANTED = new Set<number>([
  ICMP.ECHOREPLY,
  ICMP.DEST_UNREACH,
  ICMP.SOURCE_QUENCH,
  ICMP.REDIRECT,
  ICMP.TIME_EXCEEDED,
  ICMP.PARAMETERPROB,
]);

/**
 * A raw IPPROTO_ICMP socket with IP_RECVERR, what iputils ping opens as
 * root: it sees every ICMP packet delivered to the host (through its filter)
 * and gets ICMP errors quoting its datagrams on an error queue.
 */
export class IcmpSocket {
  boundDev: Link | null = null;
  boundAddr: IPv4 | null = null;
  ttl = 64;
  broadcast = false;
  private readonly queue: SocketEvent[] = [];
  private waiter: ((e: SocketEvent | null) => void) | null = null;
  private timer: Timer | null = null;
  closed = false;

  constructor(readonly netns: Netns) {
    netns.ipv4.sockets.add(this);
  }

  /** bind(): the address must be one of ours. */
  bind(addr: IPv4): ErrnoName | null {
    if (!this.netns.addrs.some((a) => a.local === addr)) return 'EADDRNOTAVAIL';
    this.boundAddr = addr;
    return null;
  }

  /** The route a datagram to `dst` would take (connect() on a probe socket), or its error. */
  route(dst: IPv4): { ok: true; result: FibResult } | { ok: false; error: ErrnoName } {
    const lookup = routeOutput(this.netns, {
      dst,
      src: this.boundAddr ?? undefined,
      oif: this.boundDev ?? undefined,
    });
    if (lookup.ok && lookup.result.type === 'broadcast' && !this.broadcast)
      return { ok: false, error: 'EACCES' };
    if (!lookup.ok) this.netns.mib.routeFailed(lookup.error);
    return lookup;
  }

  /** sendto() of an echo request carrying `data` after the ICMP header. */
  sendEcho(dst: IPv4, id: number, seq: number, data: Uint8Array): ErrnoName | null {
    const route = this.route(dst);
    if (!route.ok) return route.error;
    const packet: Ipv4Packet = {
      src: this.boundAddr ?? route.result.src,
      dst,
      protocol: IPPROTO.ICMP,
      ttl: this.ttl,
      tos: 0,
      id: this.netns.ipv4.nextId(),
      totalLength: IP_HEADER_LEN + ICMP_HEADER_LEN + data.length,
      dontFragment: true,
      l4: { kind: 'icmp', type: ICMP.ECHO, code: 0, id, seq },
      data,
    };
    return ipLocalOut(this.netns, packet, route.result, {
      fromSocket: true,
      oif: this.boundDev ?? undefined,
    });
  }

  /** raw_v4_input: a copy of a received ICMP packet. */
  deliver(packet: Ipv4Packet): void {
    if (packet.l4?.kind !== 'icmp' || !WANTED.has(packet.l4.type)) return;
    if (this.boundAddr !== null && packet.dst !== this.boundAddr) return;
    this.push({ kind: 'icmp', packet, at: this.netns.world.clock.now });
  }

  /** raw_err with IP_RECVERR: an error quoting one of our datagrams. */
  deliverError(report: Omit<IcmpErrorReport, 'kind' | 'at'>): void {
    if (this.boundAddr !== null && report.quoted.src !== this.boundAddr) return;
    this.push({ kind: 'error', ...report, at: this.netns.world.clock.now });
  }

  /** Next event, or null when `timeoutMs` of virtual time pass first (or the socket closes). */
  recv(timeoutMs: number): Promise<SocketEvent | null> {
    const ready = this.queue.shift();
    if (ready || this.closed) return Promise.resolve(ready ?? null);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.timer = this.netns.world.clock.schedule(Math.max(0, timeoutMs), () => this.wake(null));
    });
  }

  close(): void {
    this.closed = true;
    this.netns.ipv4.sockets.delete(this);
    this.wake(null);
  }

  private push(event: SocketEvent): void {
    if (this.closed) return;
    if (this.waiter) this.wake(event);
    else this.queue.push(event);
  }

  private wake(event: SocketEvent | null): void {
    const waiter = this.waiter;
    this.waiter = null;
    this.timer?.cancel();
    this.timer = null;
    waiter?.(event);
  }
}
