import type { Elem } from './types.js';
import { beWord } from '../netfilter/nat/jhash.js';

/**
 * What differs between the hash:* types (net/netfilter/ipset/ip_set_hash_*.c):
 * the element's memory layout, which is what HKEY hashes, so that bucket
 * order (and so listing order) is the kernel's for a given initval.
 */
export interface HashType {
  readonly revision: number;
  /** sizeof(struct htype) + sizeof(struct htable) of the IPv4 variant. */
  readonly base: number;
  /** sizeof(struct hash_*4_elem). */
  readonly elemSize: number;
  /** The element as the u32 words jhash2 reads (a little-endian CPU loading big-endian fields). */
  key(e: Elem): number[];
  equal(a: Elem, b: Elem): boolean;
  /** The dimension whose prefix varies (IP_SET_HASH_WITH_NETS), if any. */
  readonly net: 'ip' | 'ip2' | null;
}

/** Bytes [port>>8, port&0xff, b2, b3] of a __be16 port followed by two u8 fields, as one loaded u32. */
const portWord = (port: number, b2: number, b3: number): number =>
  (((port >>> 8) & 0xff) | ((port & 0xff) << 8) | ((b2 & 0xff) << 16) | ((b3 & 0xff) << 24)) >>> 0;

const sameIpPort = (a: Elem, b: Elem) => a.ip === b.ip && a.port === b.port && a.proto === b.proto;

export const HASH_TYPES = {
  /** struct hash_ip4_elem { __be32 ip; } */
  'hash:ip': {
    revision: 6,
    base: 192,
    elemSize: 4,
    key: (e) => [beWord(e.ip)],
    equal: (a, b) => a.ip === b.ip,
    net: null,
  },
  /** { __be32 ip; __be16 port; u8 proto; u8 padding; } */
  'hash:ip,port': {
    revision: 7,
    base: 192,
    elemSize: 8,
    key: (e) => [beWord(e.ip), portWord(e.port, e.proto, 0)],
    equal: sameIpPort,
    net: null,
  },
  /** { __be32 ip; __be32 ip2; __be16 port; u8 proto; u8 padding; } */
  'hash:ip,port,ip': {
    revision: 6,
    base: 184,
    elemSize: 12,
    key: (e) => [beWord(e.ip), beWord(e.ip2), portWord(e.port, e.proto, 0)],
    equal: (a, b) => sameIpPort(a, b) && a.ip2 === b.ip2,
    net: null,
  },
  /** { __be32 ip; __be32 ip2; __be16 port; u8 cidr:7, nomatch:1; u8 proto; } with cidr - 1 packed. */
  'hash:ip,port,net': {
    revision: 8,
    base: 440,
    elemSize: 12,
    key: (e) => [beWord(e.ip), beWord(e.ip2), portWord(e.port, (e.cidr2 - 1) & 0x7f, e.proto)],
    equal: (a, b) => sameIpPort(a, b) && a.ip2 === b.ip2 && a.cidr2 === b.cidr2,
    net: 'ip2',
  },
  /** { __be32 ip; u16 padding0; u8 nomatch; u8 cidr; } */
  'hash:net': {
    revision: 7,
    base: 432,
    elemSize: 8,
    key: (e) => [beWord(e.ip), (e.cidr << 24) >>> 0],
    equal: (a, b) => a.ip === b.ip && a.cidr === b.cidr,
    net: 'ip',
  },
} as const satisfies Record<string, HashType>;

export type HashTypeName = keyof typeof HASH_TYPES;
