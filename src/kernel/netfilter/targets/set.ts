import type { TargetImpl } from '../context.js';
import type { SetRef } from '../matches/set.js';
import { ipsetAddPacket, ipsetDelPacket } from '../../ipset/kadt.js';

/**
 * set_target_v3 (net/netfilter/xt_set.c): add the packet's element to one
 * set and/or delete it from another, then go on with the next rule.
 */
export const SET: TargetImpl = {
  action(packet, ctx, t) {
    const d = t.data;
    const add = d.addSet as SetRef | undefined;
    const del = d.delSet as SetRef | undefined;
    if (add)
      ipsetAddPacket(ctx.netns, add.name, packet, {
        dirs: add.dirs,
        timeout: d.timeout as number | undefined,
        exist: Boolean(d.exist),
      });
    if (del) ipsetDelPacket(ctx.netns, del.name, packet, del.dirs);
    return 'CONTINUE';
  },
};
