import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import { tcpTable } from './tcp.js';
import type { TcpSocket } from './tcp.js';
import { udpTable } from './udp.js';
import type { UdpSocket } from './udp.js';

/**
 * The order in which inet_diag (ss) and /proc/net/{tcp,udp} (netstat) walk
 * a namespace's sockets: hash bucket by hash bucket. Measured on Linux 6.x:
 * the order changes from one new namespace to the next, because every
 * bucket index mixes in net_hash_mix(net), a random value drawn when the
 * namespace is created. podpath draws it from the namespace's name, so a
 * lab orders its sockets the same way on every run.
 *
 * - TCP listeners come first, in lhash2 order: ipv4_portaddr_hash =
 *   jhash(addr, mix) ^ port; then every other socket (established,
 *   SYN-RECV and TIME-WAIT minisocks) in ehash order, a hash of the 4-tuple.
 * - UDP in udp_table slot order: (port + mix) & mask, a rotation of the
 *   ascending port order.
 * Inside one bucket the newest socket comes first (hlist_add_head).
 */
const BUCKET_MASK = 0xffff;

const mixes = new WeakMap<Netns, number>();

/** net_hash_mix(net), fixed per namespace. */
export function netHashMix(netns: Netns): number {
  let mix = mixes.get(netns);
  if (mix === undefined) {
    mix = 0x9e3779b9;
    for (const c of netns.name ?? '') mix = fmix32((mix ^ c.charCodeAt(0)) >>> 0);
    mixes.set(netns, mix);
  }
  return mix;
}

/** MurmurHash3's finalizer: a cheap stand-in for jhash with the same avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const hash = (mix: number, ...words: number[]): number => words.reduce((h, w) => fmix32((h ^ w) >>> 0), mix);

function bucketOrder<S>(sockets: Iterable<S>, bucket: (s: S) => number): S[] {
  const list = [...sockets].map((s, i) => ({ s, i, b: bucket(s) }));
  list.sort((a, b) => a.b - b.b || b.i - a.i);
  return list.map((e) => e.s);
}

const listenBucket = (mix: number, addr: IPv4, port: number) =>
  ((hash(mix, addr) ^ port) & BUCKET_MASK) >>> 0;

/** inet_diag_dump_icsk: listeners by lhash2 bucket, then the ehash. */
export function tcpDumpOrder(netns: Netns): TcpSocket[] {
  const mix = netHashMix(netns);
  const all = [...tcpTable(netns).sockets];
  const listeners = bucketOrder(
    all.filter((s) => s.state === 'LISTEN'),
    (s) => listenBucket(mix, s.localAddr, s.localPort),
  );
  const others = bucketOrder(
    all.filter((s) => s.state !== 'LISTEN' && s.state !== 'CLOSE'),
    (s) => hash(mix, s.localAddr, s.remoteAddr, (s.localPort << 16) | s.remotePort) & BUCKET_MASK,
  );
  // A socket only bound (or closed) is in no hash the dump walks, as in Linux.
  return [...listeners, ...others];
}

/** udp_dump: udp_table slots in index order. */
export function udpDumpOrder(netns: Netns): UdpSocket[] {
  const mix = netHashMix(netns);
  return bucketOrder(udpTable(netns).sockets, (s) => (s.localPort + mix) & BUCKET_MASK);
}
