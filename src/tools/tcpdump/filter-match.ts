import { ETH_P_ARP, ETH_P_IP } from '../../net/packet.js';
import type { Packet } from './decode.js';
import { be16, be32, ipv4View } from './decode.js';
import type { Dir, Filter } from './filter.js';

const PROTO_NUMBERS = { icmp: 1, tcp: 6, udp: 17 } as const;

function byDir(dir: Dir, src: boolean, dst: boolean): boolean {
  if (dir === 'src') return src;
  if (dir === 'dst') return dst;
  if (dir === 'src and dst') return src && dst;
  return src || dst;
}

/** The source and destination protocol addresses a host/net primitive looks at (IPv4 or ARP). */
function l3Addrs(p: Packet, proto: string | null): [number, number] | null {
  if (p.ethertype === ETH_P_IP && (proto === null || proto === 'ip')) {
    const ip = ipv4View(p.l3);
    return ip ? [ip.src, ip.dst] : null;
  }
  if (p.ethertype === ETH_P_ARP && (proto === null || proto === 'arp') && p.l3.length >= 28)
    return [be32(p.l3, 14), be32(p.l3, 24)];
  return null;
}

function linkAddrs(p: Packet): [string, string] | null {
  return p.link.kind === 'ether' ? [p.link.src, p.link.dst] : null;
}

/** What the compiled BPF program would answer for this packet. */
export function matches(f: Filter | null, p: Packet): boolean {
  if (f === null) return true;
  switch (f.kind) {
    case 'and':
      return matches(f.left, p) && matches(f.right, p);
    case 'or':
      return matches(f.left, p) || matches(f.right, p);
    case 'not':
      return !matches(f.operand, p);
    case 'proto': {
      if (f.proto === 'ip') return p.ethertype === ETH_P_IP;
      if (f.proto === 'arp') return p.ethertype === ETH_P_ARP;
      if (f.proto === 'ether') return true;
      if (f.proto === 'ip6' || f.proto === 'icmp6') return false;
      const ip = p.ethertype === ETH_P_IP ? ipv4View(p.l3) : null;
      return ip !== null && ip.protocol === PROTO_NUMBERS[f.proto];
    }
    case 'host':
    case 'net': {
      const proto = f.proto === 'tcp' || f.proto === 'udp' || f.proto === 'icmp' ? 'ip' : f.proto;
      if (f.proto !== proto && !matches({ kind: 'proto', proto: f.proto! }, p)) return false;
      const a = l3Addrs(p, proto);
      if (!a) return false;
      const mask = f.kind === 'net' ? f.mask : 0xffffffff;
      const hit = (x: number) => (x & mask) >>> 0 === f.addr;
      return byDir(f.dir, hit(a[0]), hit(a[1]));
    }
    case 'port': {
      if (p.ethertype !== ETH_P_IP) return false;
      const ip = ipv4View(p.l3);
      if (!ip || ip.offset !== 0 || ip.payload.length < 4) return false;
      if (f.proto ? ip.protocol !== PROTO_NUMBERS[f.proto] : ip.protocol !== 6 && ip.protocol !== 17)
        return false;
      return byDir(f.dir, be16(ip.payload, 0) === f.port, be16(ip.payload, 2) === f.port);
    }
    case 'ether': {
      const a = linkAddrs(p);
      return a !== null && byDir(f.dir, a[0] === f.mac, a[1] === f.mac);
    }
  }
}
