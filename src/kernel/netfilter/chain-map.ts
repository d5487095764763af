/**
 * A table's user chains by name, as an immutable map that a commit
 * updates in time proportional to what it changed, not to the table: a
 * node holding kube-proxy's 100,000 chains takes one commit per CNI
 * command of each pod it starts, and a partial sync per endpoint change;
 * copying the whole map for each made both cost as much as the table.
 *
 * A version is a base map shared with other versions (never written once
 * shared) plus its own overlay: replaced or deleted base entries, and
 * entries made after the base's. Iteration order, size and lookups are
 * exactly those of the Map the same updates would give (a replaced entry
 * keeps its place, a new or re-made one comes last). The overlay is
 * persistent (hash tries, see Trie): an update copies the few paths it
 * changes, not the overlay, so the overlay may grow to half the base
 * before an update folds it into a new base (each update then costs its
 * own entries, plus the fold amortized: O(1) per entry).
 */

/** A deleted base entry in an overlay. */
const GONE = Symbol('gone');

/**
 * A number for each name a trie has held, in the order first seen: the
 * trie's index (dense, so names rarely share a bucket). Looked up in a
 * Map rather than hashed here: a commit looks up each name it changes,
 * most often in code not optimized yet (a node's first syncs).
 */
const ids = new Map<string, number>();
/** Names numbered at most (a safety bound); others are hashed (FNV-1a), consistently, as none is numbered later. */
const MAX_IDS = 4_000_000;

function hashOf(key: string): number {
  const id = ids.get(key);
  if (id !== undefined) return id;
  if (ids.size < MAX_IDS) {
    ids.set(key, ids.size);
    return ids.size - 1;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Slots per trie level (5 bits of the hash each, three levels: 32,768 buckets). */
const WIDTH = 32;
const MASK = WIDTH - 1;

/**
 * A level: WIDTH slots, then (slot WIDTH) the edit that made it, which may
 * write it until it is done. A bucket: that edit first, then key, value
 * pairs. (A tag in the array itself, not a set of the edit's arrays: a
 * commit's few changes are often made by code not optimized yet.)
 */
type Level = unknown[];

/** First key of a bucket (slot 0 is its edit). */
const PAIRS = 1;

/** The bucket (the edit that made it, then key, value pairs) the hash leads to in a trie, if any. */
function bucketOf(root: Level | undefined, h: number): unknown[] | undefined {
  const a = root?.[h & MASK] as Level | undefined;
  const b = a?.[(h >>> 5) & MASK] as Level | undefined;
  return b?.[(h >>> 10) & MASK] as unknown[] | undefined;
}

function lookup<V>(root: Level | undefined, key: string, h: number): V | undefined {
  const bucket = bucketOf(root, h);
  if (bucket !== undefined)
    for (let i = PAIRS; i < bucket.length; i += 2) if (bucket[i] === key) return bucket[i + 1] as V;
  return undefined;
}

/** An immutable hash trie of string keys (unordered): three levels of 32 slots over small buckets. */
class Trie<V> {
  static readonly EMPTY = new Trie<never>(undefined, 0);

  constructor(
    readonly root: Level | undefined,
    readonly size: number,
  ) {}

  get(key: string, h: number): V | undefined {
    return this.size === 0 ? undefined : lookup<V>(this.root, key, h);
  }

  edit(): TrieEdit<V> {
    return new TrieEdit<V>(this.root, this.size);
  }
}

/** A trie being changed: the arrays it copied are its own (tagged with it) until done(); the others are shared. */
class TrieEdit<V> {
  /** The tag of this edit's arrays: a fresh object, so an array keeps nothing of the edit alive. */
  private readonly tag = {};

  constructor(
    private root: Level | undefined,
    public size: number,
  ) {}

  get(key: string, h: number): V | undefined {
    return this.size === 0 ? undefined : lookup<V>(this.root, key, h);
  }

  /** A level as this edit's own: itself if this edit made it, else a copy (or a new one). */
  private ownLevel(a: Level | undefined): Level {
    if (a !== undefined && a[WIDTH] === this.tag) return a;
    const mine = a === undefined ? new Array<unknown>(WIDTH + 1).fill(undefined) : a.slice();
    mine[WIDTH] = this.tag;
    return mine;
  }

  /** The bucket for h, copied as this edit's own along its path. */
  private ownBucket(h: number): unknown[] {
    const r = (this.root = this.ownLevel(this.root));
    const a = (r[h & MASK] = this.ownLevel(r[h & MASK] as Level | undefined));
    const b = (a[(h >>> 5) & MASK] = this.ownLevel(a[(h >>> 5) & MASK] as Level | undefined));
    const i = (h >>> 10) & MASK;
    const bucket = b[i] as unknown[] | undefined;
    if (bucket !== undefined && bucket[0] === this.tag) return bucket;
    const mine = bucket === undefined ? [this.tag] : bucket.slice();
    mine[0] = this.tag;
    return (b[i] = mine);
  }

  set(key: string, value: V, h: number): void {
    const bucket = this.ownBucket(h);
    for (let i = PAIRS; i < bucket.length; i += 2)
      if (bucket[i] === key) {
        bucket[i + 1] = value;
        return;
      }
    bucket.push(key, value);
    this.size++;
  }

  /** False when the key was not there. */
  delete(key: string, h: number): boolean {
    if (this.size === 0 || lookup(this.root, key, h) === undefined) return false;
    const bucket = this.ownBucket(h);
    for (let i = PAIRS; i < bucket.length; i += 2)
      if (bucket[i] === key) {
        bucket.splice(i, 2);
        break;
      }
    this.size--;
    return true;
  }

  done(): Trie<V> {
    return new Trie<V>(this.root, this.size);
  }
}

/** An entry of an Ordered map: its value, and which log entry is its place. */
interface Placed<V> {
  readonly value: V;
  readonly seq: number;
}

/**
 * An immutable map of string keys in the order they were made: a trie of
 * the entries, and the log of the keys made, in order (entries of `log`
 * whose key has since gone, or been made again later, are skipped). The
 * versions of one map share the log array: a version appends in place
 * while it is the log's longest, and copies its part first otherwise.
 */
class Ordered<V> {
  static readonly EMPTY = new Ordered<never>(Trie.EMPTY, [], [], 0, 0);

  constructor(
    readonly index: Trie<Placed<V>>,
    readonly log: string[],
    readonly seqs: number[],
    /** This version's part of the log. */
    readonly len: number,
    readonly next: number,
  ) {}

  get size(): number {
    return this.index.size;
  }

  get(key: string, h: number): V | undefined {
    return this.index.get(key, h)?.value;
  }

  *entries(): Generator<[string, V]> {
    for (let i = 0; i < this.len; i++) {
      const key = this.log[i]!;
      const e = this.index.get(key, hashOf(key));
      if (e !== undefined && e.seq === this.seqs[i]) yield [key, e.value];
    }
  }

  edit(): OrderedEdit<V> {
    return new OrderedEdit<V>(this);
  }
}

class OrderedEdit<V> {
  private readonly index: TrieEdit<Placed<V>>;
  private log: string[];
  private seqs: number[];
  private len: number;
  private next: number;
  private ownLog = false;

  constructor(from: Ordered<V>) {
    this.index = from.index.edit();
    this.log = from.log;
    this.seqs = from.seqs;
    this.len = from.len;
    this.next = from.next;
  }

  get size(): number {
    return this.index.size;
  }

  has(key: string, h: number): boolean {
    return this.index.get(key, h) !== undefined;
  }

  get(key: string, h: number): V | undefined {
    return this.index.get(key, h)?.value;
  }

  /** A key it has keeps its place; a new one comes last. */
  set(key: string, value: V, h: number): void {
    const e = this.index.get(key, h);
    if (e !== undefined) {
      this.index.set(key, { value, seq: e.seq }, h);
      return;
    }
    if (!this.ownLog && this.log.length !== this.len) {
      // Another version appended past this one's part: the part is copied.
      this.log = this.log.slice(0, this.len);
      this.seqs = this.seqs.slice(0, this.len);
    }
    this.ownLog = true;
    const seq = this.next++;
    this.log.push(key);
    this.seqs.push(seq);
    this.len++;
    this.index.set(key, { value, seq }, h);
  }

  delete(key: string, h: number): boolean {
    return this.index.delete(key, h);
  }

  done(): Ordered<V> {
    return new Ordered<V>(this.index.done(), this.log, this.seqs, this.len, this.next);
  }
}

/** The version's entries as one plain Map, in its order, by plain loops (a fold copies every chain of the table). */
function folded<V>(
  base: ReadonlyMap<string, V>,
  over: Trie<V | typeof GONE>,
  added: Ordered<V>,
): Map<string, V> {
  const map = new Map<string, V>();
  if (over.size === 0) for (const [k, v] of base) map.set(k, v);
  else
    for (const [k, v] of base) {
      const o = over.get(k, hashOf(k));
      if (o === undefined) map.set(k, v);
      else if (o !== GONE) map.set(k, o);
    }
  for (const [k, v] of added.entries()) map.set(k, v);
  return map;
}

export class ChainMap<V> implements ReadonlyMap<string, V> {
  private constructor(
    /** Entries of the base, in its order; shared, never written. */
    private readonly base: ReadonlyMap<string, V>,
    /** Base entries replaced (or deleted: GONE) in this version. */
    private readonly over: Trie<V | typeof GONE>,
    /** Entries after the base's, in the order they were made. */
    private readonly added: Ordered<V>,
    readonly size: number,
  ) {}

  /**
   * `from` with the `deleted` names removed, then the `set` entries set, in
   * order: what `m = new Map(from)`, `m.delete(...)`, `m.set(...)` give.
   * `from` is not changed (a plain Map given is taken as a base: it must
   * not be written afterwards). `from` itself when nothing changes (no name
   * it has deleted, every entry set to what it is): namespaces whose tables
   * share a map keep sharing it through a batch that changed none of its
   * chains (tools/iptables/restore-share.ts).
   */
  static updated<V>(
    from: ReadonlyMap<string, V>,
    deleted: Iterable<string>,
    set: Iterable<readonly [string, V]>,
  ): ReadonlyMap<string, V> {
    if (Array.isArray(deleted) && deleted.length === 0 && Array.isArray(set) && set.length === 0) return from;
    const prev =
      from instanceof ChainMap
        ? (from as ChainMap<V>)
        : new ChainMap<V>(from, Trie.EMPTY, Ordered.EMPTY, from.size);
    const base = prev.base;
    const over = prev.over.edit();
    const added = prev.added.edit();
    let size = prev.size;
    let changed = false;
    const live = (k: string, h: number) => base.has(k) && over.get(k, h) !== GONE;
    for (const k of deleted) {
      const h = hashOf(k);
      if (added.delete(k, h)) {
        size--;
        changed = true;
      } else if (live(k, h)) {
        over.set(k, GONE, h);
        size--;
        changed = true;
      }
    }
    // No base entry left (a table made anew, as by a restore of 100,000 chains): the entries made
    // after the base's and the new ones are the whole map, a plain Map of its own (no trie to build).
    if (size === added.size) {
      const map = new Map(added.done().entries());
      for (const [k, v] of set) {
        if (!changed && (map.get(k) !== v || !map.has(k))) changed = true;
        map.set(k, v);
      }
      return changed ? new ChainMap<V>(map, Trie.EMPTY, Ordered.EMPTY, map.size) : from;
    }
    for (const [k, v] of set) {
      const h = hashOf(k);
      if (added.has(k, h)) {
        if (!changed && added.get(k, h) !== v) changed = true;
        added.set(k, v, h);
      } else if (live(k, h)) {
        // Setting a base entry to what it is changes nothing.
        const o = over.get(k, h);
        if (o === undefined ? base.get(k) === v : o === v) continue;
        changed = true;
        over.set(k, v, h);
      } else {
        added.set(k, v, h);
        size++;
        changed = true;
      }
    }
    if (!changed) return from;
    const o = over.done();
    const a = added.done();
    // Fold the overlay in once it is half the base (or its log is mostly gone entries): amortized O(1) an entry.
    const overlay = o.size + a.len;
    if (overlay > 32 && overlay * 2 > base.size)
      return new ChainMap<V>(folded(base, o, a), Trie.EMPTY, Ordered.EMPTY, size);
    return new ChainMap<V>(base, o, a, size);
  }

  /**
   * A map of exactly `map`'s entries, taken as the base (never written
   * afterwards): what `updated` of an empty map with them all gives, for
   * a table made anew, without a list of pairs or a copy.
   */
  static of<V>(map: Map<string, V>): ReadonlyMap<string, V> {
    return new ChainMap<V>(map, Trie.EMPTY, Ordered.EMPTY, map.size);
  }

  get(key: string): V | undefined {
    if (this.over.size === 0 && this.added.size === 0) return this.base.get(key);
    const h = hashOf(key);
    const a = this.added.get(key, h);
    if (a !== undefined) return a;
    const o = this.over.get(key, h);
    if (o === GONE) return undefined;
    return o ?? this.base.get(key);
  }

  has(key: string): boolean {
    if (this.over.size === 0 && this.added.size === 0) return this.base.has(key);
    const h = hashOf(key);
    if (this.added.get(key, h) !== undefined) return true;
    const o = this.over.get(key, h);
    return o === undefined ? this.base.has(key) : o !== GONE;
  }

  *entries(): MapIterator<[string, V]> {
    if (this.over.size === 0) yield* this.base;
    else
      for (const [k, v] of this.base) {
        const o = this.over.get(k, hashOf(k));
        if (o === GONE) continue;
        yield [k, o ?? v];
      }
    yield* this.added.entries();
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
