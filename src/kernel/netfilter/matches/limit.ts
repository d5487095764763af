import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';

const SCALE = 10000;
/** add_nft_limit's units: iptables-nft turns -m limit into nft's `limit rate N/unit burst B packets`. */
const UNITS: readonly (readonly [number, number])[] = [
  [86400 * SCALE, 86400],
  [3600 * SCALE, 3600],
  [60 * SCALE, 60],
  [SCALE, 1],
];

interface Bucket {
  cost: number;
  max: number;
  tokens: number;
  last: number;
}

const buckets = new WeakMap<XtModule, Bucket>();

/** The nft rate and unit for an xt_rateinfo average (the same walk print_rate does). */
function nftRate(avg: number): { rate: number; unitSeconds: number } {
  let i = 1;
  for (; i < UNITS.length; i++) {
    const mult = UNITS[i][0];
    if (avg > mult || Math.floor(mult / avg) < mult % avg) break;
  }
  return { rate: Math.floor(UNITS[i - 1][0] / avg), unitSeconds: UNITS[i - 1][1] };
}

/**
 * nft_limit_pkts: a token bucket in nanoseconds, full (burst packets) when
 * the rule is loaded, each packet costing unit/rate; over the limit the
 * match fails. State lives with the rule object, so it survives commits
 * that leave the rule in place, as nft keeps untouched rules.
 */
export const limit: MatchImpl = {
  match(_packet, ctx, m) {
    const now = ctx.netns.world.clock.now * 1e6;
    let b = buckets.get(m);
    if (!b) {
      const { rate, unitSeconds } = nftRate(m.data.avg as number);
      const cost = Math.floor((unitSeconds * 1e9) / rate);
      const max = cost * (m.data.burst as number);
      b = { cost, max, tokens: max, last: now };
      buckets.set(m, b);
    }
    const tokens = Math.min(b.tokens + now - b.last, b.max);
    b.last = now;
    if (tokens - b.cost >= 0) {
      b.tokens = tokens - b.cost;
      return true;
    }
    b.tokens = tokens;
    return false;
  },
};
