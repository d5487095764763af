import { describe, expect, test } from 'vitest';
import { World } from './world.js';
import { createBridge } from './link/ops.js';
import { addAddress, deleteAddress } from './devinet.js';
import { formatIPv4, parsePrefix } from '../net/ipv4.js';
import type { Scope } from './addr.js';

function lab() {
  const world = new World();
  const ns = world.root;
  const dev = createBridge(ns, 'br0');
  const add = (cidr: string, scope: Scope = 'global') => {
    const p = parsePrefix(cidr)!;
    return addAddress(ns, dev, { local: p.addr, prefixLen: p.len, scope });
  };
  const del = (cidr: string) => {
    const p = parsePrefix(cidr)!;
    return deleteAddress(ns, dev, { local: p.addr, address: p.addr, prefixLen: p.len });
  };
  const list = () =>
    ns.addrsOf(dev).map((a) => `${formatIPv4(a.local)}/${a.prefixLen}${a.secondary ? ' secondary' : ''}`);
  return { ns, dev, add, del, list };
}

describe('devinet', () => {
  test.each([
    {
      name: 'same subnet becomes secondary, last',
      adds: ['10.0.0.1/24', '10.1.0.1/24', '10.0.0.2/24'],
      want: ['10.0.0.1/24', '10.1.0.1/24', '10.0.0.2/24 secondary'],
    },
    {
      name: 'other mask is another primary',
      adds: ['10.0.0.1/24', '10.0.0.2/16'],
      want: ['10.0.0.1/24', '10.0.0.2/16'],
    },
  ])('$name', ({ adds, want }) => {
    const l = lab();
    for (const a of adds) l.add(a);
    expect(l.list()).toEqual(want);
  });

  test('link scope primaries go before global ones', () => {
    const l = lab();
    l.add('10.0.0.1/24');
    l.add('10.4.0.1/24', 'link');
    expect(l.list()).toEqual(['10.4.0.1/24', '10.0.0.1/24']);
  });

  test('duplicate is EEXIST with the kernel extack', () => {
    const l = lab();
    l.add('10.0.0.1/24');
    expect(() => l.add('10.0.0.1/24')).toThrow(
      expect.objectContaining({ code: 'EEXIST', extack: 'ipv4: Address already assigned' }),
    );
  });

  test('deleting a missing address is EADDRNOTAVAIL', () => {
    const l = lab();
    expect(() => l.del('10.0.0.9/24')).toThrow(expect.objectContaining({ code: 'EADDRNOTAVAIL' }));
  });

  test('deleting a primary takes its secondaries', () => {
    const l = lab();
    for (const a of ['10.0.0.1/24', '10.0.0.2/24', '10.0.0.3/24', '10.1.0.1/24']) l.add(a);
    l.del('10.0.0.1/24');
    expect(l.list()).toEqual(['10.1.0.1/24']);
  });

  test('promote_secondaries makes the first secondary primary', () => {
    const l = lab();
    for (const a of ['10.0.0.1/24', '10.1.0.1/24', '10.0.0.2/24', '10.0.0.3/24']) l.add(a);
    l.ns.sysctl.set('net.ipv4.conf.br0.promote_secondaries', '1');
    l.del('10.0.0.1/24');
    expect(l.list()).toEqual(['10.1.0.1/24', '10.0.0.2/24', '10.0.0.3/24 secondary']);
  });
});
