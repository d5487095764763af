import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { createVeth, setUp } from './ops.js';
import { openTap } from '../capture/tap.js';
import type { Frame } from '../../net/packet.js';
import { devQueueXmit } from './xmit.js';

const arp = (src: string): Frame => ({
  src,
  dst: 'ff:ff:ff:ff:ff:ff',
  type: 'arp',
  arp: { op: 1, senderMac: src, senderIp: 1, targetMac: '00:00:00:00:00:00', targetIp: 2 },
});

function pair() {
  const world = new World({ seed: 1 });
  const a = world.createNetns('a');
  const b = world.createNetns('b');
  const [va, vb] = createVeth({ name: 'va', peerName: 'vb', netns: a, peerNetns: b });
  setUp(va, true);
  setUp(vb, true);
  const seen: string[] = [];
  openTap(a, { dev: null, deliver: (c) => seen.push(`${c.link.name} ${c.direction}`) });
  return { world, va, vb, seen };
}

describe('dev_queue_xmit and carrier', () => {
  it('a veth whose peer is down loses every frame at its qdisc: counted in tx_dropped, never seen by a tap', () => {
    const { world, va, vb, seen } = pair();
    setUp(vb, false);
    expect(devQueueXmit(va, arp(va.mac), 42)).toBe(false);
    world.clock.advanceTo(1);
    expect(seen).toEqual([]);
    expect(va.stats).toMatchObject({ txPackets: 0, txDropped: 1 });
    expect(vb.stats.rxPackets).toBe(0);
  });

  it('with carrier the frame reaches the driver: the tap sees it and the peer receives it', () => {
    const { world, va, vb, seen } = pair();
    expect(devQueueXmit(va, arp(va.mac), 42)).toBe(true);
    world.clock.advanceTo(1);
    expect(seen).toEqual(['va outgoing']);
    expect(va.stats).toMatchObject({ txPackets: 1, txDropped: 0 });
    expect(vb.stats.rxPackets).toBe(1);
  });

  it('frames in flight on a veth arrive in the order sent, however sends and arrivals interleave', () => {
    const { world, va, vb } = pair();
    const got: string[] = [];
    openTap(world.named.get('b')!, { dev: null, deliver: (c) => got.push(c.frame.src) });
    const send = (n: number) => devQueueXmit(va, arp(`02:00:00:00:00:0${n}`), 42);
    send(1);
    send(2);
    world.clock.step();
    send(3);
    send(4);
    world.clock.step();
    world.clock.step();
    send(5);
    while (world.clock.step());
    send(6);
    while (world.clock.step());
    expect(got).toEqual([1, 2, 3, 4, 5, 6].map((n) => `02:00:00:00:00:0${n}`));
    expect(vb.stats.rxPackets).toBe(6);
  });
});
