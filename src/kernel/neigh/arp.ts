import type { Link } from '../link/link.js';
import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import { isLoopback, isMulticast, prefixContains } from '../../net/ipv4.js';
import { BROADCAST_MAC, ZERO_MAC, type Mac } from '../../net/mac.js';
import type { ArpPacket, Frame } from '../../net/packet.js';
import { devQueueXmit } from '../link/xmit.js';

/** Ethernet header + ARP for IPv4 over Ethernet; veth does not count the padding to 60. */
export const ARP_FRAME_BYTES = 42;

/** How the device classified a received frame (skb->pkt_type). */
export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

export function arpSend(link: Link, op: 1 | 2, dstMac: Mac, arp: Omit<ArpPacket, 'op'>): void {
  const frame: Frame = { src: link.mac, dst: dstMac, type: 'arp', arp: { op, ...arp } };
  devQueueXmit(link, frame, ARP_FRAME_BYTES);
}

/** Whether `addr` is one of this namespace's addresses (inet_addr_type == RTN_LOCAL). */
export function isLocalAddr(netns: Netns, addr: IPv4): boolean {
  return netns.addrs.some((a) => a.local === addr);
}

/**
 * inet_select_addr(dev, dst, RT_SCOPE_LINK): a primary address of the device
 * on dst's subnet, else its first primary of link scope or wider, else any
 * such address in the namespace.
 */
export function selectSourceAddr(netns: Netns, link: Link, dst: IPv4): IPv4 {
  const usable = (scope: string) => scope !== 'host' && scope !== 'nowhere';
  const own = netns.addrsOf(link).filter((a) => !a.secondary && usable(a.scope));
  const onSubnet = own.find((a) => prefixContains({ addr: a.local, len: a.prefixLen }, dst));
  if (onSubnet) return onSubnet.local;
  if (own.length > 0) return own[0].local;
  const any = netns.addrs.find((a) => !a.secondary && (a.scope === 'global' || a.scope === 'site'));
  return any ? any.local : 0;
}

/** arp_solicit with arp_announce=0: the packet's source if it is ours, otherwise the device's best address. */
export function arpSolicit(
  netns: Netns,
  link: Link,
  target: IPv4,
  packetSrc: IPv4 | null,
  unicastTo: Mac | null,
): void {
  const src =
    packetSrc !== null && isLocalAddr(netns, packetSrc) ? packetSrc : selectSourceAddr(netns, link, target);
  arpSend(link, 1, unicastTo ?? BROADCAST_MAC, {
    senderMac: link.mac,
    senderIp: src,
    targetMac: ZERO_MAC,
    targetIp: target,
  });
}

/** arp_process's first checks: requests for multicast or loopback targets are ignored. */
export function arpTargetAcceptable(arp: ArpPacket): boolean {
  return !isMulticast(arp.targetIp) && !isLoopback(arp.targetIp);
}

/** arp_is_garp: a gratuitous ARP announces its own address (sip == tip), replies also with tha == sha. */
export function isGratuitous(arp: ArpPacket): boolean {
  if (arp.senderIp !== arp.targetIp) return false;
  return arp.op === 1 || arp.targetMac === arp.senderMac || arp.targetMac === ZERO_MAC;
}
