import type { TargetImpl } from '../context.js';

/** MARK (nft: meta mark set mark and ~mask xor value). */
export const MARK: TargetImpl = {
  action(packet, ctx, t) {
    const value = t.data.value as number;
    const mask = t.data.mask as number;
    ctx.packet = { ...packet, mark: (((packet.mark ?? 0) & ~mask) ^ value) >>> 0 };
    return 'CONTINUE';
  },
};

/** TOS revision 1: tos = (tos & ~mask) ^ value. */
export const TOS: TargetImpl = {
  action(packet, ctx, t) {
    const tos = ((packet.tos & ~(t.data.mask as number)) ^ (t.data.value as number)) & 0xff;
    if (tos !== packet.tos) ctx.packet = { ...packet, tos };
    return 'CONTINUE';
  },
};

/** ttl_tg: set, or increment/decrement clamped to 0..255. */
export const TTL: TargetImpl = {
  action(packet, ctx, t) {
    const v = t.data.value as number;
    const mode = t.data.mode as string;
    const ttl =
      mode === 'set' ? v : mode === 'inc' ? Math.min(255, packet.ttl + v) : Math.max(0, packet.ttl - v);
    if (ttl !== packet.ttl) ctx.packet = { ...packet, ttl };
    return 'CONTINUE';
  },
};
