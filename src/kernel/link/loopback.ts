import type { Frame } from '../../net/packet.js';
import { ZERO_MAC } from '../../net/mac.js';
import type { Netns } from '../netns.js';
import { Link } from './link.js';
import { netifReceive } from './rx.js';
import { tapXmit } from '../capture/tap.js';

/** `lo`: every frame sent comes straight back in on the same device. */
export class Loopback extends Link {
  readonly kind = 'loopback' as const;

  constructor(netns: Netns, ifindex: number) {
    super(netns, ifindex, 'lo', ZERO_MAC);
    this.mtu = 65536;
  }

  get carrier(): boolean {
    return true;
  }

  xmit(frame: Frame, bytes: number): void {
    tapXmit(this, frame);
    this.stats.txPackets++;
    this.stats.txBytes += bytes;
    this.netns.world.clock.schedule(0, () => {
      this.stats.rxPackets++;
      this.stats.rxBytes += bytes;
      netifReceive(this, frame);
    });
  }
}
