import type { Frame } from '../../net/packet.js';
import type { Mac } from '../../net/mac.js';
import type { Netns } from '../netns.js';
import { Link } from './link.js';
import { Fdb } from '../bridge/fdb.js';
import { bridgeXmit } from '../bridge/forward.js';

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
  /** Whether the MAC was set by the user (else it follows the lowest port MAC). */
  macFixed = false;

  constructor(netns: Netns, ifindex: number, name: string, mac: Mac) {
    super(netns, ifindex, name, mac);
    this.fdb = new Fdb(this);
  }

  /** A bridge has carrier when at least one port is up with carrier (or it has no ports: no). */
  get carrier(): boolean {
    for (const port of this.ports.values()) if (port.link.operUp) return true;
    return false;
  }

  xmit(frame: Frame, bytes: number): void {
    bridgeXmit(this, frame, bytes);
  }
}
