import type { Timer } from '../clock.js';
import type { Link } from '../link/link.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { Mac } from '../../net/mac.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { NudState } from './nud.js';

/** One neighbour entry (struct neighbour) for (device, IPv4 key). */
export interface Neighbour {
  readonly link: Link;
  readonly key: IPv4;
  state: NudState;
  /** neigh->ha: meaningful only while the state is NUD_VALID. */
  lladdr: Mac | null;
  probes: number;
  /** Virtual times (ms) of last use, last confirmation and last change. */
  used: number;
  confirmed: number;
  updated: number;
  timer: Timer | null;
  /** Packets waiting for resolution (arp_queue), with the bytes they count against unres_qlen_bytes. */
  queue: { packet: Ipv4Packet; truesize: number }[];
  queueBytes: number;
}
