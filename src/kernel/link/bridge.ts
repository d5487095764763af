import type { Frame } from '../../net/packet.js';
import type { Mac } from '../../net/mac.js';
import type { Netns } from '../netns.js';
import { Link } from './link.js';
import { Fdb } from '../bridge/fdb.js';
import { bridgeXmit } from '../bridge/forward.js';
import { tapXmit } from '../capture/tap.js';

/** Per-port bridge settings (struct net_bridge_port flags), as `bridge link` and `ip -d link` show them. */
export interface BridgePort {
  readonly link: Link;
  hairpin: boolean;
  learning: boolean;
  flood: boolean;
  /** STP port state; without STP a port of an up bridge is forwarding. */
  state: 'disabled' | 'listening' | 'learning' | 'forwarding' | 'blocking';
  cost: number;
  priority: number;
}

/**
 * A Linux bridge device: its own L3 interface plus a set of ports. The
 * device model (ports, flags, timers' settings) lives here; forwarding and
 * the FDB live in kernel/bridge/.
 */
export class Bridge extends Link {
  readonly kind = 'bridge' as const;
  readonly ports = new Map<number, BridgePort>();
  readonly fdb: Fdb;
  /** ageing_time in centiseconds, as iproute2 shows it (default 300 s). */
  ageingTime = 30000;
  stpState = 0;
  forwardDelay = 1500;
  helloTime = 200;
  maxAge = 2000;
  priority = 0x8000;
  vlanFiltering = false;
  /** IGMP/MLD snooping; on, the bridge also joins the snoopers group (it sends no IGMP here either way). */
  mcastSnooping = true;
  /** Whether the MAC was set by the user (else it follows the lowest port MAC). */
  macFixed = false;
  /** One more at each change of its ports or of their or its own address: the FDB's local entries follow them. */
  portsVersion = 0;
  /** Whether the MTU was set by the user (else it follows the smallest port MTU). */
  mtuFixed = false;
  /**
   * netif_carrier_ok: on at creation; from the first port state selection
   * (a port added or removed, a port going up or down, a user MAC) on, it
   * says whether some port forwards.
   */
  carrierOn = true;
  /** Whether a carrier event ever happened (until then the operstate stays UNKNOWN). */
  carrierEvented = false;

  constructor(netns: Netns, ifindex: number, name: string, mac: Mac) {
    super(netns, ifindex, name, mac);
    this.fdb = new Fdb(this);
  }

  get carrier(): boolean {
    return this.carrierOn;
  }

  /** br_port_state_selection: carrier follows whether any port can forward. */
  selectPorts(): void {
    this.carrierEvented = true;
    this.carrierOn = this.adminUp && [...this.ports.values()].some((p) => p.link.operUp);
  }

  xmit(frame: Frame, bytes: number): void {
    tapXmit(this, frame);
    bridgeXmit(this, frame, bytes);
  }
}
