import { formatIPv4 } from '../../net/ipv4.js';
import { ETH_P_ARP, ETH_P_IP } from '../../net/packet.js';
import type { Ipv4View, Packet } from './decode.js';
import { be16, be32, ipv4View } from './decode.js';
import { formatMacBytes } from '../../net/ethernet.js';
import type { PortNamer } from './print-icmp.js';
import { icmpText, isIcmpError } from './print-icmp.js';
import { TcpSeqState, tcpText } from './print-tcp.js';

export interface PrintOptions {
  /** -e: print the link-level header. */
  readonly e: boolean;
  /** -q: less protocol information. */
  readonly q: boolean;
  /** -v count. */
  readonly v: number;
  /** -t count: 1 leaves the timestamp out. */
  readonly t: number;
  /** -n: addresses and ports as numbers. */
  readonly n: boolean;
  /** if_indextoname in the namespace tcpdump runs in (SLL2 headers name their device by index). */
  readonly ifname: (ifindex: number) => string | null;
  readonly ports: PortNamer;
  /** gethostbyaddr without -n (null: print the number). */
  readonly hostName: (addr: number) => string | null;
}

const ETHERTYPES: Record<number, string> = { [ETH_P_IP]: 'IPv4', [ETH_P_ARP]: 'ARP', 0x86dd: 'IPv6' };
const SLL_PKTTYPES = ['In', 'B', 'M', 'P', 'Out'];
const PROTOCOLS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP' };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** ts_format for the default -t: the time of day (UTC here), microseconds. */
export function timeOfDay(timeUs: number): string {
  const day = ((timeUs % 86400e6) + 86400e6) % 86400e6;
  const s = Math.floor(day / 1e6);
  const us = String(Math.floor(day % 1e6)).padStart(6, '0');
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}.${us}`;
}

const ethertypeText = (type: number) =>
  `ethertype ${ETHERTYPES[type] ?? 'Unknown'} (0x${type.toString(16).padStart(4, '0')})`;

/**
 * tcpdump's one-line (or -v two-line) rendering of captured packets. Holds
 * what tcpdump keeps between packets: the TCP conversations for relative
 * sequence numbers.
 */
export class Printer {
  private readonly tcp = new TcpSeqState();

  constructor(private readonly o: PrintOptions) {}

  private mac(m: string): string {
    return !this.o.n && m.startsWith('00:00:00') ? `${m} (oui Ethernet)` : m;
  }

  line(p: Packet): string {
    const ts = this.o.t ? '' : `${timeOfDay(p.timeUs)} `;
    return `${ts}${this.linkText(p)}${this.l3Text(p)}\n`;
  }

  private linkText(p: Packet): string {
    const l = p.link;
    if (l.kind === 'ether') {
      if (!this.o.e) return '';
      const len = this.o.q ? '' : `${ethertypeText(p.ethertype)}, `;
      return `${this.mac(l.src)} > ${this.mac(l.dst)}, ${len}length ${p.length}: `;
    }
    const name = (this.o.ifname(l.ifindex) ?? '?').padEnd(5);
    let s = `${name} ${(SLL_PKTTYPES[l.pkttype] ?? '?').padEnd(3)} `;
    if (this.o.e) {
      s += `ifindex ${l.ifindex} `;
      if (l.addrLen === 6) s += `${this.mac(l.addr)} `;
      if (!this.o.q) s += `${ethertypeText(p.ethertype)}, length ${p.length}: `;
    }
    return s;
  }

  private l3Text(p: Packet): string {
    if (p.ethertype === ETH_P_ARP) return (this.o.e ? '' : 'ARP, ') + this.arpText(p.l3);
    if (p.ethertype === ETH_P_IP) {
      const ip = ipv4View(p.l3);
      if (ip) return (this.o.e ? '' : 'IP ') + this.ipText(ip);
    }
    return `${ethertypeText(p.ethertype)}, length ${p.length}`;
  }

  private arpText(b: Uint8Array): string {
    const hw = this.o.v ? 'Ethernet (len 6), IPv4 (len 4), ' : '';
    const op = be16(b, 6);
    const spa = this.host(be32(b, 14));
    const tpa = this.host(be32(b, 24));
    const tha = formatMacBytes(b, 18);
    let s: string;
    if (op === 1)
      s = `Request who-has ${tpa}${tha === '00:00:00:00:00:00' ? '' : ` (${this.mac(tha)})`} tell ${spa}`;
    else if (op === 2) s = `Reply ${spa} is-at ${this.mac(formatMacBytes(b, 8))}`;
    else s = `Unknown (${op})`;
    return `${hw}${s}, length ${b.length}`;
  }

  /** ip_print: the -v header in parentheses, then `SRC > DST: ` and the protocol. */
  ipText(ip: Ipv4View): string {
    let s = '';
    if (this.o.v) {
      const flags = [ip.mf ? '+' : '', ip.df ? 'DF' : ''].join('') || 'none';
      const proto = PROTOCOLS[ip.protocol];
      s +=
        `(tos 0x${ip.tos.toString(16)}, ttl ${ip.ttl}, id ${ip.id}, offset ${ip.offset}, flags [${flags}], ` +
        `proto ${proto ?? 'unknown'} (${ip.protocol}), length ${ip.totalLength}` +
        `${ip.checksumOk ? '' : ', bad cksum'})\n    `;
    }
    return s + this.l4Text(ip);
  }

  private host(a: number): string {
    return (!this.o.n && this.o.hostName(a)) || formatIPv4(a);
  }

  private addr(a: number, port?: number, proto?: 'tcp' | 'udp'): string {
    const host = this.host(a);
    return port === undefined ? host : `${host}.${this.o.ports(port, proto!)}`;
  }

  private l4Text(ip: Ipv4View): string {
    const b = ip.payload;
    const proto = ip.protocol === 6 ? 'tcp' : ip.protocol === 17 ? 'udp' : null;
    if (proto && ip.offset === 0 && b.length >= 4) {
      const ends = `${this.addr(ip.src, be16(b, 0), proto)} > ${this.addr(ip.dst, be16(b, 2), proto)}: `;
      if (proto === 'tcp') return ends + tcpText(ip, this.tcp, this.o);
      return `${ends}UDP, length ${be16(b, 4) - 8}`;
    }
    const ends = `${this.addr(ip.src)} > ${this.addr(ip.dst)}: `;
    if (ip.protocol === 1 && b.length >= 8) {
      let s = `${ends}ICMP ${icmpText(b, this.o.ports)}, length ${b.length}`;
      const quoted = isIcmpError(b[0]) ? ipv4View(b.subarray(8)) : null;
      if (this.o.v && quoted) s += `\n\tIP ${new Printer({ ...this.o, v: 1 }).ipText(quoted)}`;
      return s;
    }
    return `${ends}ip-proto-${ip.protocol} ${b.length}`;
  }
}
