import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { createBridge, createDummy, setUp } from '../../link/ops.js';
import { addAddress } from '../../devinet.js';
import type { Link } from '../../link/link.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { parseIPv4, parsePrefix } from '../../../net/ipv4.js';
import { addrtype } from './addr.js';
import { icmpPacket, inputCtx } from '../testing.js';

/** A host with 192.168.50.10/24 on eth0 and 172.17.0.1/16 on docker0, as a Docker host has. */
function host() {
  const world = new World();
  const ns = world.root;
  const eth0 = createDummy(ns, 'eth0');
  const docker0 = createBridge(ns, 'docker0');
  for (const [dev, cidr] of [
    [eth0, '192.168.50.10/24'],
    [docker0, '172.17.0.1/16'],
  ] as const) {
    setUp(dev, true);
    const p = parsePrefix(cidr)!;
    addAddress(ns, dev, { local: p.addr, prefixLen: p.len, scope: 'global' });
  }
  return { ns, eth0, docker0 };
}

const LOCAL = 1 << 2;
const BROADCAST = 1 << 3;
const UNICAST = 1 << 1;

const packet = (dst: string): Ipv4Packet => icmpPacket({ dst: parseIPv4(dst)! });

describe('addrtype', () => {
  const h = host();
  const ctx = (p: Ipv4Packet, inDev: Link | null) =>
    inputCtx(h.ns, p, {
      hook: 'PREROUTING',
      in: inDev,
      route: { input: true, local: false, broadcast: false },
      table: 'nat',
    });
  const match = (dst: string, data: Record<string, unknown>, inDev: Link | null = null) =>
    addrtype.match(packet(dst), ctx(packet(dst), inDev), { name: 'addrtype', data });

  it.each([
    { name: "the host's own address is LOCAL (Docker's PREROUTING rule)", dst: '192.168.50.10', want: true },
    { name: "another interface's address is LOCAL too", dst: '172.17.0.1', want: true },
    { name: 'a neighbour on the subnet is not', dst: '192.168.50.20', want: false },
    { name: 'a remote address is not', dst: '8.8.8.8', want: false },
  ])('--dst-type LOCAL: $name', ({ dst, want }) => {
    expect(match(dst, { dst: LOCAL })).toBe(want);
  });

  it('classifies the subnet broadcast as BROADCAST and a remote address as UNICAST', () => {
    expect(match('192.168.50.255', { dst: BROADCAST })).toBe(true);
    expect(match('8.8.8.8', { dst: UNICAST })).toBe(true);
    expect(match('192.168.50.10', { dst: UNICAST })).toBe(false);
  });

  it('inverts with ! --dst-type', () => {
    expect(match('192.168.50.10', { dst: LOCAL, dstInv: true })).toBe(false);
    expect(match('8.8.8.8', { dst: LOCAL, dstInv: true })).toBe(true);
  });

  it('--limit-iface-in counts only local routes through the input device', () => {
    expect(match('192.168.50.10', { dst: LOCAL, limit: 'in' }, h.eth0)).toBe(true);
    expect(match('192.168.50.10', { dst: LOCAL, limit: 'in' }, h.docker0)).toBe(false);
  });
});
