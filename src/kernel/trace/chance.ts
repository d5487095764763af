import type { Chance, Chooser } from '../rng.js';
import type { TraceRecorder } from './recorder.js';

/** One chance decision taken for a followed packet. */
export interface TakenChance {
  readonly what: string;
  readonly outcomes: readonly string[];
  readonly weights: readonly number[];
  readonly index: number;
}

/**
 * The world's chooser while a trace runs (World.rng.chooser): every chance
 * decision about a followed packet becomes a `chance` event; with `forced`
 * (`--all-paths`) the n-th such decision takes outcome `forced[n]`, and
 * decisions past the list take their first possible outcome. Decisions about
 * other packets (background traffic of the lab) are drawn as usual.
 */
export class ChanceTracker implements Chooser {
  /** The decisions about followed packets, in the order they were taken. */
  readonly decisions: TakenChance[] = [];

  constructor(
    private readonly rec: TraceRecorder,
    private readonly forced: readonly number[] | null = null,
  ) {}

  force(chance: Chance): number | undefined {
    if (this.forced === null || !this.rec.ownerOf(chance.subject)) return undefined;
    const n = this.decisions.length;
    return n < this.forced.length ? this.forced[n] : firstPossible(chance.weights);
  }

  taken(chance: Chance, index: number, forced: boolean): void {
    const owner = this.rec.ownerOf(chance.subject);
    if (!owner) return;
    this.decisions.push({ what: chance.what, outcomes: chance.outcomes, weights: chance.weights, index });
    this.rec.events.push({
      type: 'chance',
      packet: owner.id,
      ns: chance.ns ?? owner.ns,
      what: chance.what,
      outcome: chance.outcomes[index] ?? String(index),
      probability: chance.weights[index] ?? 0,
      forced,
    });
  }
}

/** The first outcome that can happen at all (a `--probability 1` rule never fails to match). */
export const firstPossible = (weights: readonly number[]): number => {
  const i = weights.findIndex((w) => w > 0);
  return i < 0 ? 0 : i;
};
