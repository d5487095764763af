import type { MatchImpl } from '../context.js';

export const comment: MatchImpl = { match: () => true };

/** length_mt: the IP total length within [min, max]. */
export const length: MatchImpl = {
  match(packet, _ctx, m) {
    const hit = packet.totalLength >= (m.data.min as number) && packet.totalLength <= (m.data.max as number);
    return hit !== Boolean(m.data.inv);
  },
};

interface IdRange {
  lo: number;
  hi: number;
  inv: boolean;
}

/**
 * owner_mt: only packets of a local socket have an owner; every socket here
 * belongs to root (uid 0, gid 0). Without one, the rule matches only when
 * every option is inverted.
 */
export const owner: MatchImpl = {
  match(_packet, ctx, m) {
    const opts = [m.data.uid, m.data.gid, m.data.socket] as (IdRange | { inv: boolean } | undefined)[];
    const local = ctx.fromSocket && (ctx.hook === 'OUTPUT' || ctx.hook === 'POSTROUTING');
    if (!local) return opts.every((o) => !o || o.inv);
    for (const o of [m.data.uid, m.data.gid] as (IdRange | undefined)[])
      if (o && (0 >= o.lo && 0 <= o.hi) === o.inv) return false;
    const sock = m.data.socket as { inv: boolean } | undefined;
    return !sock?.inv;
  },
};
