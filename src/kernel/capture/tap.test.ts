import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { createVeth, setUp } from '../link/ops.js';
import { openTap, openWorldTap } from './tap.js';
import type { CapturedFrame } from './tap.js';
import type { Frame } from '../../net/packet.js';

const frame = (src: string, dst: string): Frame => ({
  src,
  dst,
  type: 'arp',
  arp: { op: 1, senderMac: src, senderIp: 1, targetMac: '00:00:00:00:00:00', targetIp: 2 },
});

describe('packet taps (dev_queue_xmit_nit and ptype_all)', () => {
  it('a frame is seen going out of a veth end and coming in on its peer', () => {
    const world = new World();
    const a = world.createNetns('a');
    const b = world.createNetns('b');
    const [va, vb] = createVeth({ name: 'va', peerName: 'vb', netns: a, peerNetns: b });
    setUp(va, true);
    setUp(vb, true);
    const seen: string[] = [];
    const note = (c: CapturedFrame) => seen.push(`${c.link.netns.name} ${c.link.name} ${c.direction}`);
    openTap(a, { dev: va, deliver: note });
    openTap(b, { dev: null, deliver: note });
    va.xmit(frame(va.mac, 'ff:ff:ff:ff:ff:ff'), 42);
    world.clock.advanceTo(1);
    vb.xmit(frame(vb.mac, va.mac), 42);
    world.clock.advanceTo(2);
    expect(seen).toEqual(['a va outgoing', 'b vb broadcast', 'b vb outgoing', 'a va host']);
  });

  it('loopback frames are seen twice: going out and coming back in', () => {
    const world = new World();
    const lo = world.root.linkByName('lo')!;
    setUp(lo, true);
    const seen: string[] = [];
    const close = openWorldTap(world, (c) => seen.push(`${c.link.name} ${c.direction} ${c.time}`));
    world.clock.advanceTo(5);
    lo.xmit(frame('00:00:00:00:00:00', '00:00:00:00:00:00'), 42);
    world.clock.advanceTo(6);
    close();
    lo.xmit(frame('00:00:00:00:00:00', '00:00:00:00:00:00'), 42);
    world.clock.advanceTo(7);
    expect(seen).toEqual(['lo outgoing 5', 'lo host 5']);
  });
});
