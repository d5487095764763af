import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet, TcpHeader } from '../../net/packet.js';
import { IPPROTO, IP_HEADER_LEN } from '../../net/packet.js';
import type { ErrnoName } from '../errno.js';
import { routeOutput, ipLocalOut } from '../ipv4/output.js';
import type { IcmpErrorReport } from './icmp-socket.js';
import { WaitQueue } from './wait.js';

const tables = new WeakMap<Netns, Set<RawTcpSocket>>();

/** The namespace's open raw IPPROTO_TCP sockets (raw_v4_hashinfo, TCP bucket). */
function rawTcpSockets(netns: Netns): Set<RawTcpSocket> {
  let set = tables.get(netns);
  if (!set) tables.set(netns, (set = new Set()));
  return set;
}

/**
 * A raw IPPROTO_TCP socket, connected to one peer, with IP_RECVERR: what
 * traceroute -T opens (root only). It sends TCP headers it built itself and
 * sees a copy of every TCP segment that peer delivers to this host (the
 * kernel's TCP still answers them), and ICMP errors quoting its segments
 * on its error queue.
 */
export class RawTcpSocket {
  /** IP_TTL. */
  ttl = 64;
  readonly rxQueue: Ipv4Packet[] = [];
  readonly errQueue: IcmpErrorReport[] = [];
  closed = false;
  readonly wq: WaitQueue;

  constructor(
    readonly netns: Netns,
    /** connect(): only segments from this address are received. */
    readonly peer: IPv4,
  ) {
    this.wq = new WaitQueue(netns.world.clock);
    rawTcpSockets(netns).add(this);
  }

  /** sendto() of one segment; the kernel adds the IP header (no IP_HDRINCL). */
  send(src: IPv4, header: TcpHeader): ErrnoName | null {
    const route = routeOutput(this.netns, { dst: this.peer, src });
    if (!route.ok) return route.error;
    const packet: Ipv4Packet = {
      src,
      dst: this.peer,
      protocol: IPPROTO.TCP,
      ttl: this.ttl,
      tos: 0,
      id: this.netns.ipv4.nextId(),
      totalLength: IP_HEADER_LEN + header.headerLength,
      dontFragment: false,
      l4: header,
    };
    return ipLocalOut(this.netns, packet, route.result, { fromSocket: true });
  }

  close(): void {
    this.closed = true;
    rawTcpSockets(this.netns).delete(this);
    this.wq.wakeAll();
  }
}

/** raw_v4_input for TCP: a copy for every raw TCP socket connected to the sender. */
export function rawTcpDeliver(netns: Netns, packet: Ipv4Packet): void {
  for (const sock of rawTcpSockets(netns)) {
    if (sock.peer !== packet.src) continue;
    sock.rxQueue.push(packet);
    sock.wq.wakeAll();
  }
}

/** raw_icmp_error for TCP: an ICMP error quoting a segment sent to a raw socket's peer. */
export function rawTcpErr(netns: Netns, report: Omit<IcmpErrorReport, 'kind' | 'at'>): void {
  for (const sock of rawTcpSockets(netns)) {
    if (sock.peer !== report.quoted.dst) continue;
    sock.errQueue.push({ kind: 'error', ...report, at: netns.world.clock.now });
    sock.wq.wakeAll();
  }
}
