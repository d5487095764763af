/**
 * A sysctl directory's leaves (leaf -> text value), copied on write: every
 * namespace starts with the same few hundred defaults and every device
 * with a copy of `default`, yet almost none of them is ever written, and
 * those that are differ in a leaf or two (`mtu`, `arp_notify`). So an
 * entries object is a base map nobody writes (the fresh defaults) under a
 * small map of the leaves written since, itself shared by copies until
 * either side writes: a cluster of 30,000 pod namespaces then holds a few
 * written leaves per device, not a copy of the directory.
 */
export class CowEntries {
  /** `own` is also some other CowEntries': copy it before writing. */
  private shared: boolean;

  private constructor(
    private readonly base: ReadonlyMap<string, string>,
    private own: Map<string, string> | null,
    shared: boolean,
  ) {
    this.shared = shared;
  }

  /** Entries over a map nobody writes (the fresh-namespace defaults). */
  static over(map: ReadonlyMap<string, string>): CowEntries {
    return new CowEntries(map, null, false);
  }

  /** A copy: the same values from now on, each side's writes its own. */
  copy(): CowEntries {
    if (this.own) this.shared = true;
    return new CowEntries(this.base, this.own, this.own !== null);
  }

  /**
   * A copy with `changes` written. While nothing was written here, the copy
   * stands over a base made once for these changes (a device's `mtu`, the
   * loopback's own leaves) instead of holding a map of its own.
   */
  copyWith(changes: readonly (readonly [string, string])[]): CowEntries {
    const effective = changes.filter(([leaf, value]) => this.get(leaf) !== value);
    if (effective.length === 0) return this.copy();
    if (this.own) {
      const c = this.copy();
      for (const [leaf, value] of effective) c.set(leaf, value);
      return c;
    }
    return new CowEntries(derivedBase(this.base, effective), null, false);
  }

  get size(): number {
    let n = this.base.size;
    if (this.own) for (const leaf of this.own.keys()) if (!this.base.has(leaf)) n++;
    return n;
  }

  get(leaf: string): string | undefined {
    const v = this.own?.get(leaf);
    return v !== undefined ? v : this.base.get(leaf);
  }

  has(leaf: string): boolean {
    return this.base.has(leaf) || (this.own?.has(leaf) ?? false);
  }

  set(leaf: string, value: string): this {
    // Writing the value a leaf already has changes nothing, and copies nothing.
    if (this.get(leaf) === value) return this;
    if (!this.own) this.own = new Map();
    else if (this.shared) {
      this.own = new Map(this.own);
      this.shared = false;
    }
    this.own.set(leaf, value);
    return this;
  }

  /** Leaves in the order a copied map would hold them: the base's, then new ones as written. */
  *keys(): Generator<string, undefined, unknown> {
    for (const [leaf] of this.entries()) yield leaf;
  }

  *entries(): Generator<[string, string], undefined, unknown> {
    const own = this.own;
    for (const [leaf, value] of this.base) yield [leaf, own?.get(leaf) ?? value];
    if (own) for (const entry of own) if (!this.base.has(entry[0])) yield entry;
  }

  [Symbol.iterator](): Generator<[string, string], undefined, unknown> {
    return this.entries();
  }
}

/** Bases derived from a base by some written leaves, by the changes' text (few: a handful of MTUs, loopback). */
const derived = new WeakMap<ReadonlyMap<string, string>, Map<string, ReadonlyMap<string, string>>>();

function derivedBase(
  base: ReadonlyMap<string, string>,
  changes: readonly (readonly [string, string])[],
): ReadonlyMap<string, string> {
  let byChanges = derived.get(base);
  if (!byChanges) derived.set(base, (byChanges = new Map()));
  const key = changes.map(([leaf, value]) => `${leaf}=${value}`).join('\n');
  let map = byChanges.get(key);
  if (!map) {
    // A copied map with the leaves set: the same order as copying then writing gives.
    const m = new Map(base);
    for (const [leaf, value] of changes) m.set(leaf, value);
    byChanges.set(key, (map = m));
  }
  return map;
}
