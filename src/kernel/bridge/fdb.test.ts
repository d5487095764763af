import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { Link } from '../link/link.js';
import { Bridge } from '../link/bridge.js';
import type { Frame } from '../../net/packet.js';
import { netifReceive } from '../link/rx.js';
import { createDummy, setMac, setMaster } from '../link/ops.js';

class Wire extends Link {
  readonly kind = 'veth' as const;
  sent: Frame[] = [];
  get carrier(): boolean {
    return true;
  }
  xmit(frame: Frame): void {
    this.sent.push(frame);
  }
}

function setup() {
  const world = new World();
  const ns = world.createNetns('sw');
  const br = new Bridge(ns, ns.allocIfindex(), 'br0', '02:bb:00:00:00:00');
  br.adminUp = true;
  ns.links.set(br.ifindex, br);
  const ports = [1, 2, 3].map((i) => {
    const l = new Wire(ns, ns.allocIfindex(), `p${i}`, `02:aa:00:00:00:0${i}`);
    l.adminUp = true;
    l.master = br;
    ns.links.set(l.ifindex, l);
    br.ports.set(l.ifindex, {
      link: l,
      hairpin: false,
      learning: true,
      flood: true,
      state: 'forwarding',
      cost: 2,
      priority: 32,
    });
    return l;
  });
  return { world, br, ports };
}

const frame = (src: string, dst: string): Frame => ({
  src,
  dst,
  type: 'arp',
  arp: { op: 1, senderMac: src, senderIp: 1, targetMac: dst, targetIp: 2 },
});
const H1 = '02:00:00:00:00:01';
const H2 = '02:00:00:00:00:02';
const counts = (ports: Wire[]) => ports.map((p) => p.sent.length);

describe('bridge fdb and forwarding', () => {
  it('floods unknown, learns, forwards known unicast to one port', () => {
    const { br, ports } = setup();
    netifReceive(ports[0], frame(H1, H2));
    expect(counts(ports)).toEqual([0, 1, 1]);
    netifReceive(ports[1], frame(H2, H1));
    expect(counts(ports)).toEqual([1, 1, 1]);
    expect(br.fdb.lookup(H1)?.port).toBe(ports[0]);
    expect(
      br.fdb
        .dump()
        .filter((e) => !e.local)
        .map((e) => e.mac),
    ).toEqual([H2, H1]);
  });

  it('sends back out the ingress port only with hairpin', () => {
    const { br, ports } = setup();
    netifReceive(ports[0], frame(H1, 'ff:ff:ff:ff:ff:ff'));
    expect(counts(ports)).toEqual([0, 1, 1]);
    br.ports.get(ports[0].ifindex)!.hairpin = true;
    netifReceive(ports[0], frame(H1, 'ff:ff:ff:ff:ff:ff'));
    expect(counts(ports)).toEqual([1, 2, 2]);
  });

  it('ages learned entries after ageing_time, keeps local ones', () => {
    const { world, br, ports } = setup();
    netifReceive(ports[0], frame(H1, H2));
    world.clock.advanceTo(299_999);
    expect(br.fdb.lookup(H1)).toBeDefined();
    world.clock.advanceTo(300_000);
    expect(br.fdb.lookup(H1)).toBeUndefined();
    expect(br.fdb.lookup(ports[0].mac)?.local).toBe(true);
  });

  it('keeps up with ports, addresses, removals and ageing changes between frames', () => {
    const { world, br, ports } = setup();
    const ns = br.netns;
    netifReceive(ports[0], frame(H1, H2));
    // An entry refreshed later expires later; the first one still expires on time.
    world.clock.advanceTo(100_000);
    netifReceive(ports[1], frame(H2, H1));
    world.clock.advanceTo(300_000);
    expect(br.fdb.lookup(H1)).toBeUndefined();
    expect(br.fdb.lookup(H2)?.port).toBe(ports[1]);
    // A new port's address becomes local; a changed one replaces it; a released port's go.
    const d = createDummy(ns, 'd0');
    setMaster(d, br);
    expect(br.fdb.lookup(d.mac)?.local).toBe(true);
    const old = d.mac;
    setMac(d, '02:cc:00:00:00:01');
    expect(br.fdb.lookup(old)).toBeUndefined();
    expect(br.fdb.lookup('02:cc:00:00:00:01')?.port).toBe(d);
    setMaster(ports[1], null);
    expect(br.fdb.lookup(H2)).toBeUndefined();
    expect(br.fdb.lookup(ports[1].mac)).toBeUndefined();
    // A local entry removed by hand is back at the next sync, as the ports still hold it.
    expect(br.fdb.remove(ports[0].mac, null)).toBe(true);
    expect(br.fdb.lookup(ports[0].mac)?.local).toBe(true);
    // A shorter ageing time expires what it now covers.
    netifReceive(ports[0], frame(H1, H2));
    world.clock.advanceTo(310_000);
    expect(br.fdb.lookup(H1)).toBeDefined();
    br.ageingTime = 500;
    expect(br.fdb.lookup(H1)).toBeUndefined();
  });

  it('does not flood unknown unicast to ports with flood off, and delivers frames for port MACs locally', () => {
    const { br, ports } = setup();
    br.ports.get(ports[2].ifindex)!.flood = false;
    netifReceive(ports[0], frame(H1, H2));
    expect(counts(ports)).toEqual([0, 1, 0]);
    netifReceive(ports[0], frame(H1, ports[1].mac));
    expect(counts(ports)).toEqual([0, 1, 0]);
    expect(br.stats.rxPackets).toBe(1);
  });
});
