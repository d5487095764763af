import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../net/packet.js';
import type { MatchOpts } from './kadt.js';
import { World } from '../world.js';
import { ipsetNet } from './store.js';
import { ipsetAddPacket, ipsetTestPacket } from './kadt.js';
import { parseIPv4 } from '../../net/ipv4.js';

const ip = (s: string) => parseIPv4(s)!;
const ping = (src: string, dst: string): Ipv4Packet => ({
  src: ip(src),
  dst: ip(dst),
  protocol: 1,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 84,
  dontFragment: true,
  l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 },
});
const opts = (dirs: MatchOpts['dirs'], extra: Partial<MatchOpts> = {}): MatchOpts => ({
  dirs,
  returnNomatch: false,
  skipSubcounterUpdate: false,
  mext: { packets: 0n, bytes: 0n, packetsOp: 'none', bytesOp: 'none' },
  ...extra,
});

describe('sets on the packet path', () => {
  it('matches an ICMP echo request as icmp:echo-request in hash:ip,port', () => {
    const w = new World();
    const net = ipsetNet(w.root);
    net.create('p', { type: 'hash:ip,port' }, false);
    net.add('p', { ip: ip('10.0.0.2'), port: 0x0800, proto: 1, ext: {} }, false);
    expect(ipsetTestPacket(w.root, 'p', ping('10.0.0.1', '10.0.0.2'), opts(['dst', 'dst']))).toBe(true);
    // Fewer directions than the set's dimension never match.
    expect(ipsetTestPacket(w.root, 'p', ping('10.0.0.1', '10.0.0.2'), opts(['dst']))).toBe(false);
  });

  it('turns nomatch entries into matches with --return-nomatch', () => {
    const w = new World();
    const net = ipsetNet(w.root);
    net.create('n', { type: 'hash:net' }, false);
    net.add('n', { ip: ip('10.0.0.0'), cidr: 24, ext: {} }, false);
    net.add('n', { ip: ip('10.0.0.11'), ext: { nomatch: true } }, false);
    const p = ping('10.0.0.11', '10.0.0.2');
    expect(ipsetTestPacket(w.root, 'n', p, opts(['src']))).toBe(false);
    expect(ipsetTestPacket(w.root, 'n', p, opts(['src'], { returnNomatch: true }))).toBe(true);
    expect(
      ipsetTestPacket(w.root, 'n', ping('10.0.0.1', '10.0.0.2'), opts(['src'], { returnNomatch: true })),
    ).toBe(false);
  });

  it('counts the packet before comparing counters (--packets-gt)', () => {
    const w = new World();
    const net = ipsetNet(w.root);
    net.create('c', { type: 'hash:ip', counters: true }, false);
    net.add('c', { ip: ip('10.0.0.1'), ext: {} }, false);
    const gt1 = opts(['src'], { mext: { packets: 1n, bytes: 0n, packetsOp: 'gt', bytesOp: 'none' } });
    const p = ping('10.0.0.1', '10.0.0.2');
    expect(ipsetTestPacket(w.root, 'c', p, gt1)).toBe(false);
    expect(ipsetTestPacket(w.root, 'c', p, gt1)).toBe(true);
    const [e] = net.snapshot(net.get('c')).entries();
    expect([e.packets, e.bytes]).toEqual([2n, 168n]);
  });

  it('adds from the SET target with the packet as the first count, through a list:set', () => {
    const w = new World();
    const net = ipsetNet(w.root);
    net.create('h', { type: 'hash:ip', counters: true }, false);
    net.create('l', { type: 'list:set' }, false);
    net.add('l', { name: 'h', ext: {} }, false);
    ipsetAddPacket(w.root, 'l', ping('10.0.0.1', '10.0.0.2'), { dirs: ['src'], exist: false });
    const [e] = net.snapshot(net.get('h')).entries();
    expect([e.elem.ip, e.packets, e.bytes]).toEqual([ip('10.0.0.1'), 1n, 84n]);
  });

  it('lets elements expire on the virtual clock', () => {
    const w = new World();
    const net = ipsetNet(w.root);
    net.create('t', { type: 'hash:ip', timeout: 1 }, false);
    net.add('t', { ip: ip('10.0.0.1'), ext: {} }, false);
    expect(net.test('t', { ip: ip('10.0.0.1'), ext: {} })).toBe(true);
    w.clock.now += 1500;
    expect(net.test('t', { ip: ip('10.0.0.1'), ext: {} })).toBe(false);
    expect(net.snapshot(net.get('t')).count).toBe(0);
  });
});
