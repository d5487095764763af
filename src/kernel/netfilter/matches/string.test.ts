import { describe, expect, it } from 'vitest';
import { findText, string } from './string.js';
import { icmpPacket } from '../testing.js';
import type { NfCtx } from '../context.js';

const bytes = (s: string) => [...Buffer.from(s)];
const echo = icmpPacket({
  id: 7,
  totalLength: 20 + 8 + 8,
  l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 },
  data: Uint8Array.from(bytes('xxHELLOx')),
});
const m = (data: Record<string, unknown>) => ({
  name: 'string',
  data: { from: 0, to: 65535, icase: false, inv: false, algo: 'bm', ...data },
});
const ctx = {} as NfCtx;

describe('string match', () => {
  it('finds the pattern only wholly inside [from, to)', () => {
    const text = Uint8Array.from(bytes('abcdef'));
    expect(findText(text, bytes('cd'), 0, 65535, false)).toBe(2);
    expect(findText(text, bytes('cd'), 2, 4, false)).toBe(0);
    expect(findText(text, bytes('cd'), 3, 65535, false)).toBe(-1);
    expect(findText(text, bytes('cd'), 0, 3, false)).toBe(-1);
    expect(findText(text, bytes('CD'), 0, 65535, true)).toBe(2);
  });

  it.each([
    [{ pattern: bytes('HELLO') }, true],
    [{ pattern: bytes('hello') }, false],
    [{ pattern: bytes('hello'), icase: true }, true],
    [{ pattern: bytes('HELLO'), to: 32 }, false],
    [{ pattern: bytes('HELLO'), from: 30, to: 35 }, true],
    [{ pattern: bytes('HELLO'), inv: true }, false],
    // The IP header is searched too: the source address.
    [{ pattern: [10, 0, 0, 1], to: 20 }, true],
  ])('%j -> %s', (data, want) => expect(string.match(echo, ctx, m(data))).toBe(want));
});
