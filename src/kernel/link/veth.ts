import type { Frame } from '../../net/packet.js';
import type { Mac } from '../../net/mac.js';
import type { Netns } from '../netns.js';
import { Link } from './link.js';
import { netifReceive } from './rx.js';
import { tapXmit } from '../capture/tap.js';

/**
 * One end of a veth pair. Carrier is on only while both ends are up
 * (veth_open/veth_close); what one end sends arrives on the other as a
 * scheduled event, possibly in another namespace.
 */
export class Veth extends Link {
  readonly kind = 'veth' as const;
  /** The other end; set right after both ends exist. */
  peer!: Veth;

  constructor(netns: Netns, ifindex: number, name: string, mac: Mac) {
    super(netns, ifindex, name, mac);
  }

  get carrier(): boolean {
    return this.adminUp && this.peer.adminUp;
  }

  /**
   * veth_xmit: counted on this end; dropped (tx_dropped) when the peer is
   * not running. Without carrier (the peer down) a frame never gets here:
   * devQueueXmit loses it at the qdisc, before any tap.
   */
  xmit(frame: Frame, bytes: number): void {
    tapXmit(this, frame);
    const peer = this.peer;
    if (!peer.adminUp) {
      this.stats.txDropped++;
      return;
    }
    this.stats.txPackets++;
    this.stats.txBytes += bytes;
    this.netns.world.clock.schedule(0, () => {
      if (!peer.adminUp || peer.peer !== this) return;
      peer.stats.rxPackets++;
      peer.stats.rxBytes += bytes;
      netifReceive(peer, frame);
    });
  }
}
