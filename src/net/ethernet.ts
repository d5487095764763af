import type { ArpPacket, Frame } from './packet.js';
import { ETH_P_ARP, ETH_P_IP } from './packet.js';
import type { Mac } from './mac.js';
import { emitIpv4 } from './emit.js';

export const ETH_HLEN = 14;
export const ARP_LEN = 28;

export function macBytes(mac: Mac): number[] {
  return mac.split(':').map((b) => parseInt(b, 16));
}

export function formatMacBytes(b: Uint8Array, at: number): Mac {
  return Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

const put32 = (b: Uint8Array, at: number, v: number) => {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
};

/** An ARP packet for IPv4 over Ethernet (RFC 826): 28 bytes, no padding (veth does not pad to 60). */
export function emitArp(a: ArpPacket): Uint8Array {
  const b = new Uint8Array(ARP_LEN);
  b.set([0, 1, 0x08, 0x00, 6, 4, 0, a.op]);
  b.set(macBytes(a.senderMac), 8);
  put32(b, 14, a.senderIp);
  b.set(macBytes(a.targetMac), 18);
  put32(b, 24, a.targetIp);
  return b;
}

/** The L3 bytes of a frame (what follows the Ethernet header) and its EtherType. */
export function emitL3(frame: Frame): { readonly type: number; readonly bytes: Uint8Array } {
  return frame.type === 'arp'
    ? { type: ETH_P_ARP, bytes: emitArp(frame.arp) }
    : { type: ETH_P_IP, bytes: emitIpv4(frame.ip) };
}

/** A whole Ethernet II frame as it is on the wire (and in a pcap file), without FCS. */
export function emitEthernet(frame: Frame): Uint8Array {
  const l3 = emitL3(frame);
  const b = new Uint8Array(ETH_HLEN + l3.bytes.length);
  b.set(macBytes(frame.dst), 0);
  b.set(macBytes(frame.src), 6);
  b[12] = l3.type >>> 8;
  b[13] = l3.type & 0xff;
  b.set(l3.bytes, ETH_HLEN);
  return b;
}
