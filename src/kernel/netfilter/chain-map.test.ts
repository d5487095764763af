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
});
