import type { MatchImpl } from '../context.js';

/** mark_mt: (skb->mark & mask) == mark. */
export const mark: MatchImpl = {
  match(packet, _ctx, m) {
    const hit = ((packet.mark ?? 0) & (m.data.mask as number)) >>> 0 === (m.data.value as number) >>> 0;
    return hit !== Boolean(m.data.inv);
  },
};

/** connmark_mt: every packet has a fresh conntrack entry (mark 0) until conntrack lands. */
export const connmark: MatchImpl = {
  match(_packet, _ctx, m) {
    return ((m.data.value as number) >>> 0 === 0) !== Boolean(m.data.inv);
  },
};
