import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sameData } from './draft.js';

/** What a parsed rule's parts hold, and a few things they do not (left to isDeepStrictEqual). */
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(0, -0, 1, NaN, '', 'a', true, false, null, undefined),
    fc.integer(),
    fc.string({ maxLength: 3 }),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('v'), { maxKeys: 3 }),
    fc.constantFrom(new Uint8Array([1]), new Uint8Array([2]), new Map([[1, 2]])),
  ),
})).v;

describe('sameData: isDeepStrictEqual for the parts of parsed rules', () => {
  it('agrees with isDeepStrictEqual on any two values, and on a value and its copy', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameData(a, b)).toBe(isDeepStrictEqual(a, b));
        const copy: unknown = a instanceof Map || ArrayBuffer.isView(a) ? a : structuredClone(a);
        expect(sameData(a, copy)).toBe(isDeepStrictEqual(a, copy));
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('tells arrays with holes and objects with other keys apart', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(sameData([1, , 3], [1, undefined, 3])).toBe(isDeepStrictEqual([1, , 3], [1, undefined, 3]));
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameData(0, -0)).toBe(false);
  });
});
