/**
 * A sysctl directory's leaves (leaf -> text value), copied on write: every
 * namespace starts with the same few hundred defaults and every device
 * with a copy of `default`, yet almost none of them is ever written. A
 * copy shares its source's map until either side writes a different
 * value; a cluster of 30,000 pod namespaces then holds one map per
 * directory that differs, not one per namespace and device.
 */
export class CowEntries {
  /** `map` is also some other CowEntries' (or the fresh defaults'): copy before writing. */
  private shared: boolean;

  private constructor(
    private map: Map<string, string>,
    shared: boolean,
  ) {
    this.shared = shared;
  }

  /** Entries over a map nobody writes (the fresh-namespace defaults). */
  static over(map: ReadonlyMap<string, string>): CowEntries {
    return new CowEntries(map as Map<string, string>, true);
  }

  /** A copy: the same values from now on, each side's writes its own. */
  copy(): CowEntries {
    this.shared = true;
    return new CowEntries(this.map, true);
  }

  get size(): number {
    return this.map.size;
  }

  get(leaf: string): string | undefined {
    return this.map.get(leaf);
  }

  has(leaf: string): boolean {
    return this.map.has(leaf);
  }

  set(leaf: string, value: string): this {
    // Writing the value a leaf already has changes nothing, and copies nothing.
    if (this.map.get(leaf) === value) return this;
    if (this.shared) {
      this.map = new Map(this.map);
      this.shared = false;
    }
    this.map.set(leaf, value);
    return this;
  }

  keys(): MapIterator<string> {
    return this.map.keys();
  }

  entries(): MapIterator<[string, string]> {
    return this.map.entries();
  }

  [Symbol.iterator](): MapIterator<[string, string]> {
    return this.map.entries();
  }
}
