import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';

/** xt_quota_priv.quota: the bytes left, one counter per rule instance. */
const left = new WeakMap<XtModule, { bytes: number }>();

/**
 * quota_mt (xt_quota.c): while the bytes left cover skb->len (the IP total
 * length at every hook) they pay for the packet and the rule matches;
 * after the first packet they cannot cover, nothing is left and it never
 * matches again (`!` reverses the answer, not the counting). The rule's
 * own quota stays as given: iptables-nft lists the original value.
 */
export const quota: MatchImpl = {
  match(packet, _ctx, m) {
    let q = left.get(m);
    if (!q) {
      q = { bytes: Number(m.data.quota as string) };
      left.set(m, q);
    }
    let hit: boolean;
    if (q.bytes >= packet.totalLength) {
      q.bytes -= packet.totalLength;
      hit = true;
    } else {
      q.bytes = 0;
      hit = false;
    }
    return hit !== Boolean(m.data.inv);
  },
};
