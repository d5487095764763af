import type { Ipv4Packet } from '../../net/packet.js';
import type { Netns } from '../netns.js';
import { SkbSlot, skbShare } from '../skb-slot.js';
import type { NfCtx } from './context.js';
import type { TracePacket, TraceVerdict } from './monitor.js';
import { NFT_GROUP, nftHasListener, nftNotify } from './monitor.js';
import type { Chain, Rule, Table } from './types.js';
import { ruleHandle } from './types.js';

/**
 * skb->nf_trace, set by `-j TRACE`, with the trace id the kernel derives
 * for the skb (nft_trace_init hashes the skb and its skb_iif): the id
 * stays while the packet keeps its input device (OUTPUT then POSTROUTING,
 * or PREROUTING, INPUT/FORWARD, POSTROUTING) and changes when it comes
 * back in over lo. `iif` -1: no id drawn yet.
 */
interface NfTraceState {
  readonly id: number;
  readonly iif: number;
}

const NFTRACE = new SkbSlot<NfTraceState>('nf_trace');

/** The packet marked for tracing (TRACE's `skb->nf_trace = 1`). */
export function withNftrace(packet: Ipv4Packet, netns: Netns): Ipv4Packet {
  return NFTRACE.get(packet, netns) ? packet : NFTRACE.set(packet, netns, { id: 0, iif: -1 });
}

export const isNftraced = (packet: Ipv4Packet, netns: Netns): boolean =>
  NFTRACE.get(packet, netns) !== undefined;

/** skb_scrub_packet's nf_reset_trace: a packet that crossed a wire is not traced any more. */
export const withoutNftrace = (packet: Ipv4Packet): Ipv4Packet => NFTRACE.clear(packet);

/**
 * The nf_tables trace of one base chain pass (struct nft_traceinfo):
 * made only while someone listens for traces in the namespace. Each
 * report checks the packet's nf_trace anew, so the TRACE rule that sets
 * it is itself reported; the first report of the pass carries the packet.
 */
export class NftTracer {
  private dumped = false;

  private constructor(
    private readonly ctx: NfCtx,
    private readonly table: Table,
  ) {}

  /** A tracer for the pass, or null when nobody listens (the common case, one check). */
  static for(ctx: NfCtx, table: Table): NftTracer | null {
    return nftHasListener(ctx.netns.netfilter, NFT_GROUP.trace) ? new NftTracer(ctx, table) : null;
  }

  /** A rule that matched, with what it decided. */
  rule(chain: Chain, index: number, verdict: TraceVerdict, target?: string): void {
    const rule: Rule = chain.rules[index];
    this.emit('rule', chain.name, ruleHandle(this.table, chain, index), rule, verdict, target);
  }

  /** The base chain's policy applied. */
  policy(chain: string, verdict: 'ACCEPT' | 'DROP'): void {
    this.emit('policy', chain, 0, null, verdict);
  }

  private emit(
    type: 'rule' | 'policy',
    chain: string,
    handle: number,
    rule: Rule | null,
    verdict: TraceVerdict,
    target?: string,
  ): void {
    const ctx = this.ctx;
    const netns = ctx.netns;
    const state = NFTRACE.get(ctx.packet, netns);
    if (!state) return;
    const iif = ctx.in?.ifindex ?? 0;
    let id = state.id;
    if (state.iif !== iif) {
      id = netns.world.rng.u32();
      ctx.packet = NFTRACE.set(ctx.packet, netns, { id, iif });
    }
    let packet: TracePacket | null = null;
    if (!this.dumped) {
      this.dumped = true;
      // The message keeps the packet as it is now: no later write in place may reach it.
      skbShare(ctx.packet);
      packet = { in: ctx.in, out: ctx.out, l2: ctx.l2, packet: ctx.packet };
    }
    nftNotify(netns.netfilter, {
      kind: 'trace',
      type,
      id,
      table: this.table.name,
      chain,
      handle,
      rule,
      verdict,
      target,
      packet,
    });
  }
}
