import { describe, expect, it } from 'vitest';
import { computeProbability, formatFixedGo } from './probability.js';

describe('computeProbability', () => {
  it.each([
    [2, '0.5000000000'],
    [3, '0.3333333333'],
    [4, '0.2500000000'],
    [6, '0.1666666667'],
    [7, '0.1428571429'],
    [1000, '0.0010000000'],
    [1024, '0.0009765625'],
  ])('1/%i is %s', (n, text) => {
    expect(computeProbability(n)).toBe(text);
  });

  it('rounds exact ties to even as Go does, where toFixed would round up', () => {
    // 1/2048 = 0.00048828125 exactly.
    expect(computeProbability(2048)).toBe('0.0004882812');
    expect((1 / 2048).toFixed(10)).toBe('0.0004882813');
    // 1/4096 = 0.000244140625 is not a tie at 10 digits.
    expect(computeProbability(4096)).toBe('0.0002441406');
  });

  it('agrees with toFixed away from ties', () => {
    for (let n = 1; n <= 3000; n++)
      if (n % 2048 !== 0) expect(computeProbability(n)).toBe((1 / n).toFixed(10));
  });

  it('prints zero and whole numbers', () => {
    expect(formatFixedGo(0)).toBe('0.0000000000');
    expect(formatFixedGo(1)).toBe('1.0000000000');
  });
});
