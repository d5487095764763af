/**
 * The allocators Kubernetes uses when a field is left empty: a bitmap over a
 * range, random within the upper ("dynamic") band first, the lower band kept
 * for static picks (KEP-3070 for service IPs, KEP-3668 for node ports). The
 * randomness comes from the cluster's seed.
 */
import type { Rng } from '../../kernel/rng.js';

export class RangeAllocator {
  private readonly used = new Set<number>();
  /** Offsets below this form the static band. */
  private readonly staticSize: number;

  constructor(
    readonly size: number,
    band: { min: number; max: number; divisor: number },
  ) {
    this.staticSize = Math.min(Math.max(band.min, Math.floor(size / band.divisor)), band.max);
  }

  /** Marks an offset taken; false when it already was. */
  take(offset: number): boolean {
    if (this.used.has(offset)) return false;
    this.used.add(offset);
    return true;
  }

  /** A random free offset in the dynamic band, else in the static band; null when full. */
  allocate(rng: Rng): number | null {
    return this.pick(rng, this.staticSize, this.size) ?? this.pick(rng, 0, this.staticSize);
  }

  /** Like the bitmap allocator: a random start, then the next free offset, wrapping around. */
  private pick(rng: Rng, from: number, to: number): number | null {
    const n = to - from;
    if (n <= 0) return null;
    const start = rng.below(n);
    for (let i = 0; i < n; i++) {
      const offset = from + ((start + i) % n);
      if (this.take(offset)) return offset;
    }
    return null;
  }
}

/** Service IPs: the range minus network and broadcast; static band min(max(16, size/16), 256). */
export const serviceIPAllocator = (prefixLen: number) =>
  new RangeAllocator(2 ** (32 - prefixLen) - 2, { min: 16, max: 256, divisor: 16 });

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** Node ports 30000-32767; static band min(max(16, size/32), 128). */
export const nodePortAllocator = () =>
  new RangeAllocator(NODE_PORT_MAX - NODE_PORT_MIN + 1, { min: 16, max: 128, divisor: 32 });
