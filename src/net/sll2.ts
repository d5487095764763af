import type { Mac } from './mac.js';
import { macBytes } from './ethernet.js';

export const SLL2_HLEN = 20;

/** sll2_pkttype values (PACKET_HOST ... PACKET_OUTGOING in linux/if_packet.h). */
export const SLL_PKTTYPE = { host: 0, broadcast: 1, multicast: 2, otherhost: 3, outgoing: 4 } as const;
export type SllPacketType = keyof typeof SLL_PKTTYPE;

/** ARPHRD_* device types that appear in the cooked header. */
export const ARPHRD_ETHER = 1;
export const ARPHRD_LOOPBACK = 772;

export interface Sll2Header {
  readonly protocol: number;
  readonly ifindex: number;
  readonly hatype: number;
  readonly pkttype: number;
  /** The link-layer source address (the frame's source MAC). */
  readonly addr: Mac;
}

/**
 * The LINUX_SLL2 pseudo-header libpcap builds for `-i any` from the
 * sockaddr_ll of each packet: protocol, ifindex, ARPHRD type, packet
 * type and the 6-byte source address, then the L3 bytes.
 */
export function emitSll2(h: Sll2Header, l3: Uint8Array): Uint8Array {
  const b = new Uint8Array(SLL2_HLEN + l3.length);
  const v = new DataView(b.buffer);
  v.setUint16(0, h.protocol);
  v.setUint32(4, h.ifindex);
  v.setUint16(8, h.hatype);
  b[10] = h.pkttype;
  b[11] = 6;
  b.set(macBytes(h.addr), 12);
  b.set(l3, SLL2_HLEN);
  return b;
}
