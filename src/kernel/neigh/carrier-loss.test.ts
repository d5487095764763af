import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { createVeth, setUp } from '../link/ops.js';
import { addAddress } from '../devinet.js';
import { parseIPv4 } from '../../net/ipv4.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { NUD } from './nud.js';

const ip = (t: string) => parseIPv4(t)!;

const packet = (dst: string): Ipv4Packet => ({
  src: ip('10.0.0.1'),
  dst: ip(dst),
  protocol: 1,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 84,
  dontFragment: true,
});

/** a (10.0.0.1 on va) -- b (10.0.0.2 on vb); a knows 10.0.0.2 by ARP and 10.0.0.3 permanently. */
function lab() {
  const world = new World({ seed: 3 });
  const a = world.createNetns('a');
  const b = world.createNetns('b');
  const [va, vb] = createVeth({ name: 'va', peerName: 'vb', netns: a, peerNetns: b });
  addAddress(a, va, { local: ip('10.0.0.1'), prefixLen: 24 });
  addAddress(b, vb, { local: ip('10.0.0.2'), prefixLen: 24 });
  setUp(va, true);
  setUp(vb, true);
  a.neigh.output(va, ip('10.0.0.2'), packet('10.0.0.2'));
  world.clock.advanceTo(1);
  a.neigh.adminUpdate({
    link: va,
    key: ip('10.0.0.3'),
    lladdr: '02:00:00:00:00:03',
    state: NUD.PERMANENT,
    create: true,
    exclusive: true,
    replace: false,
  });
  const failed: string[] = [];
  a.ipv4.neighFailed = (p, link) => void failed.push(`${p.dst} ${link.name}`);
  return { world, a, va, vb, failed };
}

const states = (entries: readonly { key: number; state: number }[]) => entries.map((n) => [n.key, n.state]);

describe('neighbours and carrier loss', () => {
  it('the peer going down flushes the learned entries of the device and keeps the permanent ones', () => {
    const { a, va, vb } = lab();
    expect(states(a.neigh.list())).toEqual([
      [ip('10.0.0.2'), NUD.REACHABLE],
      [ip('10.0.0.3'), NUD.PERMANENT],
    ]);
    setUp(vb, false);
    expect(va.operUp).toBe(false);
    expect(states(a.neigh.list())).toEqual([[ip('10.0.0.3'), NUD.PERMANENT]]);
  });

  it('a flushed next hop is resolved anew: the probes are lost, FAILED after 3 s, the packet reported unreachable', () => {
    const { world, a, va, vb, failed } = lab();
    setUp(vb, false);
    const before = va.stats.txDropped;
    a.neigh.output(va, ip('10.0.0.2'), packet('10.0.0.2'));
    expect(a.neigh.lookup(va, ip('10.0.0.2'))!.state).toBe(NUD.INCOMPLETE);
    world.clock.advanceTo(world.clock.now + 2999);
    expect(failed).toEqual([]);
    world.clock.advanceTo(world.clock.now + 1);
    expect(a.neigh.lookup(va, ip('10.0.0.2'))!.state).toBe(NUD.FAILED);
    expect(failed).toEqual([`${ip('10.0.0.2')} va`]);
    // The three broadcast probes died at the qdisc.
    expect(va.stats.txDropped - before).toBe(3);
  });

  it('to a permanent neighbour the packet is lost silently at the device, with no resolution', () => {
    const { world, a, va, vb, failed } = lab();
    setUp(vb, false);
    const before = { ...va.stats };
    a.neigh.output(va, ip('10.0.0.3'), packet('10.0.0.3'));
    world.clock.advanceTo(world.clock.now + 5000);
    expect(failed).toEqual([]);
    expect(va.stats.txDropped - before.txDropped).toBe(1);
    expect(va.stats.txPackets).toBe(before.txPackets);
    expect(a.neigh.lookup(va, ip('10.0.0.3'))!.state).toBe(NUD.PERMANENT);
  });
});
