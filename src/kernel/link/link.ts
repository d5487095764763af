import type { Frame } from '../../net/packet.js';
import type { Mac } from '../../net/mac.js';
import type { Netns } from '../netns.js';

export type LinkKind = 'loopback' | 'veth' | 'bridge' | 'dummy';

export interface LinkStats {
  rxPackets: number;
  rxBytes: number;
  rxErrors: number;
  rxDropped: number;
  txPackets: number;
  txBytes: number;
  txErrors: number;
  txDropped: number;
  multicast: number;
}

export const emptyStats = (): LinkStats => ({
  rxPackets: 0,
  rxBytes: 0,
  rxErrors: 0,
  rxDropped: 0,
  txPackets: 0,
  txBytes: 0,
  txErrors: 0,
  txDropped: 0,
  multicast: 0,
});

/**
 * A network device in one namespace (struct net_device). Subclasses model
 * what differs per kind: how a frame leaves (`xmit`) and when carrier is on.
 */
export abstract class Link {
  abstract readonly kind: LinkKind;
  mtu = 1500;
  txqlen = 1000;
  /** dev->group (IFLA_GROUP): `ip link set group`, what -m devgroup matches; 0 is `default`. */
  group = 0;
  /** IFF_UP: what `ip link set up` sets. */
  adminUp = false;
  /** The bridge this device is enslaved to. */
  master: Link | null = null;
  alias: string | null = null;
  readonly stats: LinkStats = emptyStats();

  constructor(
    public netns: Netns,
    public ifindex: number,
    public name: string,
    public mac: Mac,
  ) {}

  /** Whether the device itself has carrier (a veth needs its peer up too). */
  abstract get carrier(): boolean;

  /** IF_OPER_UP when administratively up with carrier. */
  get operUp(): boolean {
    return this.adminUp && this.carrier;
  }

  /** Puts a frame on the wire; delivery on the other side is a scheduled event. */
  abstract xmit(frame: Frame, bytes: number): void;
}
