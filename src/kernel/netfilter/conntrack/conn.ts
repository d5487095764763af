import type { Tuple } from './tuple.js';
import type { TcpConnState } from './proto-tcp.js';

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
  UNTRACKED: 1 << 12,
} as const;

export const IPS_NAT_MASK = IPS.SRC_NAT | IPS.DST_NAT;

export type Dir = 'ORIGINAL' | 'REPLY';
export const otherDir = (d: Dir): Dir => (d === 'ORIGINAL' ? 'REPLY' : 'ORIGINAL');

/**
 * enum ip_conntrack_info: what a packet is to its connection. The _REPLY
 * variants (IP_CT_IS_REPLY) travel in the reply direction.
 */
export type CtInfo = 'ESTABLISHED' | 'RELATED' | 'NEW' | 'ESTABLISHED_REPLY' | 'RELATED_REPLY';

export const infoDir = (info: CtInfo): Dir => (info.endsWith('_REPLY') ? 'REPLY' : 'ORIGINAL');

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
  status = 0;
  /** Absolute expiry (ms on the world clock) once confirmed. */
  expires = 0;
  /** The timeout a not yet confirmed entry starts with at confirmation (ms). */
  timeout = 0;
  mark = 0;
  tcp: TcpConnState | null = null;
  /** UDP: when a reply-seen flow becomes a stream (ct->proto.udp.stream_ts). */
  streamTs = 0;
  /** MASQUERADE: the device whose address was taken (nat->masq_index). */
  masqIndex = 0;

  constructor(
    readonly orig: Tuple,
    public reply: Tuple,
  ) {}

  tuple(dir: Dir): Tuple {
    return dir === 'ORIGINAL' ? this.orig : this.reply;
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
   * Seconds left as ctnetlink reports them (nf_ct_expires / HZ, rounded
   * down). A real dump always runs some time after the packet that set
   * the timeout, so a whole number of seconds left reads one less, as
   * it does on a real machine (30 s after a ping reads 29).
   */
  secondsLeft(now: number): number {
    const ms = this.confirmed ? this.expires - now : this.timeout;
    return Math.max(0, Math.ceil(ms / 1000) - 1);
  }
}

/** skb->_nfct: the entry a packet belongs to and how, or the untracked template. */
export type Nfct = { readonly conn: Conn; readonly info: CtInfo } | { readonly untracked: true };
