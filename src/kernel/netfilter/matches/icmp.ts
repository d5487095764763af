import type { MatchImpl } from '../context.js';

/** icmp_type_code_match: type 0xff is "any"; codes within the range. */
export const icmp: MatchImpl = {
  match(packet, _ctx, m) {
    const h = packet.l4;
    if (!h || h.kind !== 'icmp') return false;
    const type = m.data.type as number;
    const [lo, hi] = m.data.code as [number, number];
    const hit = type === 0xff || (h.type === type && h.code >= lo && h.code <= hi);
    return hit !== Boolean(m.data.inv);
  },
};
