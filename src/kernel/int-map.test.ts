import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IntMap } from './int-map.js';

describe('IntMap', () => {
  it('answers as a Map does through any sequence of sets and deletes', () => {
    const op = fc.tuple(
      fc.constantFrom('set', 'delete', 'get'),
      fc.integer({ min: 0, max: 200 }),
      fc.integer(),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const map = new IntMap<number>();
        const ref = new Map<number, number>();
        for (const [kind, key, value] of ops) {
          if (kind === 'set') {
            map.set(key, value);
            ref.set(key, value);
          } else if (kind === 'delete') expect(map.delete(key)).toBe(ref.delete(key));
          expect(map.get(key)).toBe(ref.get(key));
          expect(map.size).toBe(ref.size);
        }
        for (let key = 0; key <= 200; key++) expect(map.get(key)).toBe(ref.get(key));
      }),
    );
  });

  it('keeps every key of a large table, colliding low bits included', () => {
    const map = new IntMap<string>();
    for (let k = 0; k < 5000; k++) map.set(k << 12, `v${k}`);
    for (let k = 0; k < 5000; k += 2) map.delete(k << 12);
    for (let k = 0; k < 5000; k++) expect(map.get(k << 12)).toBe(k % 2 === 0 ? undefined : `v${k}`);
    expect(map.size).toBe(2500);
    expect(map.get(0x3fffffff)).toBeUndefined();
  });

  it('is empty again after clear', () => {
    const map = new IntMap<number>();
    for (let k = 0; k < 100; k++) map.set(k, k);
    map.clear();
    expect(map.size).toBe(0);
    for (let k = 0; k < 100; k++) expect(map.get(k)).toBeUndefined();
    map.set(7, 1);
    expect(map.get(7)).toBe(1);
  });
});
