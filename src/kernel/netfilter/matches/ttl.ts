import type { MatchImpl } from '../context.js';

/** ttl_mt (xt_hl.c): the IP TTL against the rule's value, by mode. */
export const ttl: MatchImpl = {
  match(packet, _ctx, m) {
    const value = m.data.ttl as number;
    switch (m.data.mode) {
      case 'eq':
        return packet.ttl === value;
      case 'ne':
        return packet.ttl !== value;
      case 'lt':
        return packet.ttl < value;
      case 'gt':
        return packet.ttl > value;
      default:
        return false;
    }
  },
};
