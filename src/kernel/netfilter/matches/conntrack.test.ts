import { describe, expect, it } from 'vitest';
import type { NfCtx } from '../context.js';
import { World } from '../../world.js';
import { withNfct } from '../conntrack/skb.js';
import { conntrack } from './conntrack.js';
import { icmpConn, icmpPacket } from '../testing.js';

const world = new World();
const netns = world.createNetns('t');
const ctx = { netns } as NfCtx;
const packet = withNfct(icmpPacket(), netns, { conn: icmpConn(), info: 'NEW' });
const origsrc = (addr: number, len: number, inv = false) => ({
  name: 'conntrack',
  data: { ctorigsrc: { addr, len, inv } },
});

describe('conntrack match addresses (conntrack_addrcmp)', () => {
  it.each([
    ['an unmasked address under its prefix (10.0.0.9/24)', origsrc(0x0a000009, 24), true],
    ['the exact address', origsrc(0x0a000001, 32), true],
    ['another address /32', origsrc(0x0a000009, 32), false],
    ['/0 matches anything', origsrc(0x01020304, 0), true],
    ['inverted, outside the prefix', origsrc(0x0b000000, 8, true), true],
  ])('%s', (_name, m, want) => {
    expect(conntrack.match(packet, ctx, m)).toBe(want);
  });
});
