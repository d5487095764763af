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
    if (this.firstFrame === undefined && this.sentHead === this.sentTail) {
      this.firstFrame = frame;
      this.firstBytes = bytes;
      this.firstTo = peer;
    } else {
      const t = this.sentTail++;
      this.sentFrames[t] = frame;
      this.sentBytes[t] = bytes;
      this.sentTo[t] = peer;
    }
    this.netns.world.clock.defer(this.arrive);
  }

  /**
   * The oldest frame sent and not yet arrived, when it was sent with none
   * pending (the lists below hold those sent after it): most ends never
   * have two frames in flight, and lists of their own would cost each of
   * a cluster's 30,000 veths room for 17 frames from its first one.
   */
  private firstFrame: Frame | undefined = undefined;
  private firstBytes = 0;
  private firstTo: Veth | undefined = undefined;

  /**
   * Frames sent and not yet arrived, oldest first, from `sentHead` to `sentTail`:
   * each has a clock event of its own, and as they are all due at once
   * (delay 0, the clock never goes back) they fire in the order sent, so
   * each takes the oldest. One shared callback instead of a closure per
   * frame: the packet path allocates less. The lists keep their room
   * (slots cleared) once empty, so a steady flow reuses it.
   */
  private sentFrames: (Frame | undefined)[] = [];
  private sentBytes: number[] = [];
  private sentTo: (Veth | undefined)[] = [];
  private sentHead = 0;
  private sentTail = 0;

  /** A sent frame's clock event: the oldest one reaches the peer it was sent to, if that is still up and ours. */
  private readonly arrive = (): void => {
    let frame: Frame;
    let bytes: number;
    let peer: Veth;
    if (this.firstFrame !== undefined) {
      frame = this.firstFrame;
      bytes = this.firstBytes;
      peer = this.firstTo!;
      this.firstFrame = this.firstTo = undefined;
    } else {
      const k = this.sentHead++;
      frame = this.sentFrames[k]!;
      bytes = this.sentBytes[k]!;
      peer = this.sentTo[k]!;
      this.sentFrames[k] = undefined;
      this.sentTo[k] = undefined;
      if (this.sentHead === this.sentTail) this.sentHead = this.sentTail = 0;
    }
    if (!peer.adminUp || peer.peer !== this) return;
    peer.stats.rxPackets++;
    peer.stats.rxBytes += bytes;
    netifReceive(peer, frame);
  };
}
