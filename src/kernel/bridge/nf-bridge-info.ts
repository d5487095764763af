import type { Frame, Ipv4Packet } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type { Netns } from '../netns.js';

/**
 * struct nf_bridge_info (include/linux/netfilter_bridge.h) as xt_physdev
 * reads it: the bridge port a bridged frame came in by, and the one it
 * leaves by once the bridge chose it (br_nf_forward_ip).
 */
export interface NfBridgeInfo {
  readonly physIn: Link;
  readonly physOut: Link | null;
  /**
   * bridged_dnat: a DNAT'd frame the bridge device sends to resolve its new
   * destination's MAC; br_dev_xmit hands it back here to go on being
   * bridged from its ingress port.
   */
  readonly bridgedDnat?: (frame: Frame) => void;
}

/**
 * skb->nf_bridge rides on the packet value under a symbol, as the
 * conntrack does (netfilter/conntrack/skb.ts): every copy the stack makes
 * with a spread keeps it, so a frame the bridge passed up still carries it
 * at INPUT, FORWARD and POSTROUTING of the IP stack, as the kernel's skb
 * extension does. It belongs to the namespace that attached it.
 */
const NF_BRIDGE = Symbol('nf_bridge');

interface Attached {
  readonly netns: Netns;
  readonly info: NfBridgeInfo;
}

type Carrier = Ipv4Packet & { readonly [NF_BRIDGE]?: Attached };

/** nf_bridge_info_get: the packet's bridge info in `netns`, or undefined when it was not bridged there. */
export function nfBridgeOf(packet: Ipv4Packet, netns: Netns): NfBridgeInfo | undefined {
  const a = (packet as Carrier)[NF_BRIDGE];
  return a && a.netns === netns ? a.info : undefined;
}

/** The same packet carrying `info` (nf_bridge_info_alloc / physoutdev set). */
export function withNfBridge(packet: Ipv4Packet, netns: Netns, info: NfBridgeInfo): Ipv4Packet {
  const copy: Carrier = { ...packet, [NF_BRIDGE]: { netns, info } };
  return copy;
}

/** The packet without bridge info: it leaves through a port (skb_ext_reset when it crosses a wire). */
export function withoutNfBridge(packet: Ipv4Packet): Ipv4Packet {
  if ((packet as Carrier)[NF_BRIDGE] === undefined) return packet;
  const copy: Carrier = { ...packet, [NF_BRIDGE]: undefined };
  return copy;
}
