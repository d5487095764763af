import type { TargetImpl } from '../context.js';
import { withNftrace } from '../nftrace.js';

/**
 * xt_TRACE (raw table only): `skb->nf_trace = 1`. With iptables-nft the
 * packet is then reported to nf_tables trace listeners (xtables-monitor
 * --trace) at every rule it matches, from this one on, in every table.
 */
export const TRACE: TargetImpl = {
  action(packet, ctx) {
    ctx.packet = withNftrace(packet, ctx.netns);
    return 'CONTINUE';
  },
};
