import type { Ipv4Packet } from '../../net/packet.js';
import type { Netns } from '../netns.js';
import type { Elem, MatchExt, SetTypeName } from './types.js';
import type { IpSet } from './set.js';
import type { TestOpts } from './variant.js';
import { elem } from './types.js';
import { ipsetNet } from './store.js';
import { ListSet } from './list-set.js';
import { HashSet } from './hash.js';
import { IpsetError } from './errors.js';
import { protoWithPorts } from './uadt.js';
import { jiffies } from '../jiffies.js';
import { maskOf } from '../../net/ipv4.js';

/** The direction of each dimension, as `--match-set NAME src,dst,...` gives them. */
export type Dir = 'src' | 'dst';

/** set->type->dimension: how many directions a match must give for the set to be looked at. */
const DIMENSION: Record<SetTypeName, number> = {
  'hash:ip': 1,
  'hash:net': 1,
  'hash:ip,port': 2,
  'hash:ip,port,ip': 3,
  'hash:ip,port,net': 3,
  'bitmap:port': 1,
  'list:set': 0,
};

/** Types with IPSET_TYPE_NOMATCH: only there does --return-nomatch turn results around. */
const NOMATCH_TYPES: ReadonlySet<SetTypeName> = new Set(['hash:net', 'hash:ip,port,net']);

const addr = (p: Ipv4Packet, d: Dir | undefined) => (d === 'src' ? p.src : p.dst);

/**
 * ip_set_get_ip4_port: the port of TCP/UDP, type<<8|code of ICMP, 0 for
 * others; null when the header is not there to read.
 */
function portOf(p: Ipv4Packet, d: Dir | undefined): { port: number; proto: number } | null {
  const l4 = p.l4;
  if (p.protocol === 6 || p.protocol === 17) {
    if (!l4 || l4.kind === 'icmp') return null;
    return { port: d === 'src' ? l4.sport : l4.dport, proto: p.protocol };
  }
  if (p.protocol === 1) {
    if (!l4 || l4.kind !== 'icmp') return null;
    return { port: (l4.type << 8) | l4.code, proto: 1 };
  }
  return { port: 0, proto: p.protocol };
}

/** The most specific prefix stored (h->nets[0]), or a host: what a kernel-side add stores. */
const firstCidr = (set: IpSet): number => (set.variant instanceof HashSet ? set.variant.largestCidr() : 32);

/** The *_kadt element of a packet, or null when the packet has no such element (-EINVAL). */
function packetElem(set: IpSet, p: Ipv4Packet, dirs: readonly Dir[], adding: boolean): Elem | null {
  const h = set.header;
  switch (set.type) {
    case 'hash:ip': {
      const mask = h.kind === 'hash' && h.netmask !== null ? maskOf(h.netmask) : 0xffffffff;
      const ip = (addr(p, dirs[0]) & mask) >>> 0;
      return ip === 0 ? null : elem({ ip });
    }
    case 'hash:net': {
      const cidr = adding ? firstCidr(set) : 32;
      return elem({ ip: (addr(p, dirs[0]) & maskOf(cidr)) >>> 0, cidr });
    }
    case 'hash:ip,port':
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net': {
      const pp = portOf(p, dirs[1]);
      if (!pp) return null;
      const mask = h.kind === 'hash' && h.netmask !== null ? maskOf(h.netmask) : 0xffffffff;
      const base = { ip: (addr(p, dirs[0]) & mask) >>> 0, ...pp };
      if (set.type === 'hash:ip,port') return elem(base);
      if (set.type === 'hash:ip,port,ip') return elem({ ...base, ip2: addr(p, dirs[2]) });
      const cidr2 = adding ? firstCidr(set) : 32;
      return elem({ ...base, ip2: (addr(p, dirs[2]) & maskOf(cidr2)) >>> 0, cidr2 });
    }
    case 'bitmap:port': {
      const pp = portOf(p, dirs[0]);
      return pp && protoWithPorts(pp.proto) && pp.proto !== 132 && pp.proto !== 136
        ? elem({ port: pp.port })
        : null;
    }
    case 'list:set':
      return null;
  }
}

/** How a set match looks (struct xt_set_info_match_v4 as far as the kernel acts on it). */
export interface MatchOpts {
  readonly dirs: readonly Dir[];
  readonly returnNomatch: boolean;
  readonly mext: MatchExt;
  readonly skipSubcounterUpdate: boolean;
}

function testSet(netns: Netns, set: IpSet, p: Ipv4Packet, o: MatchOpts, now: number): boolean {
  if (o.dirs.length < DIMENSION[set.type]) return false;
  const opts: TestOpts = { mext: o.mext, pkt: { bytes: p.totalLength } };
  if (set.variant instanceof ListSet) {
    const list = set.variant;
    // list_set_ktest: members neither check nor (with ! --update-subcounters) count.
    const sub: MatchOpts = {
      ...o,
      mext: {
        packets: 0n,
        bytes: 0n,
        packetsOp: 'none',
        bytesOp: 'none',
        skipCounterUpdate: o.mext.skipCounterUpdate || o.skipSubcounterUpdate,
      },
    };
    const net = ipsetNet(netns);
    for (const m of list.memberEntries(now)) {
      const member = net.find(m.elem.name!);
      if (member && testSet(netns, member, p, sub, now) && list.matchMember(m, now, opts)) return true;
    }
    return false;
  }
  const e = packetElem(set, p, o.dirs, false);
  if (!e) return false;
  const r = set.variant.test(e, now, opts);
  if (o.returnNomatch && NOMATCH_TYPES.has(set.type)) return r === 'nomatch';
  return r === 'match';
}

/** ip_set_test from the packet path: does the set hold the packet's element? */
export function ipsetTestPacket(netns: Netns, name: string, p: Ipv4Packet, o: MatchOpts): boolean {
  const set = ipsetNet(netns).find(name);
  return set ? testSet(netns, set, p, o, jiffies(netns.world)) : false;
}

/** What the SET target adds with (IP_SET_INIT_KEXT plus its --timeout and --exist). */
export interface KernelAdd {
  readonly dirs: readonly Dir[];
  /** Seconds, or undefined for the set's default. */
  readonly timeout?: number;
  readonly exist: boolean;
}

function addSet(netns: Netns, set: IpSet, p: Ipv4Packet, o: KernelAdd, now: number): boolean {
  if (o.dirs.length < DIMENSION[set.type]) return false;
  if (set.variant instanceof ListSet) {
    const net = ipsetNet(netns);
    for (const m of set.variant.memberEntries(now)) {
      const member = net.find(m.elem.name!);
      if (member && addSet(netns, member, p, o, now)) return true;
    }
    return false;
  }
  const e = packetElem(set, p, o.dirs, true);
  if (!e) return false;
  try {
    const timeout = set.ext.timeout === null ? undefined : o.timeout;
    set.variant.add(e, { timeout, packets: 1n, bytes: BigInt(p.totalLength) }, o.exist, now, false);
    return true;
  } catch (err) {
    if (err instanceof IpsetError) return false;
    throw err;
  }
}

function delSet(netns: Netns, set: IpSet, p: Ipv4Packet, dirs: readonly Dir[], now: number): boolean {
  if (dirs.length < DIMENSION[set.type]) return false;
  if (set.variant instanceof ListSet) {
    const net = ipsetNet(netns);
    for (const m of set.variant.memberEntries(now)) {
      const member = net.find(m.elem.name!);
      if (member && delSet(netns, member, p, dirs, now)) return true;
    }
    return false;
  }
  const e = packetElem(set, p, dirs, false);
  if (!e) return false;
  try {
    return set.variant.del(e, now);
  } catch (err) {
    if (err instanceof IpsetError) return false;
    throw err;
  }
}

/** ip_set_add from the packet path: errors (full, already there) are silent. */
export function ipsetAddPacket(netns: Netns, name: string, p: Ipv4Packet, o: KernelAdd): void {
  const set = ipsetNet(netns).find(name);
  if (set) addSet(netns, set, p, o, jiffies(netns.world));
}

/** ip_set_del from the packet path. */
export function ipsetDelPacket(netns: Netns, name: string, p: Ipv4Packet, dirs: readonly Dir[]): void {
  const set = ipsetNet(netns).find(name);
  if (set) delSet(netns, set, p, dirs, jiffies(netns.world));
}
