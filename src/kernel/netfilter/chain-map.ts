/**
 * A table's user chains by name, as an immutable map that a commit
 * updates in time proportional to what it changed, not to the table: a
 * node holding kube-proxy's 100,000 chains takes one commit per CNI
 * command of each pod it starts, and copying the whole map for each made
 * pod sandboxes cost as much as the table.
 *
 * A version is a base map shared with other versions (never written once
 * shared) plus its own small overlay: replaced or deleted base entries,
 * and entries made after the base's. Iteration order, size and lookups are
 * exactly those of the Map the same updates would give (a replaced entry
 * keeps its place, a new or re-made one comes last). When the overlay
 * outgrows about the square root of the base, an update folds it into a
 * new base: each update then costs O(sqrt n) on average.
 */

/** A deleted base entry in an overlay. */
const GONE = Symbol('gone');

export class ChainMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    /** Entries of the base, in its order; shared, never written. */
    private readonly base: ReadonlyMap<string, V>,
    /** Base entries replaced (or deleted: GONE) in this version. */
    private readonly over: ReadonlyMap<string, V | typeof GONE>,
    /** Entries after the base's, in the order they were made. */
    private readonly added: ReadonlyMap<string, V>,
    readonly size: number,
  ) {}

  /**
   * `from` with the `deleted` names removed, then the `set` entries set, in
   * order: what `m = new Map(from)`, `m.delete(...)`, `m.set(...)` give.
   * `from` is not changed (a plain Map given is taken as a base: it must
   * not be written afterwards).
   */
  static updated<V>(
    from: ReadonlyMap<string, V>,
    deleted: Iterable<string>,
    set: Iterable<readonly [string, V]>,
  ): ReadonlyMap<string, V> {
    const prev =
      from instanceof ChainMap
        ? (from as ChainMap<V>)
        : new ChainMap<V>(from, new Map(), new Map(), from.size);
    const over = new Map(prev.over);
    const added = new Map(prev.added);
    const base = prev.base;
    let size = prev.size;
    const live = (k: string) => base.has(k) && over.get(k) !== GONE;
    for (const k of deleted) {
      if (added.delete(k)) size--;
      else if (live(k)) {
        over.set(k, GONE);
        size--;
      }
    }
    // No base entry left (a table made anew, as by a restore): every entry is the overlay's.
    if (size === added.size) {
      for (const [k, v] of set) added.set(k, v);
      size = added.size;
    } else
      for (const [k, v] of set) {
        if (added.has(k)) added.set(k, v);
        else if (live(k)) {
          // Setting a base entry to what it is changes nothing.
          if (base.get(k) === v && !over.has(k)) continue;
          over.set(k, v);
        } else {
          added.set(k, v);
          size++;
        }
      }
    // Fold the overlay in once it costs more to copy than the base, amortized.
    if (over.size + added.size > 32 && (over.size + added.size) ** 2 > 2 * base.size) {
      // No base entry left (a table made anew, as by a restore): the new entries are the whole map, ours to keep.
      if (size === added.size) return new ChainMap<V>(added, new Map(), new Map(), size);
      return new ChainMap<V>(new Map(new ChainMap<V>(base, over, added, size)), new Map(), new Map(), size);
    }
    return new ChainMap<V>(base, over, added, size);
  }

  get(key: string): V | undefined {
    const a = this.added.get(key);
    if (a !== undefined) return a;
    const o = this.over.get(key);
    if (o === GONE) return undefined;
    return o ?? this.base.get(key);
  }

  has(key: string): boolean {
    if (this.added.has(key)) return true;
    const o = this.over.get(key);
    return o === undefined ? this.base.has(key) : o !== GONE;
  }

  *entries(): MapIterator<[string, V]> {
    for (const [k, v] of this.base) {
      const o = this.over.get(k);
      if (o === GONE) continue;
      yield [k, o ?? v];
    }
    yield* this.added;
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}
