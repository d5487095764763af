import type { Frame } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type { Netns } from '../netns.js';
import type { World } from '../world.js';
import type { PacketType } from '../neigh/arp.js';

/** skb->pkt_type as a packet socket sees it: how the device classified the frame, or outgoing. */
export type CaptureDirection = PacketType | 'outgoing';

/** One frame seen by a packet socket (what AF_PACKET hands to libpcap). */
export interface CapturedFrame {
  readonly link: Link;
  readonly frame: Frame;
  readonly direction: CaptureDirection;
  /** Virtual time in milliseconds (the skb timestamp). */
  readonly time: number;
}

/**
 * A packet socket bound to one device, or to every device of its
 * namespace (`dev === null`, what `tcpdump -i any` opens).
 */
export interface Tap {
  readonly dev: Link | null;
  deliver(captured: CapturedFrame): void;
}

const taps = new WeakMap<Netns, Set<Tap>>();
/** Taps on every device of every namespace of a world (`podpath run --pcap`). */
const worldTaps = new WeakMap<World, Set<(captured: CapturedFrame) => void>>();

/** Taps open in the whole process: while none is, a frame costs one comparison here. */
let openTaps = 0;

/** packet_create + bind: starts delivering frames; returns the close (packet_release). */
export function openTap(netns: Netns, tap: Tap): () => void {
  let set = taps.get(netns);
  if (!set) taps.set(netns, (set = new Set()));
  if (!set.has(tap)) openTaps++;
  set.add(tap);
  return () => {
    if (set.delete(tap)) openTaps--;
  };
}

/** Watches every frame of the world, namespaces created later included; returns the close. */
export function openWorldTap(world: World, cb: (captured: CapturedFrame) => void): () => void {
  let set = worldTaps.get(world);
  if (!set) worldTaps.set(world, (set = new Set()));
  if (!set.has(cb)) openTaps++;
  set.add(cb);
  return () => {
    if (set.delete(cb)) openTaps--;
  };
}

function deliver(link: Link, frame: Frame, direction: CaptureDirection): void {
  if (openTaps === 0) return;
  const set = taps.get(link.netns);
  const all = worldTaps.get(link.netns.world);
  if ((!set || set.size === 0) && (!all || all.size === 0)) return;
  const captured: CapturedFrame = { link, frame, direction, time: link.netns.world.clock.now };
  if (set) for (const tap of [...set]) if (tap.dev === null || tap.dev === link) tap.deliver(captured);
  if (all) for (const cb of [...all]) cb(captured);
}

/**
 * dev_queue_xmit_nit: every frame a device transmits is copied to the
 * namespace's packet sockets first (PACKET_OUTGOING), before the driver
 * may still drop it.
 */
export function tapXmit(link: Link, frame: Frame): void {
  deliver(link, frame, 'outgoing');
}

/**
 * __netif_receive_skb_core's ptype_all walk: a received frame is copied
 * to packet sockets before the bridge's rx_handler or the protocols see
 * it, classified by eth_type_trans (host, broadcast, multicast, otherhost).
 */
export function tapReceive(link: Link, frame: Frame, type: PacketType): void {
  deliver(link, frame, type);
}
