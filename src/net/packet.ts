import type { IPv4 } from './ipv4.js';
import type { Mac } from './mac.js';

/** IP protocol numbers (include/uapi/linux/in.h). */
export const IPPROTO = { ICMP: 1, TCP: 6, UDP: 17 } as const;

export interface IcmpHeader {
  readonly kind: 'icmp';
  readonly type: number;
  readonly code: number;
  /** Echo identifier and sequence (types 0 and 8). */
  readonly id?: number;
  readonly seq?: number;
  /** Gateway for redirects (type 5). */
  readonly gateway?: IPv4;
  /** Next-hop MTU for fragmentation needed (type 3 code 4). */
  readonly mtu?: number;
  /** The datagram an ICMP error quotes. */
  readonly quoted?: Ipv4Packet;
}

export interface UdpHeader {
  readonly kind: 'udp';
  readonly sport: number;
  readonly dport: number;
}

export interface TcpHeader {
  readonly kind: 'tcp';
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  /** FIN=1 SYN=2 RST=4 PSH=8 ACK=16 URG=32 ECE=64 CWR=128. */
  readonly flags: number;
  readonly window: number;
  /** Length of the TCP header with options, in bytes. */
  readonly headerLength: number;
  /** The options Linux sends (emitted in its order: MSS, SACK_PERM+TS, NOP+WS; NOP NOP TS otherwise). */
  readonly options?: TcpOptions;
}

export interface TcpOptions {
  readonly mss?: number;
  readonly sackPermitted?: boolean;
  readonly timestamp?: { readonly val: number; readonly ecr: number };
  readonly windowScale?: number;
}

export const TCP_HEADER_LEN = 20;

/** TCP flag bits. */
export const TCP_FLAG = { FIN: 1, SYN: 2, RST: 4, PSH: 8, ACK: 16, URG: 32, ECE: 64, CWR: 128 } as const;

export type L4Header = IcmpHeader | UdpHeader | TcpHeader;

/**
 * An IPv4 datagram. Payload bytes are not carried, only their length: what
 * the emulated tools print and count depends on sizes, not on contents.
 * `data` carries application bytes where a socket needs them (nc, curl).
 */
export interface Ipv4Packet {
  readonly src: IPv4;
  readonly dst: IPv4;
  readonly protocol: number;
  readonly ttl: number;
  readonly tos: number;
  readonly id: number;
  /** Total length as in the IP header: header + L4 header + payload. */
  readonly totalLength: number;
  readonly dontFragment: boolean;
  readonly l4?: L4Header;
  readonly data?: Uint8Array;
  /** skb->mark (netfilter MARK, fwmark routing); never on the wire: lost when a frame leaves the host. */
  readonly mark?: number;
}

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;

export interface ArpPacket {
  readonly op: 1 | 2;
  readonly senderMac: Mac;
  readonly senderIp: IPv4;
  readonly targetMac: Mac;
  readonly targetIp: IPv4;
}

export type Frame =
  | { readonly src: Mac; readonly dst: Mac; readonly type: 'ipv4'; readonly ip: Ipv4Packet }
  | { readonly src: Mac; readonly dst: Mac; readonly type: 'arp'; readonly arp: ArpPacket };

export const IP_HEADER_LEN = 20;
export const ICMP_HEADER_LEN = 8;
export const UDP_HEADER_LEN = 8;
