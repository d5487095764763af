import type { Frame } from '../../net/packet.js';
import type { Link } from './link.js';

/**
 * dev_queue_xmit: hands a frame to the device's driver. A device that is
 * down or has lost its carrier has the noop qdisc (dev_close and
 * linkwatch's dev_deactivate install it), which drops every frame before a
 * packet socket sees it and counts it in tx_dropped (measured on 6.18:
 * tcpdump on a router's veth whose peer is down captures neither the
 * forwarded packets nor its ARP probes; each one adds 1 to TX dropped).
 * Returns whether the frame reached the driver.
 */
export function devQueueXmit(link: Link, frame: Frame, bytes: number): boolean {
  const trace = link.netns.world.trace;
  if (!link.operUp) {
    link.stats.txDropped++;
    if (frame.type === 'ipv4') trace?.drop(link.netns, frame.ip, 'link-down', link.name);
    return false;
  }
  trace?.xmit(link.netns, frame, link);
  link.xmit(frame, bytes);
  return true;
}
