import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { World } from '../../world.js';
import { Conn } from '../conntrack/conn.js';
import { withNfct } from '../conntrack/skb.js';
import { conntrack } from './conntrack.js';

const world = new World();
const netns = world.createNetns('t');
const ctx = { netns } as NfCtx;
const base: Ipv4Packet = {
  src: 0x0a000001,
  dst: 0x0a000002,
  protocol: IPPROTO.ICMP,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 84,
  dontFragment: true,
};
const t = { src: 0x0a000001, dst: 0x0a000002, proto: 1, sport: 1, dport: 0x800 };
const packet = withNfct(base, netns, { conn: new Conn(t, { ...t, src: t.dst, dst: t.src }), info: 'NEW' });
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
