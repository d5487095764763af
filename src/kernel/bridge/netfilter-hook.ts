import type { Frame } from '../../net/packet.js';
import type { Bridge } from '../link/bridge.js';
import type { Link } from '../link/link.js';

/**
 * br_netfilter: with net.bridge.bridge-nf-call-iptables on, bridged IPv4
 * traverses the iptables PREROUTING/FORWARD/POSTROUTING hooks. Returns
 * false when the frame is dropped. No netfilter yet: everything passes.
 */
export function brNetfilterForwardHook(bridge: Bridge, _in: Link | null, _out: Link, frame: Frame): boolean {
  if (frame.type !== 'ipv4') return true;
  if (bridge.netns.sysctl.int('net.bridge.bridge-nf-call-iptables') === 0) return true;
  return true;
}
