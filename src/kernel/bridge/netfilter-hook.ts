import type { Frame, Ipv4Packet } from '../../net/packet.js';
import { BROADCAST_MAC, isMulticastMac } from '../../net/mac.js';
import type { Bridge } from '../link/bridge.js';
import type { Link } from '../link/link.js';
import type { HookState } from '../netfilter/hooks.js';
import type { Hook } from '../netfilter/types.js';
import { nfHook } from '../netfilter/hooks.js';
import { NUD_CONNECTED } from '../neigh/nud.js';
import { nfBridgeOf, withNfBridge, withoutNfBridge } from './nf-bridge-info.js';

type Ipv4Frame = Frame & { readonly type: 'ipv4' };

/**
 * br_netfilter (net/bridge/br_netfilter_hooks.c): with
 * net.bridge.bridge-nf-call-iptables on in the bridge's namespace (the
 * default in every namespace), bridged IPv4 goes through the same iptables
 * hooks as routed IPv4, with the bridge device as `-i`/`-o` and its ports
 * as physdev. ARP is arptables' business, never iptables'.
 */
function callsIptables(bridge: Bridge, frame: Frame): frame is Ipv4Frame {
  return frame.type === 'ipv4' && bridge.netns.sysctl.int('net.bridge.bridge-nf-call-iptables') !== 0;
}

/**
 * The skb fields the hook sees: br_netfilter turns PACKET_OTHERHOST into
 * PACKET_HOST while iptables runs (pkt_otherhost), so a bridged unicast
 * frame is `host` whichever MAC it is for; a broadcast or multicast frame
 * has no route an ICMP error may answer (icmp_send checks pkt_type).
 */
function hookState(bridge: Bridge, frame: Frame, hook: Hook): HookState {
  const type = frame.dst === BROADCAST_MAC ? 'broadcast' : isMulticastMac(frame.dst) ? 'multicast' : 'host';
  return {
    in: hook === 'POSTROUTING' ? null : bridge,
    out: hook === 'PREROUTING' ? null : bridge,
    l2: { src: frame.src, dst: frame.dst, type },
    route: { input: true, local: false, broadcast: type !== 'host' },
  };
}

/** One iptables hook on a bridged packet; null when a table dropped it. */
function runHook(bridge: Bridge, frame: Frame, hook: Hook, packet: Ipv4Packet): Ipv4Packet | null {
  const netns = bridge.netns;
  if (!netns.netfilter.active) return packet;
  return nfHook(netns, hook, packet, hookState(bridge, frame, hook))?.packet ?? null;
}

/**
 * br_nf_pre_routing, before the bridge looks at the FDB: PREROUTING with
 * `-i` the bridge and physdev-in the port, then `okfn` (the rest of
 * br_handle_frame) with the frame, unless a table dropped it. The frame goes
 * on carrying its bridge info (so the IP stack skips PREROUTING when the
 * frame is for the bridge itself: ip_sabotage_in) and whatever mangle or
 * nat did to it. The mark it had stays in the namespace that set it
 * (skb_scrub_packet on the way in).
 */
export function brNfPreRouting(bridge: Bridge, port: Link, frame: Frame, okfn: (frame: Frame) => void): void {
  if (!callsIptables(bridge, frame)) return okfn(frame);
  const ip = frame.ip.mark ? { ...frame.ip, mark: 0 } : frame.ip;
  const info = { physIn: port, physOut: null };
  const packet = runHook(bridge, frame, 'PREROUTING', withNfBridge(ip, bridge.netns, info));
  if (!packet) return;
  if (packet.dst === ip.dst) return okfn({ ...frame, ip: packet });
  preRoutingFinishDnat(bridge, { ...frame, ip: packet }, okfn);
}

/**
 * br_nf_pre_routing_finish after DNAT changed the destination: route it.
 * A destination behind the bridge itself stays bridged (bridged_dnat: no
 * IP forwarding, no TTL decrement) with the neighbour's MAC as the new
 * destination, resolved by the bridge device first when it is not known.
 * Anything else goes up to the IP stack, addressed to the bridge. A
 * destination the input route refuses (forwarding off) is dropped
 * (measured on Linux 6.18, where the old fallback for bridged DNAT
 * without ip_forward no longer saves it).
 */
function preRoutingFinishDnat(bridge: Bridge, frame: Ipv4Frame, okfn: (frame: Frame) => void): void {
  const netns = bridge.netns;
  const ip = frame.ip;
  const route = netns.ipv4.routeInput({ dst: ip.dst, src: ip.src, iif: bridge, tos: ip.tos, mark: ip.mark });
  if (!route.ok) return;
  const res = route.result;
  if (res.dev !== bridge) return okfn({ ...frame, dst: bridge.mac });
  const nexthop = res.gateway ?? ip.dst;
  const n = netns.neigh.lookup(bridge, nexthop);
  if (n?.lladdr && n.state & NUD_CONNECTED) return okfn({ ...frame, dst: n.lladdr });
  const info = nfBridgeOf(ip, netns)!;
  const bridgedDnat = (sent: Frame) => okfn({ ...sent, src: frame.src });
  netns.neigh.output(bridge, nexthop, withNfBridge(ip, netns, { ...info, bridgedDnat }));
}

/**
 * br_nf_dev_xmit_hook: what the bridge device sends for a bridged DNAT
 * (once its neighbour is resolved) goes back to being bridged from its
 * ingress port with its own source MAC. True when the frame was taken.
 */
export function brNfDevXmit(bridge: Bridge, frame: Frame): boolean {
  if (frame.type !== 'ipv4') return false;
  const info = nfBridgeOf(frame.ip, bridge.netns);
  if (!info?.bridgedDnat) return false;
  const ip = withNfBridge(frame.ip, bridge.netns, { physIn: info.physIn, physOut: null });
  info.bridgedDnat({ ...frame, ip });
  return true;
}

/**
 * br_nf_forward_ip then br_nf_post_routing for one egress port: FORWARD
 * (`-i` and `-o` the bridge) and POSTROUTING (`-o` the bridge), physdev-in
 * and physdev-out the ports. Only frames that came in bridged have the
 * info that sends them there: what the bridge device itself transmits
 * (`ingress` null: locally generated or routed out through the bridge) went
 * through OUTPUT/POSTROUTING of the IP stack already. The frame leaves
 * without its bridge info. Null when a table dropped it.
 */
export function brNfForward(bridge: Bridge, ingress: Link | null, out: Link, frame: Frame): Frame | null {
  if (frame.type !== 'ipv4') return frame;
  const info = ingress && nfBridgeOf(frame.ip, bridge.netns);
  let packet: Ipv4Packet | null = frame.ip;
  if (info) {
    packet = withNfBridge(packet, bridge.netns, { physIn: info.physIn, physOut: out });
    packet = runHook(bridge, frame, 'FORWARD', packet);
    if (packet) packet = runHook(bridge, frame, 'POSTROUTING', packet);
    if (!packet) return null;
  }
  const ip = withoutNfBridge(packet);
  return ip === frame.ip ? frame : { ...frame, ip };
}
