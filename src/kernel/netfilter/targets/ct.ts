import type { TargetImpl } from '../context.js';
import { withNfct } from '../conntrack/skb.js';

const UNTRACKED = { untracked: true } as const;

/**
 * xt_CT in the raw table: `--notrack` (and the old NOTRACK target) attach
 * the untracked template, so conntrack leaves the packet alone and matches
 * see UNTRACKED. Zones and helpers are not emulated: no effect.
 */
export const CT: TargetImpl = {
  action(packet, ctx, t) {
    if (t.data.notrack) ctx.packet = withNfct(packet, ctx.netns, UNTRACKED);
    return 'CONTINUE';
  },
};

export const NOTRACK: TargetImpl = {
  action(packet, ctx) {
    ctx.packet = withNfct(packet, ctx.netns, UNTRACKED);
    return 'CONTINUE';
  },
};
