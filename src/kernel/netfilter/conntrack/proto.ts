import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';
import type { Netns } from '../../netns.js';
import type { Conn, CtInfo } from './conn.js';
import { generic } from './proto-generic.js';
import { icmp } from './proto-icmp.js';
import { udp } from './proto-udp.js';
import { tcp } from './proto-tcp.js';

/**
 * What a tracker says about a packet (the sign of nf_conntrack_handle_packet):
 * ACCEPT, INVALID (-NF_ACCEPT: the packet goes on without an entry), KILL
 * (the entry dies, the packet still carries it), REPEAT (-NF_REPEAT: the
 * entry dies and the packet is looked up again, as a SYN re-opening a
 * closed connection).
 */
export type TrackVerdict = 'ACCEPT' | 'INVALID' | 'KILL' | 'REPEAT';

/** struct nf_conntrack_l4proto, the parts emulated. */
export interface L4Tracker {
  /** The name ctnetlink dumps and conntrack prints. */
  readonly name: string;
  /** ->new / the checks in *_packet for an unconfirmed entry: may this packet start a flow? */
  newConn(conn: Conn, packet: Ipv4Packet): boolean;
  /** ->packet: update the private state and refresh the timeout. */
  packet(conn: Conn, packet: Ipv4Packet, info: CtInfo, netns: Netns): TrackVerdict;
}

/** A timeout sysctl (seconds) in ms. */
export const sysctlMs = (netns: Netns, name: string): number => netns.sysctl.int(sysctlKey(name)) * 1000;

/** Full key names, built once per timeout: trackers read one for every packet. */
const keys = new Map<string, string>();

function sysctlKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) keys.set(name, (key = `net.netfilter.nf_conntrack_${name}`));
  return key;
}

export function trackerFor(proto: number): L4Tracker {
  switch (proto) {
    case IPPROTO.ICMP:
      return icmp;
    case IPPROTO.UDP:
      return udp;
    case IPPROTO.TCP:
      return tcp;
    default:
      return generic;
  }
}
