import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../world.js';
import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Frame } from '../../net/packet.js';
import { runTool } from '../../tools/testing.js';
import { findCommand } from '../../tools/registry.js';
import { netifReceive } from '../link/rx.js';
import { openTap } from '../capture/tap.js';
import { parseIPv4 } from '../../net/ipv4.js';

beforeAll(async () => {
  for (const tool of ['ip', 'sysctl', 'iptables']) await findCommand(tool);
});

/**
 * r forwards 192.168.0.0/24 (r0) to 10.0.0.0/8 via 172.16.0.2 (d0, resolved
 * beforehand); `send` hands r0 one UDP datagram and says whether d0 sent it.
 */
async function router() {
  const w = new World({ seed: 1 });
  const sh = async (line: string, netns?: Netns) => {
    const r = await runTool(w, line.split(' '), { netns });
    if (r.status !== 0) throw new Error(`${line}: ${r.stderr}`);
    return r.stdout;
  };
  for (const ns of ['r', 'c', 's']) await sh(`ip netns add ${ns}`);
  const r = w.named.get('r')!;
  for (const line of [
    'ip link add r0 type veth peer name c0 netns c',
    'ip link set r0 up',
    'ip addr add 192.168.0.1/24 dev r0',
    'ip link add d0 type veth peer name d1 netns s',
    'ip link set d0 up',
    'ip addr add 172.16.0.1/24 dev d0',
    'ip route add 10.0.0.0/8 via 172.16.0.2 dev d0',
    'ip neigh add 172.16.0.2 lladdr 02:00:00:00:00:d1 dev d0 nud permanent',
    'sysctl -qw net.ipv4.ip_forward=1',
  ])
    await sh(line, r);
  // d0 transmits only while its peer is up; s drops what arrives (no route back).
  await sh('ip link set d1 up', w.named.get('s')!);
  const link = (name: string): Link => [...r.links.values()].find((l) => l.name === name)!;
  const [r0, d0] = [link('r0'), link('d0')];
  const frame: Frame = {
    src: '02:00:00:00:00:02',
    dst: r0.mac,
    type: 'ipv4',
    ip: {
      src: parseIPv4('192.168.0.2')!,
      dst: parseIPv4('10.1.2.3')!,
      protocol: 17,
      ttl: 64,
      tos: 0,
      id: 1,
      totalLength: 60,
      dontFragment: true,
      l4: { kind: 'udp', sport: 20000, dport: 53 },
    },
  };
  const send = (): boolean => {
    const before = d0.stats.txPackets;
    netifReceive(r0, frame);
    while (w.clock.step());
    return d0.stats.txPackets === before + 1;
  };
  return { sh: (line: string) => sh(line, r), send, frame, r, d0 };
}

describe('input route cache', () => {
  it('follows route, sysctl and address changes between packets of one flow', async () => {
    const { sh, send } = await router();
    expect(send()).toBe(true);
    expect(send()).toBe(true);
    await sh('ip route add prohibit 10.1.2.0/24');
    expect(send()).toBe(false);
    await sh('ip route del prohibit 10.1.2.0/24');
    expect(send()).toBe(true);
    await sh('sysctl -qw net.ipv4.conf.r0.forwarding=0');
    expect(send()).toBe(false);
    await sh('sysctl -qw net.ipv4.conf.r0.forwarding=1');
    expect(send()).toBe(true);
    // Our own address as source: a martian once r0's peer address is ours.
    await sh('ip addr add 192.168.0.2/32 dev d0');
    expect(send()).toBe(false);
    await sh('ip addr del 192.168.0.2/32 dev d0');
    expect(send()).toBe(true);
    await sh('ip rule add from 192.168.0.2 prohibit');
    expect(send()).toBe(false);
    await sh('ip rule del from 192.168.0.2 prohibit');
    expect(send()).toBe(true);
    await sh('ip link set d0 down');
    expect(send()).toBe(false);
  });
});

describe('received packets rewritten in place', () => {
  it('leaves the sender’s frame as it was: the stack rewrites its own copy of each', async () => {
    const { sh, send, frame, r, d0 } = await router();
    await sh('iptables -t nat -A PREROUTING -p udp -j DNAT --to-destination 10.9.9.9:5353');
    await sh('iptables -t nat -A POSTROUTING -o d0 -j MASQUERADE');
    const sent: Frame[] = [];
    const close = openTap(r, { dev: d0, deliver: (c) => void sent.push(c.frame) });
    const original = { ...frame.ip, l4: { ...frame.ip.l4! } };
    for (let k = 0; k < 3; k++) expect(send()).toBe(true);
    close();
    expect(frame.ip).toEqual(original);
    const seen = sent.map((f) => (f.type === 'ipv4' ? f.ip : null));
    expect(new Set(seen).size).toBe(3);
    for (const p of seen) {
      expect(p).toMatchObject({ src: parseIPv4('172.16.0.1'), dst: parseIPv4('10.9.9.9'), ttl: 63 });
      expect(p?.l4).toMatchObject({ sport: 20000, dport: 5353 });
    }
    // The flow's first packet walked the nat chains; the others were rewritten from its entry.
    expect(await sh('iptables -t nat -L PREROUTING -v -n -x')).toMatch(/^\s+1\s+60 DNAT/m);
  });
});
