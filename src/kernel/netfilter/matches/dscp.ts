import type { MatchImpl } from '../context.js';

/** dscp_mt (xt_dscp.c): the TOS byte's upper six bits against the rule's DSCP. */
export const dscp: MatchImpl = {
  match(packet, _ctx, m) {
    return (packet.tos >> 2 === (m.data.dscp as number)) !== Boolean(m.data.inv);
  },
};

/** tos_mt (xt_dscp.c): (TOS & mask) == value. */
export const tos: MatchImpl = {
  match(packet, _ctx, m) {
    return ((packet.tos & (m.data.mask as number)) === (m.data.value as number)) !== Boolean(m.data.inv);
  },
};
