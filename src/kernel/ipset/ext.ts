import type { AddExt, CounterOp, Entry, MatchExt, SetExtensions } from './types.js';
import { HZ, msecsToJiffies } from '../jiffies.js';

/**
 * Element extensions (net/netfilter/ipset/ip_set_core.c): their layout,
 * the timeout arithmetic in jiffies, and the counters.
 */

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/**
 * ip_set_elem_len: the element, then each extension the set has (timeout
 * an unsigned long, counters two u64, comment a pointer), each aligned,
 * the whole aligned to the largest alignment.
 */
export function elemLen(base: number, baseAlign: number, ext: SetExtensions): number {
  let len = base;
  let a = Math.max(baseAlign, 1);
  const add = (size: number) => {
    a = Math.max(a, 8);
    len = align(len, 8) + size;
  };
  if (ext.timeout !== null) add(8);
  if (ext.counters) add(16);
  if (ext.comment) add(8);
  return align(len, a);
}

/** IPSET_GC_TIME: a set's timeout / this is its gc period (at least 1 s). */
const GC_TIME = 180;

/**
 * The last run of a set's periodic gc at `now` (in jiffies): it runs every
 * IPSET_GC_PERIOD seconds from the set's creation, so work it did can be
 * done lazily, as of that tick, when someone looks.
 */
export function gcTick(created: number, timeout: number, now: number): number {
  const period = Math.max(Math.floor(timeout / GC_TIME), 1) * HZ;
  return created + Math.floor((now - created) / period) * period;
}

/** IPSET_MAX_TIMEOUT: seconds that still fit in jiffies. */
export const MAX_TIMEOUT = Math.floor(0x7fffffff / 1000);

/** ip_set_timeout_set: the expiry in jiffies for `seconds` from now; 0 is permanent (null). */
export function timeoutSet(seconds: number, now: number): number | null {
  if (seconds === 0) return null;
  return now + msecsToJiffies(Math.min(seconds, MAX_TIMEOUT) * 1000);
}

/** ip_set_timeout_expired: strictly past the expiry jiffy. */
export const expired = (e: Entry, now: number): boolean => e.expires !== null && now > e.expires;

/** ip_set_timeout_get: whole seconds left, 0 for permanent, never 0 for a live one. */
export function timeoutGet(e: Entry, now: number): number {
  if (e.expires === null) return 0;
  const t = Math.floor(((e.expires - now) * 1000) / HZ / 1000);
  return t <= 0 ? 1 : t;
}

/** What a stored comment costs (struct ip_set_comment_rcu plus the string and its NUL). */
export const commentSize = (c: string | null): number =>
  c ? 16 + new TextEncoder().encode(c).length + 1 : 0;

/** IPSET_MAX_COMMENT_SIZE: longer comments are cut. */
const MAX_COMMENT = 255;

/**
 * Sets the extensions of a new or overwritten entry from an add
 * (ip_set_init_counter / _comment / ip_set_timeout_set); returns the
 * change in the set's ext_size (comment memory).
 */
export function initExtensions(e: Entry, ext: AddExt, set: SetExtensions, now: number): number {
  if (set.counters) {
    if (ext.bytes !== undefined) e.bytes = ext.bytes;
    if (ext.packets !== undefined) e.packets = ext.packets;
  }
  let delta = 0;
  if (set.comment) {
    delta -= commentSize(e.comment);
    const c = ext.comment ? ext.comment.slice(0, MAX_COMMENT) : null;
    e.comment = c;
    delta += commentSize(c);
  }
  if (set.timeout !== null) e.expires = timeoutSet(ext.timeout ?? set.timeout, now);
  return delta;
}

function counterMatch(value: bigint, want: bigint, op: CounterOp): boolean {
  switch (op) {
    case 'none':
      return true;
    case 'eq':
      return value === want;
    case 'ne':
      return value !== want;
    case 'lt':
      return value < want;
    case 'gt':
      return value > want;
  }
}

/** What the packet path adds to counters: one packet of `bytes` (IP_SET_INIT_KEXT). */
export interface PacketExt {
  readonly bytes: number;
}

/**
 * ip_set_match_extensions: an expired entry never matches; with counters,
 * the packet is counted first (unless the match asks not to), then the
 * match's conditions are checked against the counters as they now are.
 */
export function matchExtensions(
  e: Entry,
  set: SetExtensions,
  now: number,
  mext: MatchExt | null,
  pkt: PacketExt | null,
): boolean {
  if (expired(e, now)) return false;
  if (set.counters) {
    if (pkt && !mext?.skipCounterUpdate) {
      e.packets += 1n;
      e.bytes += BigInt(pkt.bytes);
    }
    if (
      mext &&
      !(
        counterMatch(e.packets, mext.packets, mext.packetsOp) &&
        counterMatch(e.bytes, mext.bytes, mext.bytesOp)
      )
    )
      return false;
  }
  return true;
}
