import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { ipsetNet } from './store.js';
import type { AdtRequest } from './uadt.js';
import type { Elem } from './types.js';
import { parseIPv4, formatIPv4 } from '../../net/ipv4.js';

const ip = (s: string) => parseIPv4(s)!;
const req = (r: Partial<AdtRequest>): AdtRequest => ({ ext: {}, ...r });
const names = (list: Elem[]) => list.map((e) => `${formatIPv4(e.ip)},${e.proto}:${e.port}`);

function fresh() {
  const w = new World();
  return { w, net: ipsetNet(w.root) };
}

// Orders and sizes below were read from Linux 6.x with the same initval.
describe('hash sets keep the kernel bucket order', () => {
  it('lists hash:ip,port in jhash bucket order for initval 1', () => {
    const { net } = fresh();
    net.create('h6', { type: 'hash:ip,port', initval: 1 }, false);
    const adds: Partial<AdtRequest>[] = [
      { ip: ip('10.0.0.1'), port: 80, proto: 6 },
      { ip: ip('10.0.0.1'), port: 53, proto: 17 },
      { ip: ip('10.0.0.2'), port: 0x0800, proto: 1 },
      { ip: ip('10.0.0.2'), port: 0x0301, proto: 1 },
      { ip: ip('10.0.0.3'), port: 9, proto: 132 },
      { ip: ip('10.0.0.3'), port: 0, proto: 47 },
      { ip: ip('10.0.0.8'), cidr: 31, port: 1, portTo: 2, proto: 6 },
    ];
    for (const a of adds) net.add('h6', req(a), false);
    const snap = net.snapshot(net.get('h6'));
    expect(names(snap.entries().map((e) => e.elem))).toEqual([
      '10.0.0.2,1:769',
      '10.0.0.1,17:53',
      '10.0.0.1,6:80',
      '10.0.0.9,6:1',
      '10.0.0.3,47:0',
      '10.0.0.9,6:2',
      '10.0.0.2,1:2048',
      '10.0.0.8,6:1',
      '10.0.0.8,6:2',
      '10.0.0.3,132:9',
    ]);
    expect(snap.memsize).toBe(696);
  });

  it('lists hash:net in bucket order and tests the longest prefix first', () => {
    const { net } = fresh();
    net.create('h9', { type: 'hash:net', initval: 1 }, false);
    net.add('h9', req({ ip: ip('10.0.0.0'), cidr: 8 }), false);
    net.add('h9', req({ ip: ip('10.1.0.0'), cidr: 16, ext: { nomatch: true } }), false);
    net.add('h9', req({ ip: ip('1.2.3.4') }), false);
    net.add('h9', req({ ip: ip('5.5.5.5'), cidr: 31 }), false);
    const snap = net.snapshot(net.get('h9'));
    expect(
      snap.entries().map((e) => `${formatIPv4(e.elem.ip)}/${e.elem.cidr}${e.nomatch ? ' nomatch' : ''}`),
    ).toEqual(['10.1.0.0/16 nomatch', '10.0.0.0/8', '1.2.3.4/32', '5.5.5.4/31']);
    expect(snap.memsize).toBe(648);
    expect(net.test('h9', req({ ip: ip('10.2.3.4') }))).toBe(true);
    expect(net.test('h9', req({ ip: ip('10.1.3.4') }))).toBe(false);
    expect(net.test('h9', req({ ip: ip('10.1.0.0'), cidr: 16 }))).toBe(false);
  });

  it('lists hash:ip,port,net with its nomatch entry in bucket order', () => {
    const { net } = fresh();
    net.create('h8', { type: 'hash:ip,port,net', initval: 1 }, false);
    const base = { ip: ip('10.0.0.1'), port: 80, proto: 6 };
    net.add('h8', req({ ...base, ip2: ip('192.168.0.0'), cidr2: 16 }), false);
    net.add('h8', req({ ...base, ip2: ip('192.168.1.1') }), false);
    net.add('h8', req({ ...base, ip2: ip('192.168.2.0'), cidr2: 24, ext: { nomatch: true } }), false);
    const snap = net.snapshot(net.get('h8'));
    expect(snap.entries().map((e) => `${formatIPv4(e.elem.ip2)}/${e.elem.cidr2}`)).toEqual([
      '192.168.2.0/24',
      '192.168.1.1/32',
      '192.168.0.0/16',
    ]);
    expect(snap.memsize).toBe(632);
  });

  it('fills a hash:ip from a /8 until maxelem, resizing to 32768 buckets as Linux does', () => {
    const { net } = fresh();
    net.create('a', { type: 'hash:ip', initval: 1 }, false);
    expect(() => net.add('a', req({ ip: ip('10.0.0.0'), cidr: 8 }), false)).toThrow('HASH_FULL');
    const snap = net.snapshot(net.get('a'));
    expect(snap.count).toBe(65536);
    expect(snap.header.kind === 'hash' && snap.header.hashsize).toBe(32768);
    expect(snap.memsize).toBe(1635760);
  });

  it('counts comment strings and extension slots in the memory size', () => {
    const { net } = fresh();
    net.create(
      'h5',
      { type: 'hash:ip', timeout: 30, counters: true, comment: true, initval: 0x11223344 },
      false,
    );
    net.add('h5', req({ ip: ip('10.0.0.1') }), false);
    net.add(
      'h5',
      req({ ip: ip('10.0.0.2'), ext: { timeout: 0, packets: 5n, bytes: 100n, comment: 'hello world' } }),
      false,
    );
    const snap = net.snapshot(net.get('h5'));
    expect(snap.memsize).toBe(468);
    expect(snap.entries().map((e) => formatIPv4(e.elem.ip))).toEqual(['10.0.0.2', '10.0.0.1']);
  });
});
