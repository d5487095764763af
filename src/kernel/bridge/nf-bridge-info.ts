import type { Frame, Ipv4Packet } from '../../net/packet.js';
import type { Link } from '../link/link.js';
import type { Netns } from '../netns.js';
import { SkbSlot } from '../skb-slot.js';

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
 * skb->nf_bridge (an skb extension): a frame the bridge passed up still
 * carries it at INPUT, FORWARD and POSTROUTING of the IP stack.
 */
const NF_BRIDGE = new SkbSlot<NfBridgeInfo>('nf_bridge');

/** nf_bridge_info_get: the packet's bridge info in `netns`, or undefined when it was not bridged there. */
export const nfBridgeOf = (packet: Ipv4Packet, netns: Netns): NfBridgeInfo | undefined =>
  NF_BRIDGE.get(packet, netns);

/** The same packet carrying `info` (nf_bridge_info_alloc / physoutdev set). */
export const withNfBridge = (packet: Ipv4Packet, netns: Netns, info: NfBridgeInfo): Ipv4Packet =>
  NF_BRIDGE.set(packet, netns, info);

/** The packet without bridge info: it leaves through a port (skb_ext_reset when it crosses a wire). */
export const withoutNfBridge = (packet: Ipv4Packet): Ipv4Packet => NF_BRIDGE.clear(packet);
