import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';

/** The shared nth counter (xt_statistic_priv.count). */
const counters = new WeakMap<XtModule, { count: number }>();

/**
 * statistic_mt. random: get_random_u32() & 0x7fffffff below the scaled
 * probability, drawn from the world's seeded RNG. nth: the counter starts at
 * (every-1) - packet and wraps at every-1; the packet that wraps matches.
 */
export const statistic: MatchImpl = {
  match(_packet, ctx, m) {
    const d = m.data;
    const invert = Boolean(d.inv);
    if (d.mode === 'random') {
      const hit = (ctx.netns.world.rng.u32() & 0x7fffffff) < ((d.probability as number) ?? 0);
      return hit !== invert;
    }
    const every = (d.every as number) - 1;
    let c = counters.get(m);
    if (!c) {
      c = { count: every - ((d.packet as number) ?? 0) };
      counters.set(m, c);
    }
    c.count = c.count === every ? 0 : c.count + 1;
    return (c.count === 0) !== invert;
  },
};
