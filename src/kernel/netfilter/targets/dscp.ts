import type { TargetImpl } from '../context.js';

/** XT_DSCP_ECN_MASK: the two ECN bits of the TOS byte that DSCP keeps. */
const ECN_MASK = 0x03;

/**
 * DSCP (xt_DSCP.c dscp_tg): the six DSCP bits of the TOS byte become the
 * rule's value, the ECN bits stay (ipv4_change_dsfield).
 */
export const DSCP: TargetImpl = {
  action(packet, ctx, t) {
    const tos = (packet.tos & ECN_MASK) | ((t.data.dscp as number) << 2);
    if (tos !== packet.tos) ctx.packet = { ...packet, tos };
    return 'CONTINUE';
  },
};
