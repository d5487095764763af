/** A decision the dataplane leaves to chance (`statistic --mode random`, a random NAT port). */
export interface Chance {
  /** What decides, as a person reads it: `statistic --mode random --probability 0.33333`. */
  readonly what: string;
  /** The possible outcomes' names, and their probabilities (summing to 1) in the same order. */
  readonly outcomes: readonly string[];
  readonly weights: readonly number[];
  /** What it is decided for (a packet, or its conntrack entry), so a tracer can tell its own. */
  readonly subject: object;
  /** The namespace's name ("" for the initial one), when the site knows it. */
  readonly ns?: string;
}

/**
 * Watches chance decisions and may force them (`podpath trace
 * --all-paths` takes every branch in turn). Only a tracer sets one.
 */
export interface Chooser {
  /** The outcome's index to take instead of drawing, or undefined to draw. */
  force(chance: Chance): number | undefined;
  /** The outcome taken, forced or drawn. */
  taken(chance: Chance, index: number, forced: boolean): void;
}

/** Seeded randomness (splitmix32): the core's only source of chance. */
export class Rng {
  private state: number;
  /** Set while a tracer watches: see `choose`. */
  chooser: Chooser | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return this.u32() % n;
  }

  byte(): number {
    return this.u32() & 255;
  }

  /**
   * A chance decision: the outcome's index as `draw` picks it from this
   * generator, unless a chooser forces it. `describe` is only called while a
   * chooser watches, so an untraced packet pays nothing.
   */
  choose(describe: () => Chance, draw: () => number): number {
    const chooser = this.chooser;
    if (!chooser) return draw();
    const chance = describe();
    const forced = chooser.force(chance);
    const index = forced ?? draw();
    chooser.taken(chance, index, forced !== undefined);
    return index;
  }
}
