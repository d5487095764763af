import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import type { Netns } from '../netns.js';
import { Link } from '../link/link.js';
import type { Frame } from '../../net/packet.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { netifReceive } from '../link/rx.js';
import { NUD } from './nud.js';

/** A wire with a recorder: frames sent are kept, and optionally delivered to a peer. */
class TestLink extends Link {
  readonly kind = 'veth' as const;
  peer: TestLink | null = null;
  sent: Frame[] = [];
  get carrier(): boolean {
    return true;
  }
  xmit(frame: Frame): void {
    this.sent.push(frame);
    const peer = this.peer;
    if (peer) this.netns.world.clock.schedule(0, () => netifReceive(peer, frame));
  }
}

const ip = (t: string) => parseIPv4(t)!;

function host(world: World, name: string, addr: string, mac: string): { ns: Netns; link: TestLink } {
  const ns = world.createNetns(name);
  const link = new TestLink(ns, ns.allocIfindex(), 'eth0', mac);
  link.adminUp = true;
  ns.links.set(link.ifindex, link);
  ns.addrs.push({
    link,
    local: ip(addr),
    prefixLen: 24,
    address: ip(addr),
    broadcast: null,
    scope: 'global',
    label: 'eth0',
    secondary: false,
    noPrefixRoute: false,
    validLft: 'forever',
    preferredLft: 'forever',
  });
  // Input routing as the FIB would answer it: our own address is local.
  ns.ipv4.routesLocal = (flow) => ns.addrs.some((a) => a.local === flow.dst);
  return { ns, link };
}

const packet = (src: string, dst: string) => ({
  src: ip(src),
  dst: ip(dst),
  protocol: 1,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 84,
  dontFragment: true,
});

function pair() {
  const world = new World({ seed: 7 });
  const a = host(world, 'a', '10.0.0.1', '02:00:00:00:00:01');
  const b = host(world, 'b', '10.0.0.2', '02:00:00:00:00:02');
  a.link.peer = b.link;
  b.link.peer = a.link;
  return { world, a, b };
}

describe('neighbour table', () => {
  it('resolves: requester REACHABLE, responder STALE then DELAY on reply traffic', () => {
    const { world, a, b } = pair();
    a.ns.neigh.output(a.link, ip('10.0.0.2'), packet('10.0.0.1', '10.0.0.2'));
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.2'))!.state).toBe(NUD.INCOMPLETE);
    world.clock.advanceTo(1);
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.2'))!.state).toBe(NUD.REACHABLE);
    expect(b.ns.neigh.lookup(b.link, ip('10.0.0.1'))!.state).toBe(NUD.STALE);
    // The queued packet left with the resolved MAC after the ARP request.
    expect(a.link.sent.map((f) => `${f.type}>${f.dst}`)).toEqual([
      'arp>ff:ff:ff:ff:ff:ff',
      'ipv4>02:00:00:00:00:02',
    ]);
    b.ns.neigh.output(b.link, ip('10.0.0.1'), packet('10.0.0.2', '10.0.0.1'));
    expect(b.ns.neigh.lookup(b.link, ip('10.0.0.1'))!.state).toBe(NUD.DELAY);
    world.clock.advanceTo(5001);
    expect(b.ns.neigh.lookup(b.link, ip('10.0.0.1'))!.state).toBe(NUD.REACHABLE);
  });

  it('fails after three broadcast probes one second apart and reports queued packets', () => {
    const { world, a } = pair();
    a.link.peer = null;
    const failed: number[] = [];
    a.ns.ipv4.neighFailed = (p) => void failed.push(p.dst);
    a.ns.neigh.output(a.link, ip('10.0.0.9'), packet('10.0.0.1', '10.0.0.9'));
    world.clock.advanceTo(2999);
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.9'))!.state).toBe(NUD.INCOMPLETE);
    world.clock.advanceTo(3000);
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.9'))!.state).toBe(NUD.FAILED);
    expect(a.link.sent.filter((f) => f.type === 'arp')).toHaveLength(3);
    expect(failed).toEqual([ip('10.0.0.9')]);
  });

  it('ages REACHABLE to STALE within [base/2, 3*base/2)', () => {
    const { world, a } = pair();
    a.ns.neigh.output(a.link, ip('10.0.0.2'), packet('10.0.0.1', '10.0.0.2'));
    world.clock.advanceTo(14_999);
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.2'))!.state).toBe(NUD.REACHABLE);
    world.clock.advanceTo(46_000);
    expect(a.ns.neigh.lookup(a.link, ip('10.0.0.2'))!.state).toBe(NUD.STALE);
  });

  it('admin add/change/delete errors: EEXIST, ENOENT, no lladdr', () => {
    const { a } = pair();
    const req = {
      link: a.link,
      key: ip('10.0.0.5'),
      lladdr: '00:11:22:33:44:55',
      state: NUD.PERMANENT,
      create: true,
      exclusive: true,
      replace: false,
    } as const;
    a.ns.neigh.adminUpdate(req);
    expect(() => a.ns.neigh.adminUpdate(req)).toThrow('File exists');
    expect(() => a.ns.neigh.adminUpdate({ ...req, key: ip('10.0.0.6'), create: false })).toThrow(
      'No such file',
    );
    expect(() => a.ns.neigh.adminUpdate({ ...req, key: ip('10.0.0.7'), lladdr: null })).toThrow(
      'No link layer',
    );
    a.ns.neigh.adminDelete(a.link, ip('10.0.0.5'));
    expect(() => a.ns.neigh.adminDelete(a.link, ip('10.0.0.5'))).toThrow('No such file');
  });
});
