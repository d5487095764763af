import type { MatchImpl } from '../context.js';
import { nfctOf } from '../conntrack/skb.js';

/** mark_mt: (skb->mark & mask) == mark. */
export const mark: MatchImpl = {
  match(packet, _ctx, m) {
    const hit = ((packet.mark ?? 0) & (m.data.mask as number)) >>> 0 === (m.data.value as number) >>> 0;
    return hit !== Boolean(m.data.inv);
  },
};

/** connmark_mt: (ct->mark & mask) == mark; a packet without an entry never matches. */
export const connmark: MatchImpl = {
  match(packet, ctx, m) {
    const nfct = nfctOf(packet, ctx.netns);
    if (!nfct || !('conn' in nfct)) return false;
    const hit = (nfct.conn.mark & (m.data.mask as number)) >>> 0 === (m.data.value as number) >>> 0;
    return hit !== Boolean(m.data.inv);
  },
};
