import type { Chance } from '../../rng.js';
import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';

/** The shared nth counter (xt_statistic_priv.count). */
const counters = new WeakMap<XtModule, { count: number }>();

/** The match as a chance with outcomes [match, no match] (a tracer may force it: `trace --all-paths`). */
function chance(what: string, pMatch: number, subject: object, ns: string | null): Chance {
  return { what, outcomes: ['match', 'no match'], weights: [pMatch, 1 - pMatch], subject, ns: ns ?? '' };
}

/**
 * statistic_mt. random: get_random_u32() & 0x7fffffff below the scaled
 * probability, drawn from the world's seeded RNG. nth: the counter starts at
 * (every-1) - packet and wraps at every-1; the packet that wraps matches.
 */
export const statistic: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const invert = Boolean(d.inv);
    const rng = ctx.netns.world.rng;
    if (d.mode === 'random') {
      const scaled = (d.probability as number) ?? 0;
      const p = scaled / 0x80000000;
      const what = `statistic --mode random${invert ? ' !' : ''} --probability ${p.toFixed(11)}`;
      const draw = () => ((rng.u32() & 0x7fffffff) < scaled !== invert ? 0 : 1);
      return rng.choose(() => chance(what, invert ? 1 - p : p, packet, ctx.netns.name), draw) === 0;
    }
    const every = (d.every as number) - 1;
    let c = counters.get(m);
    if (!c) {
      c = { count: every - ((d.packet as number) ?? 0) };
      counters.set(m, c);
    }
    c.count = c.count === every ? 0 : c.count + 1;
    const hit = (c.count === 0) !== invert;
    // Which packet of the cycle this is depends on the traffic before it: 1 in `every` over time.
    const what = `statistic --mode nth${invert ? ' !' : ''} --every ${every + 1}`;
    const pNth = 1 / (every + 1);
    return (
      rng.choose(
        () => chance(what, invert ? 1 - pNth : pNth, packet, ctx.netns.name),
        () => (hit ? 0 : 1),
      ) === 0
    );
  },
};
