import type { Tuple } from './tuple.js';
import { invertTuple } from './tuple.js';
import type { TcpConnState } from './proto-tcp.js';
import type { UdpHeader } from '../../../net/packet.js';

/** enum ip_conntrack_status bits (include/uapi/linux/netfilter/nf_conntrack_common.h). */
export const IPS = {
  EXPECTED: 1 << 0,
  SEEN_REPLY: 1 << 1,
  ASSURED: 1 << 2,
  CONFIRMED: 1 << 3,
  SRC_NAT: 1 << 4,
  DST_NAT: 1 << 5,
  SRC_NAT_DONE: 1 << 7,
  DST_NAT_DONE: 1 << 8,
  DYING: 1 << 9,
  FIXED_TIMEOUT: 1 << 10,
  UNTRACKED: 1 << 12,
} as const;

/**
 * enum ip_conntrack_events (nf_conntrack_ecache.h): what changed in an
 * entry, cached on it and delivered to ctnetlink listeners at confirmation.
 */
export const IPCT = {
  NEW: 1 << 0,
  RELATED: 1 << 1,
  DESTROY: 1 << 2,
  REPLY: 1 << 3,
  ASSURED: 1 << 4,
  PROTOINFO: 1 << 5,
  HELPER: 1 << 6,
  MARK: 1 << 7,
  SEQADJ: 1 << 8,
  SECMARK: 1 << 9,
  LABEL: 1 << 10,
  SYNPROXY: 1 << 11,
} as const;

/** struct nf_conn_counter for one direction (the acct extension). */
export interface CtCounter {
  packets: number;
  bytes: number;
}

export const IPS_NAT_MASK = IPS.SRC_NAT | IPS.DST_NAT;

export type Dir = 'ORIGINAL' | 'REPLY';
export const otherDir = (d: Dir): Dir => (d === 'ORIGINAL' ? 'REPLY' : 'ORIGINAL');

/**
 * enum ip_conntrack_info: what a packet is to its connection. The _REPLY
 * variants (IP_CT_IS_REPLY) travel in the reply direction.
 */
export type CtInfo = 'ESTABLISHED' | 'RELATED' | 'NEW' | 'ESTABLISHED_REPLY' | 'RELATED_REPLY';

// Compared, not scanned with endsWith: every tracked packet asks this several times.
export const infoDir = (info: CtInfo): Dir =>
  info === 'ESTABLISHED_REPLY' || info === 'RELATED_REPLY' ? 'REPLY' : 'ORIGINAL';

/** The state xt_state/xt_conntrack see: ctinfo modulo IP_CT_IS_REPLY, or no entry at all. */
export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED';

let nextId = 1;

/**
 * struct nf_conn: the original and reply tuples (the reply one rewritten by
 * NAT before confirmation), status bits, the expiry on the virtual clock,
 * the mark and the protocol's private state.
 */
export class Conn {
  /** ct->id as ctnetlink reports it; a sequence here instead of a hashed pointer. */
  readonly id = nextId++;
  private statusBits = 0;
  private markValue = 0;
  private expiresAt = 0;
  /** The table that holds the entry once confirmed: told when the expiry moves earlier (see ConntrackTable.reap). */
  holder: { lowered(at: number): void } | null = null;
  /** The timeout a not yet confirmed entry starts with at confirmation (ms). */
  timeout = 0;
  /** nf_ct_zone (CTA_ZONE): 0 unless set by `conntrack -I -w` (no CT --zone here). */
  zone = 0;
  /**
   * The ecache extension: null when the entry was made while nobody
   * listened and nf_conntrack_events is 2 (then it never reports), else
   * the events cached since the last delivery.
   */
  ecache: { cached: number } | null = null;
  /** The acct extension (nf_conntrack_acct was 1 when the entry was made): [ORIGINAL, REPLY]. */
  acct: [CtCounter, CtCounter] | null = null;
  tcp: TcpConnState | null = null;
  /** UDP: when a reply-seen flow becomes a stream (ct->proto.udp.stream_ts). */
  streamTs = 0;
  /** MASQUERADE: the device whose address was taken (nat->masq_index). */
  masqIndex = 0;
  /** The packets' references to the entry, one per ctinfo (conntrack/skb.ts withConn); not state of the entry. */
  skbRefs: object | null = null;
  /** The UDP headers NAT rewrote last, per manipulation (nat/manip.ts withPorts); not state of the entry. */
  natUdpSrc: UdpHeader | null = null;
  natUdpDst: UdpHeader | null = null;
  /** inverse()'s last answer per direction, with the tuple it was computed from. */
  private invOf: [Tuple | null, Tuple | null] = [null, null];
  private inv: [Tuple | null, Tuple | null] = [null, null];

  constructor(
    readonly orig: Tuple,
    public reply: Tuple,
  ) {}

  /** Absolute expiry (ms on the world clock) once confirmed. */
  get expires(): number {
    return this.expiresAt;
  }

  set expires(at: number) {
    if (at < this.expiresAt) this.holder?.lowered(at);
    this.expiresAt = at;
  }

  /** IPS_* bits; setting SEEN_REPLY or ASSURED caches the event that reports it. */
  get status(): number {
    return this.statusBits;
  }

  set status(bits: number) {
    const added = bits & ~this.statusBits;
    this.statusBits = bits;
    if (added & IPS.SEEN_REPLY) this.cacheEvent(IPCT.REPLY);
    if (added & IPS.ASSURED) this.cacheEvent(IPCT.ASSURED);
  }

  /** ct->mark; a change caches IPCT_MARK (as CONNMARK and ctnetlink do). */
  get mark(): number {
    return this.markValue;
  }

  set mark(value: number) {
    if (value === this.markValue) return;
    this.markValue = value >>> 0;
    this.cacheEvent(IPCT.MARK);
  }

  /** nf_conntrack_event_cache: remember an event for the next delivery (no-op without ecache). */
  cacheEvent(bits: number): void {
    if (this.ecache) this.ecache.cached |= bits;
  }

  tuple(dir: Dir): Tuple {
    return dir === 'ORIGINAL' ? this.orig : this.reply;
  }

  /**
   * invertTuple of the direction's tuple, computed once while that tuple
   * stays the same (NAT rewrites every packet of a flow from it).
   */
  inverse(dir: Dir): Tuple | null {
    const k = dir === 'ORIGINAL' ? 0 : 1;
    const t = k === 0 ? this.orig : this.reply;
    if (this.invOf[k] !== t) {
      this.invOf[k] = t;
      this.inv[k] = invertTuple(t);
    }
    return this.inv[k];
  }

  has(bits: number): boolean {
    return (this.status & bits) !== 0;
  }

  get confirmed(): boolean {
    return this.has(IPS.CONFIRMED);
  }

  /** nf_ct_refresh: the entry lives `ms` more from now (from confirmation when not yet confirmed). */
  refresh(now: number, ms: number): void {
    if (this.confirmed) this.expires = now + ms;
    else this.timeout = ms;
  }

  /**
   * nf_ct_expires / HZ at `now`: whole seconds left, rounded down, as the
   * kernel computes it for a packet (xt_conntrack --ctexpire) or an event
   * raised at the instant the timeout was set. 0 before confirmation (the
   * relative ct->timeout minus jiffies is negative).
   */
  secondsLeft(now: number): number {
    if (!this.confirmed) return 0;
    return Math.max(0, Math.floor((this.expires - now) / 1000));
  }

  /**
   * Seconds left as a later user-space request reads them: a real dump
   * always runs some time after whatever set the timeout, so a whole
   * number of seconds left reads one less (30 s after a ping reads 29).
   */
  secondsLeftLater(now: number): number {
    const ms = this.confirmed ? this.expires - now : this.timeout;
    return Math.max(0, Math.ceil(ms / 1000) - 1);
  }

  /** nf_ct_acct_update: count a packet of `bytes` in its direction (no-op without acct). */
  account(dir: Dir, bytes: number): void {
    if (!this.acct) return;
    const c = this.acct[dir === 'ORIGINAL' ? 0 : 1];
    c.packets++;
    c.bytes += bytes;
  }
}

/** skb->_nfct: the entry a packet belongs to and how, or the untracked template. */
export type Nfct = { readonly conn: Conn; readonly info: CtInfo } | { readonly untracked: true };
