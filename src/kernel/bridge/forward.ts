import type { Frame } from '../../net/packet.js';
import { BROADCAST_MAC, isMulticastMac } from '../../net/mac.js';
import type { Bridge, BridgePort } from '../link/bridge.js';
import type { Link } from '../link/link.js';
import { portState } from './port-state.js';
import { brNfDevXmit, brNfForward } from './netfilter-hook.js';

/** The bytes a frame counts on a device (14-byte Ethernet header, no padding on veth). */
export function frameBytes(frame: Frame): number {
  return frame.type === 'arp' ? 42 : 14 + frame.ip.totalLength;
}

/** should_deliver: back out the ingress port only in hairpin mode; only forwarding ports. */
function shouldDeliver(bridge: Bridge, port: BridgePort, ingress: Link | null): boolean {
  if (port.link === ingress && !port.hairpin) return false;
  return portState(bridge, port) === 'forwarding';
}

/** __br_forward: each port gets its own copy through FORWARD/POSTROUTING (br_netfilter), then the wire. */
function deliver(bridge: Bridge, port: BridgePort, ingress: Link | null, frame: Frame): void {
  const out = brNfForward(bridge, ingress, port.link, frame);
  if (out) bridge.netns.world.trace?.xmit(bridge.netns, out, port.link);
  if (out) port.link.xmit(out, frameBytes(out));
}

/** br_flood: every eligible port; unknown unicast only to ports with flooding on. */
export function brFlood(bridge: Bridge, frame: Frame, ingress: Link | null): void {
  const unicast = frame.dst !== BROADCAST_MAC && !isMulticastMac(frame.dst);
  // One clock event for all the clones: an underlay of 1,000 nodes floods each ARP request to 999.
  bridge.netns.world.clock.burst(() => {
    for (const port of bridge.ports.values()) {
      if (unicast && !port.flood) continue;
      if (shouldDeliver(bridge, port, ingress)) deliver(bridge, port, ingress, frame);
    }
  });
}

/** br_forward to the one port the FDB names. */
export function brForward(bridge: Bridge, port: BridgePort, frame: Frame, ingress: Link | null): void {
  if (shouldDeliver(bridge, port, ingress)) deliver(bridge, port, ingress, frame);
  else if (port.link === ingress && frame.type === 'ipv4')
    bridge.netns.world.trace?.drop(
      bridge.netns,
      frame.ip,
      'hairpin-off',
      `${bridge.name} port ${port.link.name}`,
    );
}

export function portOf(bridge: Bridge, link: Link | null): BridgePort | undefined {
  return link === null ? undefined : bridge.ports.get(link.ifindex);
}

/**
 * The bridge device's own transmit (br_dev_xmit): frames its L3 side sends
 * go out through the FDB.
 */
export function bridgeXmit(bridge: Bridge, frame: Frame, bytes: number): void {
  if (brNfDevXmit(bridge, frame)) return;
  bridge.stats.txPackets++;
  bridge.stats.txBytes += bytes;
  if (frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst)) {
    brFlood(bridge, frame, null);
    return;
  }
  const entry = bridge.fdb.lookup(frame.dst);
  const port = entry ? portOf(bridge, entry.port) : undefined;
  const tr = bridge.netns.world.trace;
  if (port) tr?.bridge(bridge.netns, bridge, null, frame, 'fdb-hit', port.link);
  else if (!entry) tr?.bridge(bridge.netns, bridge, null, frame, 'flood');
  if (port) brForward(bridge, port, frame, null);
  else if (!entry) brFlood(bridge, frame, null);
}
