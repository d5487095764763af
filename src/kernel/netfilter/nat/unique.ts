import type { Rng } from '../../rng.js';
import type { Conn } from '../conntrack/conn.js';
import { IPS } from '../conntrack/conn.js';
import type { ConntrackTable } from '../conntrack/table.js';
import type { Tuple } from '../conntrack/tuple.js';
import { hasPorts, invertTuple } from '../conntrack/tuple.js';
import { IPPROTO } from '../../../net/packet.js';
import type { NatRange } from './range.js';
import { beWord, jhash2, reciprocalScale } from './jhash.js';

/** enum nf_nat_manip_type: which end of the tuple a hook rewrites. */
export type Manip = 'SRC' | 'DST';

/** NF_NAT_MAX_ATTEMPTS: how many ports one round of the search tries. */
const MAX_ATTEMPTS = 128;

const randomAll = (r: NatRange) => r.random || r.randomFully;

/** nf_nat_used_tuple: the answer to this tuple would hit another entry. */
function used(table: ConntrackTable, t: Tuple, conn: Conn): boolean {
  const reply = invertTuple(t);
  return reply !== null && table.taken(reply, conn);
}

/** The per-protocol key NAT may change: the source port/ICMP id for SRC, the destination port for DST. */
function key(t: Tuple, manip: Manip): number {
  if (t.proto === IPPROTO.ICMP) return t.sport;
  return manip === 'SRC' ? t.sport : t.dport;
}

function withKey(t: Tuple, manip: Manip, v: number): Tuple {
  if (t.proto === IPPROTO.ICMP || manip === 'SRC') return { ...t, sport: v };
  return { ...t, dport: v };
}

/** nf_in_range: the tuple already lies within the range. */
function inRange(t: Tuple, r: NatRange): boolean {
  if (r.mapIps && (t.src >>> 0 < r.minIp >>> 0 || t.src >>> 0 > r.maxIp >>> 0)) return false;
  if (!r.protoSpecified) return true;
  const k = key(t, 'SRC');
  return k >= r.minProto && k <= r.maxProto;
}

/**
 * find_appropriate_src: another flow from the same source address and
 * port is already SNATed; reuse its mapping when it lies in the range.
 */
function appropriateSrc(table: ConntrackTable, t: Tuple, r: NatRange): Tuple | null {
  for (const c of table.list()) {
    const o = c.orig;
    if (!c.has(IPS.SRC_NAT) || o.proto !== t.proto || o.src !== t.src || o.sport !== t.sport) continue;
    const mapped = invertTuple(c.reply);
    if (!mapped) continue;
    const candidate = { ...t, src: mapped.src, sport: mapped.sport };
    if (inRange(candidate, r)) return candidate;
  }
  return null;
}

/**
 * find_best_ips_proto: a hash of the addresses picks the address within
 * the range, so one client keeps getting the same address (with
 * --persistent, whatever the destination).
 */
function bestIp(t: Tuple, r: NatRange, manip: Manip): Tuple {
  if (!r.mapIps) return t;
  if (r.minIp === r.maxIp) return manip === 'SRC' ? { ...t, src: r.minIp } : { ...t, dst: r.minIp };
  const j = jhash2([beWord(t.src), 0, 0, 0], r.persistent ? 0 : beWord(t.dst));
  const dist = (r.maxIp - r.minIp + 1) >>> 0;
  const ip = (r.minIp + reciprocalScale(j, dist)) >>> 0;
  return manip === 'SRC' ? { ...t, src: ip } : { ...t, dst: ip };
}

/** nf_nat_l4proto_unique_tuple: walk the port (or ICMP id) range from an offset until the tuple is free. */
function uniqueL4(table: ConntrackTable, t: Tuple, r: NatRange, manip: Manip, conn: Conn, rng: Rng): Tuple {
  let min: number;
  let size: number;
  const k = key(t, manip);
  if (t.proto === IPPROTO.ICMP) {
    min = r.protoSpecified ? r.minProto : 0;
    size = r.protoSpecified ? r.maxProto - r.minProto + 1 : 65536;
  } else if (hasPorts(t.proto)) {
    if (!r.protoSpecified) {
      // A destination port is never changed unless asked to.
      if (manip === 'DST') return t;
      if (k < 1024) [min, size] = k < 512 ? [1, 511] : [600, 424];
      else [min, size] = [1024, 65535 - 1024 + 1];
    } else [min, size] = [Math.min(r.minProto, r.maxProto), Math.abs(r.maxProto - r.minProto) + 1];
  } else return t;
  let off =
    manip === 'DST' && randomAll(r)
      ? randomDstOffset(rng, t, min, size, conn)
      : randomAll(r) || manip !== 'DST'
        ? rng.u32() & 0xffff
        : 0;
  let attempts = Math.min(size, MAX_ATTEMPTS);
  let candidate = t;
  for (;;) {
    for (let i = 0; i < attempts; i++, off++) {
      candidate = withKey(t, manip, min + ((off & 0xffff) % size));
      if (!used(table, candidate, conn)) return candidate;
    }
    if (attempts >= size || attempts < 16) return candidate;
    attempts >>= 1;
    off = rng.u32() & 0xffff;
  }
}

/** Ranges up to this size are chances a tracer can enumerate (`trace --all-paths`); larger ones are only drawn. */
const ENUMERABLE = 64;

/**
 * The random start of a DNAT port search (--random): which destination port a
 * new flow gets is left to chance, one port of the range as likely as another.
 */
function randomDstOffset(rng: Rng, t: Tuple, min: number, size: number, conn: Conn): number {
  let raw = -1;
  const draw = () => {
    raw = rng.u32() & 0xffff;
    return raw % size;
  };
  if (size > ENUMERABLE) {
    draw();
    return raw;
  }
  const field = t.proto === IPPROTO.ICMP ? 'id' : 'port';
  const index = rng.choose(
    () => ({
      what: `random ${field} ${min}-${min + size - 1}`,
      outcomes: Array.from({ length: size }, (_, i) => `${field} ${min + i}`),
      weights: Array.from({ length: size }, () => 1 / size),
      subject: conn,
    }),
    draw,
  );
  // Drawn: the raw offset, as the kernel walks on from it; forced: the chosen port first.
  return raw >= 0 ? raw : index;
}

/**
 * get_unique_tuple: the tuple the connection will look like after this
 * manipulation. For SNAT the original tuple is kept when it is in the range
 * and free (the source port survives), then an existing mapping of the same
 * source is reused; otherwise an address is picked by hash and the port
 * (or ICMP id) searched for a free one.
 */
export function uniqueTuple(
  table: ConntrackTable,
  orig: Tuple,
  r: NatRange,
  conn: Conn,
  manip: Manip,
  rng: Rng,
): Tuple {
  if (manip === 'SRC' && !randomAll(r)) {
    if (inRange(orig, r)) {
      if (!used(table, orig, conn)) return orig;
    } else {
      const found = appropriateSrc(table, orig, r);
      if (found && !used(table, found, conn)) return found;
    }
  }
  const t = bestIp(orig, r, manip);
  if (!randomAll(r)) {
    if (r.protoSpecified) {
      const k = key(t, manip);
      if (k >= r.minProto && k <= r.maxProto && (r.minProto === r.maxProto || !used(table, t, conn)))
        return t;
    } else if (!used(table, t, conn)) return t;
  }
  return uniqueL4(table, t, r, manip, conn, rng);
}
