import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChainMap } from './chain-map.js';

// Enough names for overlays to outgrow their base and fold.
const KEYS = Array.from({ length: 50 }, (_, i) => `c${i}`);
const batch = fc.record({
  deleted: fc.array(fc.constantFrom(...KEYS), { maxLength: 4 }),
  set: fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 3 })), { maxLength: 8 }),
});

describe('ChainMap: a commit updates the chains map without copying it', () => {
  it('takes a map made whole (a table made anew) as its base, and updates it as that Map', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...KEYS)), batch, (names, { deleted, set }) => {
        const made = new Map(names.map((k, i) => [k, i] as const));
        const real = new Map(made);
        const mine = ChainMap.of(made);
        expect([...mine]).toEqual([...real]);
        const next = ChainMap.updated(mine, deleted, set);
        for (const k of deleted) real.delete(k);
        for (const [k, v] of set) real.set(k, v);
        expect([...next]).toEqual([...real]);
        expect(next.size).toBe(real.size);
        for (const k of KEYS) expect(next.get(k)).toBe(real.get(k));
        // The base it was given is not written.
        expect([...mine]).toEqual(names.map((k, i) => [k, i]));
      }),
      { numRuns: 200 },
    );
  });

  it('reads, sizes and iterates as the Map the same updates give, version after version', () => {
    fc.assert(
      fc.property(fc.array(batch, { maxLength: 60 }), (batches) => {
        const versions: [ReadonlyMap<string, number>, Map<string, number>][] = [];
        let mine: ReadonlyMap<string, number> = new Map();
        let real = new Map<string, number>();
        for (const { deleted, set } of batches) {
          mine = ChainMap.updated(mine, deleted, set);
          real = new Map(real);
          for (const k of deleted) real.delete(k);
          for (const [k, v] of set) real.set(k, v);
          versions.push([mine, real]);
        }
        // Older versions stay as they were.
        for (const [m, r] of versions) {
          expect([...m]).toEqual([...r]);
          expect([...m.keys()]).toEqual([...r.keys()]);
          expect([...m.values()]).toEqual([...r.values()]);
          expect(m.size).toBe(r.size);
          for (const k of KEYS) {
            expect(m.get(k)).toBe(r.get(k));
            expect(m.has(k)).toBe(r.has(k));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('updates of older versions (a failed commit leaves the table as it was) leave every other version as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), batch), { maxLength: 60 }), (steps) => {
        const versions: [ReadonlyMap<string, number>, Map<string, number>][] = [[new Map(), new Map()]];
        for (const [from, { deleted, set }] of steps) {
          const [mine, real] = versions[from % versions.length]!;
          const next = new Map(real);
          for (const k of deleted) next.delete(k);
          for (const [k, v] of set) next.set(k, v);
          versions.push([ChainMap.updated(mine, deleted, set), next]);
        }
        for (const [m, r] of versions) {
          expect([...m]).toEqual([...r]);
          expect(m.size).toBe(r.size);
          for (const k of KEYS) expect(m.get(k)).toBe(r.get(k));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('many names (buckets of the overlay shared by several), version after version, as a Map', () => {
    // A deterministic walk over 5,000 names: enough for names to share trie buckets.
    let seed = 7;
    const rnd = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const name = (i: number) => `KUBE-SEP-${i.toString(36).toUpperCase()}`;
    let real = new Map(Array.from({ length: 4000 }, (_, i) => [name(i), i] as const));
    let mine: ReadonlyMap<string, number> = new Map(real);
    const kept: [ReadonlyMap<string, number>, Map<string, number>][] = [];
    for (let step = 0; step < 400; step++) {
      const deleted = Array.from({ length: rnd(4) }, () => name(rnd(5000)));
      const set = Array.from({ length: rnd(20) }, () => [name(rnd(5000)), step] as const);
      mine = ChainMap.updated(mine, deleted, set);
      real = new Map(real);
      for (const k of deleted) real.delete(k);
      for (const [k, v] of set) real.set(k, v);
      if (step % 50 === 0) kept.push([mine, real]);
    }
    kept.push([mine, real]);
    for (const [m, r] of kept) {
      expect([...m]).toEqual([...r]);
      expect(m.size).toBe(r.size);
      for (let i = 0; i < 5000; i++) {
        expect(m.get(name(i))).toBe(r.get(name(i)));
        expect(m.has(name(i))).toBe(r.has(name(i)));
      }
    }
  });

  it('folds a large overlay into a new base and keeps the order', () => {
    let m: ReadonlyMap<string, number> = new Map(
      Array.from({ length: 1000 }, (_, i) => [`c${i}`, i] as const),
    );
    for (let i = 0; i < 200; i++) m = ChainMap.updated(m, [`c${i}`], [[`n${i}`, i]]);
    const keys = [...m.keys()];
    expect(keys.length).toBe(1000);
    expect(keys[0]).toBe('c200');
    expect(keys.at(-1)).toBe('n199');
  });

  it('made anew (every entry deleted, as a restore does): the new entries alone, the old version intact', () => {
    const old = ChainMap.updated(
      new Map(Array.from({ length: 100 }, (_, i) => [`c${i}`, i] as const)),
      [],
      [['x', -1]],
    );
    const fresh = Array.from({ length: 60 }, (_, i) => [`n${59 - i}`, i] as const);
    const m = ChainMap.updated(old, [...old.keys()], [...fresh, ['c5', 99] as const]);
    expect([...m]).toEqual([...fresh, ['c5', 99]]);
    expect(m.size).toBe(61);
    expect(m.get('c5')).toBe(99);
    expect(m.has('c6')).toBe(false);
    expect(old.size).toBe(101);
    expect(old.get('c6')).toBe(6);
    expect([...old.keys()].at(-1)).toBe('x');
  });

  it('is the map it was given when the updates change nothing (namespaces sharing it keep sharing it)', () => {
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 20 }), batch, (batches, probe) => {
        let mine: ReadonlyMap<string, number> = new Map();
        for (const { deleted, set } of batches) mine = ChainMap.updated(mine, deleted, set);
        // Names it lacks deleted, names it has set to what they are: the same object.
        const absent = probe.deleted.filter((k) => !mine.has(k));
        const same = [...mine].filter(([k]) => probe.set.some(([s]) => s === k));
        expect(ChainMap.updated(mine, absent, same)).toBe(mine);
        expect(ChainMap.updated(mine, new Set(absent), same.values())).toBe(mine);
        // Any real change makes a new version, as a Map would give it.
        const next = ChainMap.updated(mine, probe.deleted, probe.set);
        const real = new Map(mine);
        for (const k of probe.deleted) real.delete(k);
        for (const [k, v] of probe.set) real.set(k, v);
        expect([...next]).toEqual([...real]);
        const changed = [...real].length !== mine.size || [...real].some(([k, v]) => mine.get(k) !== v);
        if (changed) expect(next).not.toBe(mine);
      }),
      { numRuns: 300 },
    );
  });
});
