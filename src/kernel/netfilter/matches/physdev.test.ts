import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import type { Link } from '../../link/link.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { Hook } from '../types.js';
import { withNfBridge } from '../../bridge/nf-bridge-info.js';
import { physdev, physdevCheck } from './physdev.js';
import { icmpPacket, inputCtx } from '../testing.js';

const world = new World();
const netns = world.root;
const port = (name: string) => ({ name }) as Link;
const H1 = port('sw-h1');
const H2 = port('sw-h2');

const plain = icmpPacket();
/** Where the packet is: not bridged, bridged before the FDB chose a port (PREROUTING, INPUT), or forwarded. */
const PACKETS = {
  plain,
  prerouting: withNfBridge(plain, netns, { physIn: H1, physOut: null }),
  forward: withNfBridge(plain, netns, { physIn: H1, physOut: H2 }),
};
type Where = keyof typeof PACKETS;

const opt = (value = '', inv = false) => ({ value, inv });
const ctx = (packet: Ipv4Packet) =>
  inputCtx(netns, packet, { hook: 'FORWARD', route: { input: true, local: false, broadcast: false } });

interface Case {
  readonly name: string;
  readonly data: Record<string, { value: string; inv: boolean }>;
  /** The expected result at each place: plain, prerouting, forward. */
  readonly expect: readonly [boolean, boolean, boolean];
}

const CASES: Case[] = [
  {
    name: '--physdev-in names the ingress port',
    data: { 'physdev-in': opt('sw-h1') },
    expect: [false, true, true],
  },
  { name: '--physdev-in another port', data: { 'physdev-in': opt('sw-h2') }, expect: [false, false, false] },
  {
    name: '! --physdev-in another port',
    data: { 'physdev-in': opt('sw-h2', true) },
    expect: [true, true, true],
  },
  {
    name: '--physdev-in with a + wildcard',
    data: { 'physdev-in': opt('sw-+') },
    expect: [false, true, true],
  },
  {
    name: '--physdev-out before a port is chosen fails',
    data: { 'physdev-out': opt('sw-h2') },
    expect: [false, false, true],
  },
  {
    name: '! --physdev-out before a port is chosen fails too',
    data: { 'physdev-out': opt('sw-h2', true) },
    expect: [true, false, false],
  },
  { name: '--physdev-is-in', data: { 'physdev-is-in': opt() }, expect: [false, true, true] },
  { name: '! --physdev-is-in', data: { 'physdev-is-in': opt('', true) }, expect: [true, false, false] },
  { name: '--physdev-is-out', data: { 'physdev-is-out': opt() }, expect: [false, false, true] },
  { name: '--physdev-is-bridged', data: { 'physdev-is-bridged': opt() }, expect: [false, false, true] },
  {
    name: '! --physdev-is-bridged',
    data: { 'physdev-is-bridged': opt('', true) },
    expect: [true, true, false],
  },
  {
    name: 'every option must hold',
    data: { 'physdev-in': opt('sw-h1'), 'physdev-out': opt('sw-h2'), 'physdev-is-bridged': opt() },
    expect: [false, false, true],
  },
  {
    name: 'an unbridged packet needs every option inverted',
    data: { 'physdev-in': opt('x', true), 'physdev-is-out': opt() },
    expect: [false, false, true],
  },
];

describe('physdev match', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = (Object.keys(PACKETS) as Where[]).map((w) =>
        physdev.match(PACKETS[w], ctx(PACKETS[w]), { name: 'physdev', data: c.data }),
      );
      expect(got).toEqual(c.expect);
    });
  }

  it('ignores bridge info another namespace attached', () => {
    const other = world.createNetns('other');
    const packet = withNfBridge(plain, other, { physIn: H1, physOut: H2 });
    expect(physdev.match(packet, ctx(packet), { name: 'physdev', data: { 'physdev-is-in': opt() } })).toBe(
      false,
    );
  });
});

describe('physdev checkentry', () => {
  const check = (data: Case['data'], hook: Hook | null) => physdevCheck({ name: 'physdev', data }, hook);
  it('refuses --physdev-out and --physdev-is-out in OUTPUT', () => {
    expect(check({ 'physdev-out': opt('x') }, 'OUTPUT')).toBe(false);
    expect(check({ 'physdev-is-out': opt('', true) }, 'OUTPUT')).toBe(false);
    expect(check({ 'physdev-out': opt('x'), 'physdev-is-bridged': opt('', true) }, 'OUTPUT')).toBe(false);
  });

  it('accepts them with --physdev-is-bridged, elsewhere, and in user chains', () => {
    expect(check({ 'physdev-out': opt('x'), 'physdev-is-bridged': opt() }, 'OUTPUT')).toBe(true);
    expect(check({ 'physdev-out': opt('x') }, 'POSTROUTING')).toBe(true);
    expect(check({ 'physdev-out': opt('x') }, null)).toBe(true);
    expect(check({ 'physdev-in': opt('x') }, 'OUTPUT')).toBe(true);
  });
});
