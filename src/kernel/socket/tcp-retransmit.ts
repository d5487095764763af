import { seqAfter } from './tcp-seq.js';

/** One segment sent and not yet acknowledged (an skb on the retransmit queue). */
export interface TxSegment {
  readonly seq: number;
  /** The sequence number after it: data length, plus one for a FIN. */
  readonly end: number;
  readonly data?: Uint8Array;
  readonly fin: boolean;
  /** When it last left (skb_mstamp): a retransmission restarts its RTO. */
  sentAt: number;
  /** Sent more than once: Karn's rule, its ACK times no round trip by the clock. */
  retransmitted: boolean;
  /** Marked lost by an RTO and not resent since (tcp_enter_loss). */
  lost: boolean;
}

/** The retransmit queue (tcp_rtx_queue), oldest first. */
export class RetransmitQueue {
  private readonly segments: TxSegment[] = [];

  get length(): number {
    return this.segments.length;
  }

  get head(): TxSegment | undefined {
    return this.segments[0];
  }

  get tail(): TxSegment | undefined {
    return this.segments.at(-1);
  }

  /** The segments out, oldest first (packets_out, retrans_out for tcp_get_info). */
  list(): readonly TxSegment[] {
    return this.segments;
  }

  push(seg: TxSegment): void {
    this.segments.push(seg);
  }

  /** tcp_clean_rtx_queue: drops what `ack` covers (each passed to `each`); the newest segment dropped, if any. */
  ack(ack: number, each?: (seg: TxSegment) => void): TxSegment | null {
    let last: TxSegment | null = null;
    while (this.segments.length > 0 && !seqAfter(this.segments[0].end, ack)) {
      last = this.segments.shift()!;
      each?.(last);
    }
    return last;
  }

  /** tcp_enter_loss: every outstanding segment is presumed lost. */
  markLost(): void {
    for (const s of this.segments) s.lost = true;
  }

  /** The oldest segment still to resend after a loss. */
  nextLost(): TxSegment | undefined {
    return this.segments.find((s) => s.lost);
  }

  /**
   * Merges a bare FIN into the data segment before it at the head of the
   * queue (net.ipv4.tcp_retrans_collapse): the merged segment, or null.
   */
  collapseFin(): TxSegment | null {
    const [data, fin] = this.segments;
    if (!data?.data || data.fin || !fin?.fin || fin.data) return null;
    const merged: TxSegment = { ...data, end: fin.end, fin: true };
    this.segments.splice(0, 2, merged);
    return merged;
  }

  clear(): void {
    this.segments.length = 0;
  }
}
