import type { Frame } from '../../net/packet.js';
import { Link } from './link.js';
import { tapXmit } from '../capture/tap.js';

/** A dummy device: always has carrier; what it sends is counted and dropped. */
export class Dummy extends Link {
  readonly kind = 'dummy' as const;

  get carrier(): boolean {
    return true;
  }

  xmit(frame: Frame, bytes: number): void {
    tapXmit(this, frame);
    this.stats.txPackets++;
    this.stats.txBytes += bytes;
  }
}
