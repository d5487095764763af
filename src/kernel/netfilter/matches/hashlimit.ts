import type { Ipv4Packet } from '../../../net/packet.js';
import { formatIPv4, maskOf } from '../../../net/ipv4.js';
import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';
import type { Netfilter } from '../store.js';
import type { World } from '../../world.js';
import type { NfErrno } from '../errors.js';
import type { NamedKind } from '../named-state.js';
import { namedState } from '../named-state.js';
import { HZ, jiffies, msecsToJiffies } from '../../jiffies.js';
import { badProcName } from './recent.js';

/** cfg.mode bits (XT_HASHLIMIT_*). */
export const HL = { DIP: 1, DPT: 2, SIP: 4, SPT: 8, INVERT: 0x10, BYTES: 0x20, RATE_MATCH: 0x40 } as const;

/** struct hashlimit_cfg3 as the iptables extension fills it. */
export interface HashlimitCfg {
  readonly mode: number;
  readonly avg: number;
  readonly burst: number;
  readonly size: number;
  readonly max: number;
  readonly gcInterval: number;
  readonly expire: number;
  readonly srcmask: number;
  readonly dstmask: number;
  readonly interval: number;
}

const U64 = (1n << 64n) - 1n;
const U32_MAX = 0xffffffff;
const BHZ = BigInt(HZ);
const SCALE = 1_000_000n;
/** The highest power of two not above x (POW2_BELOW32/64). */
function pow2Below(x: bigint): bigint {
  let p = 1n;
  while (p * 2n <= x) p *= 2n;
  return p;
}
/** CREDITS_PER_JIFFY: credits earned per tick, as large as a 1/day rate allows in 64 bits. */
const CPJ = pow2Below(U64 / (BHZ * 86400n));
/** CREDITS_PER_JIFFY_BYTES: byte mode refills one packet per second at most. */
const CPJ_BYTES = pow2Below(BigInt(U32_MAX) / BHZ);
const BYTES_FULL = CPJ_BYTES * BHZ;
/** htable_create's default size on a machine with more than 1 GiB of RAM; max is 8 × size. */
const DEFAULT_SIZE = 8192;
const MAX_SIZE = 1048576;

/** user2credits: the rate's period (µs/packet, scaled) in credits, wrapping as u64 does. */
function user2credits(user: bigint): bigint {
  const hzCpj = BHZ * CPJ;
  if (SCALE >= hzCpj) return user / (SCALE / hzCpj);
  return (user * (hzCpj / SCALE)) & U64;
}

/** user2credits_byte: the cost of one 16-byte chunk. */
const user2creditsByte = (user: number): bigint => ((BigInt(user >>> 0) * BYTES_FULL) >> 32n) & 0xffffffffn;

/** hashlimit_mt_check_common: the errno the kernel refuses the rule with, or null. */
export function hashlimitCheck(m: XtModule): NfErrno | null {
  const c = m.data as unknown as HashlimitCfg;
  if (c.gcInterval === 0 || c.expire === 0) return 'EINVAL';
  if (c.srcmask > 32 || c.dstmask > 32) return 'EINVAL';
  if (c.mode & HL.RATE_MATCH) {
    if (c.avg === 0 || c.avg > U32_MAX) return 'ERANGE';
    if (c.interval === 0) return 'EINVAL';
  } else if (c.mode & HL.BYTES) {
    if (user2creditsByte(c.avg) === 0n) return 'EINVAL';
  } else if (
    c.burst === 0 ||
    user2credits((BigInt(c.avg) * BigInt(c.burst)) & U64) < user2credits(BigInt(c.avg))
  ) {
    return 'ERANGE';
  }
  return badProcName(m.data.name as string) ? 'EINVAL' : null;
}

/** One bucket (struct dsthash_ent): the token-bucket fields, or the rate-match window ones. */
interface Dsthash {
  /** `src:sport->dst:dport` of the bucket, masked and zeroed as the mode says. */
  readonly key: string;
  expires: number;
  prev: number;
  credit: bigint;
  creditCap: bigint;
  cost: bigint;
  interval: number;
  prevWindow: boolean;
  currentRate: bigint;
  rate: bigint;
  burst: bigint;
}

/** struct xt_hashlimit_htable: the configuration of the rule that created it, and its buckets. */
export class Htable {
  readonly cfg: HashlimitCfg;
  readonly max: number;
  readonly entries = new Map<string, Dsthash>();
  /** When garbage collection started ticking (the first packet, for want of the creation time). */
  gcAnchor: number | null = null;

  constructor(m: XtModule) {
    const c = m.data as unknown as HashlimitCfg;
    const size = Math.min(c.size || DEFAULT_SIZE, MAX_SIZE);
    const max = Math.min(c.max, MAX_SIZE);
    this.cfg = c;
    this.max = max === 0 ? 8 * size : Math.max(max, size);
  }

  /** htable_gc runs every gc_interval: an entry expired by an earlier run is gone. */
  collected(e: Dsthash, now: number): boolean {
    const anchor = this.gcAnchor ?? now;
    const step = msecsToJiffies(this.cfg.gcInterval);
    const firstRun = anchor + Math.max(1, Math.ceil((e.expires - anchor) / step)) * step;
    return firstRun <= now;
  }
}

export const hashlimitKind: NamedKind<Htable> = { match: 'hashlimit', create: (m) => new Htable(m) };

/**
 * /proc/net/ipt_hashlimit/NAME (dl_seq_show): per live bucket, seconds
 * left, the key, then credit, cap and cost after bringing the credit up
 * to date. Null when no rule names the table.
 */
export function hashlimitProcRead(nf: Netfilter, world: World, name: string): string | null {
  const ht = namedState(nf, hashlimitKind, name);
  if (!ht) return null;
  const now = jiffies(world);
  let s = '';
  for (const [key, e] of ht.entries) {
    if (ht.collected(e, now)) {
      ht.entries.delete(key);
      continue;
    }
    recalc(e, now, ht.cfg.mode);
    s += `${Math.trunc((e.expires - now) / HZ)} ${key} ${e.credit} ${e.creditCap} ${e.cost}\n`;
  }
  return s;
}

/** proto_ports_offset: protocols whose first 4 bytes are ports. */
const PORT_PROTOS = new Set([6, 17, 33, 132, 136]);

/** hashlimit_init_dst: the bucket key from the masked addresses and the ports the mode names. */
export function bucketKey(c: HashlimitCfg, p: Ipv4Packet): string {
  const dip = c.mode & HL.DIP ? (p.dst & maskOf(c.dstmask)) >>> 0 : 0;
  const sip = c.mode & HL.SIP ? (p.src & maskOf(c.srcmask)) >>> 0 : 0;
  let sport = 0;
  let dport = 0;
  if (c.mode & (HL.SPT | HL.DPT) && PORT_PROTOS.has(p.protocol) && p.l4 && p.l4.kind !== 'icmp') {
    if (c.mode & HL.SPT) sport = p.l4.sport;
    if (c.mode & HL.DPT) dport = p.l4.dport;
  }
  return `${formatIPv4(sip)}:${sport}->${formatIPv4(dip)}:${dport}`;
}

/** rateinfo_init. */
function newBucket(c: HashlimitCfg, key: string, now: number): Dsthash {
  const e: Dsthash = {
    key,
    expires: now + msecsToJiffies(c.expire),
    prev: now,
    credit: 0n,
    creditCap: 0n,
    cost: 0n,
    interval: 0,
    prevWindow: false,
    currentRate: 0n,
    rate: 0n,
    burst: 0n,
  };
  if (c.mode & HL.RATE_MATCH) {
    if (c.mode & HL.BYTES) {
      const r = BigInt(c.avg ? Math.floor(U32_MAX / c.avg) : U32_MAX);
      e.rate = (r - 1n) << 4n;
      e.burst = c.burst ? BigInt(c.burst) * e.rate : e.rate;
    } else {
      e.rate = c.avg ? SCALE / BigInt(c.avg) : 0n;
      e.burst = BigInt(c.burst) + e.rate;
    }
    e.interval = c.interval;
  } else if (c.mode & HL.BYTES) {
    e.credit = BYTES_FULL;
    e.cost = user2creditsByte(c.avg);
    e.creditCap = BigInt(c.burst);
  } else {
    e.credit = user2credits((BigInt(c.avg) * BigInt(c.burst)) & U64);
    e.cost = user2credits(BigInt(c.avg));
    e.creditCap = e.credit;
  }
  return e;
}

/** rateinfo_recalc: credit earned since the last packet, up to the cap; or the next rate window. */
function recalc(e: Dsthash, now: number, mode: number): void {
  const delta = now - e.prev;
  if (delta === 0) return;
  if (mode & HL.RATE_MATCH) {
    const interval = BigInt(e.interval * HZ);
    if (BigInt(delta) < interval) return;
    e.prev = now;
    e.prevWindow = e.currentRate * interval > BigInt(delta) * e.rate;
    e.currentRate = 0n;
    return;
  }
  e.prev = now;
  let cap: bigint;
  if (mode & HL.BYTES) {
    e.credit += CPJ_BYTES * BigInt(delta);
    cap = BYTES_FULL;
  } else {
    e.credit += BigInt(delta) * CPJ;
    cap = e.creditCap;
  }
  if (e.credit > cap) e.credit = cap;
}

/** hashlimit_byte_cost: 16-byte chunks, refilling from the burst counter when short. */
function byteCost(len: number, e: Dsthash): bigint {
  let cost = BigInt((len >>> 4) + 1) * e.cost;
  if (cost > BYTES_FULL) cost = BYTES_FULL;
  if (e.credit < cost && e.creditCap) {
    e.creditCap--;
    e.credit = BYTES_FULL;
  }
  return cost & 0xffffffffn;
}

/**
 * hashlimit_mt_common: per bucket of the named table, a token bucket on
 * jiffies (or, with --hashlimit-rate-match, a rate measured per window).
 * Buckets follow the table's configuration, the verdict this rule's mode.
 */
export const hashlimit: MatchImpl = {
  match(packet, ctx, m) {
    const c = m.data as unknown as HashlimitCfg;
    const ht = namedState(ctx.netns.netfilter, hashlimitKind, m.data.name as string);
    if (!ht) return false;
    const now = jiffies(ctx.netns.world);
    ht.gcAnchor ??= now;
    const key = bucketKey(ht.cfg, packet);
    let e = ht.entries.get(key);
    if (e && ht.collected(e, now)) {
      ht.entries.delete(key);
      e = undefined;
    }
    if (!e) {
      // The kernel drops the packet (hotdrop) when the table is full.
      if (ht.entries.size >= ht.max) return false;
      e = newBucket(ht.cfg, key, now);
      ht.entries.set(key, e);
    } else {
      e.expires = now + msecsToJiffies(ht.cfg.expire);
      recalc(e, now, ht.cfg.mode);
    }
    const under = !(c.mode & HL.INVERT);
    if (c.mode & HL.RATE_MATCH) {
      e.currentRate += c.mode & HL.BYTES ? BigInt(packet.totalLength) : 1n;
      return !e.prevWindow && e.currentRate <= e.burst ? under : !under;
    }
    const cost = c.mode & HL.BYTES ? byteCost(packet.totalLength, e) : e.cost;
    if (e.credit >= cost) {
      e.credit -= cost;
      return under;
    }
    return !under;
  },
};
