import type { Ipv4Packet, L4Header } from '../../net/packet.js';
import type { IPv4 } from '../../net/ipv4.js';
import { ICMP_HEADER_LEN, IP_HEADER_LEN, IPPROTO, TCP_FLAG, UDP_HEADER_LEN } from '../../net/packet.js';
import type { Netns } from '../netns.js';
import { ipLocalOut, routeOutput } from '../ipv4/output.js';
import type { Link } from '../link/link.js';
import type { Veth } from '../link/veth.js';
import { netifReceive } from '../link/rx.js';
import type { TraceRecorder } from './recorder.js';

/** The one packet `podpath trace` sends: what a socket in the namespace would send first. */
export interface SyntheticPacket {
  readonly proto: 'icmp' | 'tcp' | 'udp';
  /** Source address; the route's (inet_select_addr) when absent, as for an unbound socket. */
  readonly src?: IPv4;
  readonly dst: IPv4;
  readonly sport?: number;
  readonly dport?: number;
  readonly ttl?: number;
  /**
   * TCP flags (TCP_FLAG bits); a connect()'s SYN when absent. Anything else
   * is a segment with no connection behind it (an ACK, a RST), as a
   * half-open peer or a scanner sends.
   */
  readonly tcpFlags?: number;
}

/** The first port of ip_local_port_range: a fixed source port keeps traces reproducible. */
const DEFAULT_SPORT = 32768;
const TCP_SYN_HEADER_LEN = 40;
const TCP_BARE_HEADER_LEN = 20;

function l4Of(spec: SyntheticPacket): { protocol: number; l4: L4Header; length: number } {
  const sport = spec.sport ?? DEFAULT_SPORT;
  const dport = spec.dport ?? 0;
  switch (spec.proto) {
    case 'icmp':
      // ping's first echo request: 56 data bytes.
      return {
        protocol: IPPROTO.ICMP,
        l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 },
        length: ICMP_HEADER_LEN + 56,
      };
    case 'udp':
      return { protocol: IPPROTO.UDP, l4: { kind: 'udp', sport, dport }, length: UDP_HEADER_LEN };
    case 'tcp':
      if (spec.tcpFlags !== undefined && spec.tcpFlags !== TCP_FLAG.SYN)
        return bareSegment(sport, dport, spec.tcpFlags);
      // A connect()'s SYN as Linux sends it.
      return {
        protocol: IPPROTO.TCP,
        l4: {
          kind: 'tcp',
          sport,
          dport,
          seq: 0,
          ack: 0,
          flags: TCP_FLAG.SYN,
          window: 64240,
          headerLength: TCP_SYN_HEADER_LEN,
          options: { mss: 1460, sackPermitted: true, timestamp: { val: 0, ecr: 0 }, windowScale: 7 },
        },
        length: TCP_SYN_HEADER_LEN,
      };
  }
}

/** A segment without options (a bare ACK or RST); the ACK field set only with the ACK flag. */
function bareSegment(sport: number, dport: number, flags: number): ReturnType<typeof l4Of> {
  const ack = flags & TCP_FLAG.ACK ? 1 : 0;
  return {
    protocol: IPPROTO.TCP,
    l4: { kind: 'tcp', sport, dport, seq: 1, ack, flags, window: 502, headerLength: TCP_BARE_HEADER_LEN },
    length: TCP_BARE_HEADER_LEN,
  };
}

function datagram(netns: Netns, spec: SyntheticPacket, src: IPv4): Ipv4Packet {
  const { protocol, l4, length } = l4Of(spec);
  return {
    src,
    dst: spec.dst,
    protocol,
    ttl: spec.ttl ?? 64,
    tos: 0,
    id: netns.ipv4.nextId(),
    totalLength: IP_HEADER_LEN + length,
    // IP_PMTUDISC_WANT: Linux sets DF on what its sockets send.
    dontFragment: true,
    l4,
  };
}

/**
 * Sends one followed packet from `netns` through the normal output path
 * (ip_route_output_key, then ip_local_out: OUTPUT, POSTROUTING, the
 * neighbour layer), as if a socket there had sent it. What happens next
 * runs on the world's clock; the recorder collects it.
 */
export function injectPacket(netns: Netns, spec: SyntheticPacket, rec: TraceRecorder): void {
  const route = routeOutput(netns, { dst: spec.dst, src: spec.src });
  const packet = datagram(netns, spec, spec.src ?? (route.ok ? route.result.src : 0));
  const traced = rec.start(netns, packet, 'socket');
  if (!route.ok) {
    rec.routeOutputError(netns, traced, route.error);
    return;
  }
  rec.routeOutput(netns, traced, route.result);
  // An OUTPUT drop (sendmsg's EPERM) is in the trace already.
  ipLocalOut(netns, traced, route.result, { fromSocket: true });
}

/**
 * One followed packet arriving from outside on `dev` (`trace --node N --src
 * IP`): a frame from the wire's other end (the router's MAC, as a routed
 * packet carries) to `dev`'s MAC, received as netif_receive_skb would.
 */
export function injectFrame(
  dev: Link,
  spec: SyntheticPacket & { readonly src: IPv4 },
  rec: TraceRecorder,
): void {
  const netns = dev.netns;
  const packet = rec.start(netns, datagram(netns, spec, spec.src), 'wire');
  const src = dev.kind === 'veth' ? (dev as Veth).peer.mac : WIRE_MAC;
  netifReceive(dev, { src, dst: dev.mac, type: 'ipv4', ip: packet });
}

/** The sender's MAC when the device has no peer to borrow one from: locally administered. */
const WIRE_MAC = '02:00:00:00:00:01';
