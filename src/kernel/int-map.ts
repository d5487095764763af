/** A slot never used (ends a probe). */
const EMPTY = -1;
/** A slot whose key was deleted (a probe goes on past it). */
const DELETED = -2;

const MIN_CAPACITY = 16;

/**
 * A map from small non-negative integers (below 2^31) to values, by open
 * addressing with linear probing over a typed array of keys. For keys that
 * are already well mixed hashes (conntrack's tupleHash): the key's low
 * bits pick the slot, with no hashing of its own, where a Map hashes
 * every key and follows a chain of entries (a fifth of a conntrack
 * lookup's time, for every packet). No iteration: only what the hash
 * index of a table needs.
 */
export class IntMap<V> {
  private keys = new Int32Array(MIN_CAPACITY).fill(EMPTY);
  private vals: (V | undefined)[] = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
  private mask = MIN_CAPACITY - 1;
  /** Keys present. */
  private count = 0;
  /** Slots not EMPTY (present or DELETED): what makes probes long. */
  private used = 0;

  get size(): number {
    return this.count;
  }

  get(key: number): V | undefined {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) return this.vals[i];
      if (k === EMPTY) return undefined;
    }
  }

  set(key: number, value: V): void {
    const keys = this.keys;
    const mask = this.mask;
    let free = -1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) {
        this.vals[i] = value;
        return;
      }
      if (k === DELETED) {
        if (free < 0) free = i;
      } else if (k === EMPTY) {
        if (free < 0) {
          free = i;
          this.used++;
        }
        break;
      }
    }
    keys[free] = key;
    this.vals[free] = value;
    this.count++;
    // At most half the slots used: probes stay short.
    if (this.used * 2 > keys.length)
      this.rehash(this.count * 4 > keys.length ? keys.length * 2 : keys.length);
  }

  /** Forgets every key (and the room they took). */
  clear(): void {
    this.keys = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.vals = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
    this.mask = MIN_CAPACITY - 1;
    this.count = 0;
    this.used = 0;
  }

  delete(key: number): boolean {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) {
        keys[i] = DELETED;
        this.vals[i] = undefined;
        this.count--;
        return true;
      }
      if (k === EMPTY) return false;
    }
  }

  /** Every present key anew in `capacity` slots (a power of two), without the DELETED ones. */
  private rehash(capacity: number): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Int32Array(capacity).fill(EMPTY);
    this.vals = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    this.used = this.count;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j];
      if (k < 0) continue;
      let i = k & this.mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.vals[i] = oldVals[j];
    }
  }
}
