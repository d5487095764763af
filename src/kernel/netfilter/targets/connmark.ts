import type { TargetImpl } from '../context.js';
import { nfctOf } from '../conntrack/skb.js';

/**
 * connmark_tg_shift (revision 2, no shifts): set the entry's mark, save the
 * packet mark into it, or restore the packet mark from it, under masks.
 * A packet without an entry is left alone.
 */
export const CONNMARK: TargetImpl = {
  action(packet, ctx, t) {
    const nfct = nfctOf(packet, ctx.netns);
    if (!nfct || !('conn' in nfct)) return 'CONTINUE';
    const conn = nfct.conn;
    const d = t.data;
    const nfmask = (d.nfmask as number | undefined) ?? 0xffffffff;
    const ctmask = (d.ctmask as number | undefined) ?? 0xffffffff;
    const skbMark = packet.mark ?? 0;
    switch (d.mode) {
      case 'set':
        conn.mark = ((conn.mark & ~(d.mask as number)) ^ (d.value as number)) >>> 0;
        break;
      case 'save':
        conn.mark = ((conn.mark & ~ctmask) ^ (skbMark & nfmask)) >>> 0;
        break;
      case 'restore': {
        const mark = ((skbMark & ~nfmask) ^ (conn.mark & ctmask)) >>> 0;
        if (mark !== skbMark) ctx.packet = { ...packet, mark };
        break;
      }
    }
    return 'CONTINUE';
  },
};
