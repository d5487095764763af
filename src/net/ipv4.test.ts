import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { broadcastOf, formatIPv4, maskOf, parseIPv4, parsePrefix, prefixContains } from './ipv4.js';

describe('ipv4', () => {
  it('round-trips every address through text', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (a) => parseIPv4(formatIPv4(a)) === a));
  });
  it.each(['1.2.3', '1.2.3.256', '1.2.3.4.5', 'a.b.c.d', '1..2.3', ''])('rejects %s', (text) => {
    expect(parseIPv4(text)).toBeNull();
  });
  it('computes masks, broadcasts and containment', () => {
    expect(formatIPv4(maskOf(24))).toBe('255.255.255.0');
    expect(maskOf(0)).toBe(0);
    expect(formatIPv4(broadcastOf(parseIPv4('10.1.2.3')!, 8))).toBe('10.255.255.255');
    expect(prefixContains(parsePrefix('192.168.1.0/24')!, parseIPv4('192.168.1.77')!)).toBe(true);
    expect(parsePrefix('10.0.0.0/33')).toBeNull();
    expect(parsePrefix('10.0.0.1')).toEqual({ addr: parseIPv4('10.0.0.1'), len: 32 });
  });
});
