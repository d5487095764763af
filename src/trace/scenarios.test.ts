import { describe, expect, test } from 'vitest';
import { BRIDGE, HAIRPIN, ROUTER, ip, stepsOf, traceLab } from './testing.js';
import { renderText } from './text.js';
import { replySummary } from './reply.js';

/**
 * h1 -- r -- two uplinks: h2 on eth1 (main's default) and h3 on eth2. Both
 * answer for 192.0.2.10, so where a packet ends says which way r sent it.
 * r's policy: marked packets (mangle marks TCP 443) use table 200 (via h2),
 * everything from 10.0.1.0/24 table 100 (via h3).
 */
const POLICY = `
ip netns add h1
ip netns add r
ip netns add h2
ip netns add h3
ip link add eth0 netns h1 type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns h2
ip link add eth2 netns r type veth peer name eth0 netns h3
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r addr add 10.0.1.1/24 dev eth0
ip -n r addr add 10.0.2.1/24 dev eth1
ip -n r addr add 10.0.3.1/24 dev eth2
ip -n h2 addr add 10.0.2.2/24 dev eth0
ip -n h3 addr add 10.0.3.2/24 dev eth0
for ns in h1 r h2 h3; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip -n r link set eth1 up
ip -n r link set eth2 up
ip -n h2 addr add 192.0.2.10/32 dev lo
ip -n h3 addr add 192.0.2.10/32 dev lo
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.2.1
ip -n h3 route add default via 10.0.3.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip -n r route add default via 10.0.2.2
ip -n r route add default via 10.0.3.2 table 100
ip -n r route add 192.0.2.0/24 via 10.0.2.2 table 200
ip -n r rule add fwmark 0x1 lookup 200 pref 50
ip -n r rule add from 10.0.1.0/24 lookup 100 pref 100
ip netns exec r iptables -t mangle -A PREROUTING -p tcp --dport 443 -j MARK --set-mark 1
`;

describe('trace scenarios', () => {
  test('SNAT: the source rewrite in nat POSTROUTING, and the reply tuple conntrack expects', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r iptables -t nat -A POSTROUTING -o eth1 -j SNAT --to-source 10.0.2.1\n' +
        'ip netns exec h2 nc -l 80 &\nsleep 1\n',
      'h1',
      { proto: 'tcp', dst: ip('10.0.2.2'), dport: 80 },
    );
    expect(stepsOf(doc, 'rewrite')).toEqual([
      {
        type: 'rewrite',
        ns: 'r',
        hook: 'POSTROUTING',
        by: 'nat',
        changes: [{ field: 'src', from: '10.0.1.2', to: '10.0.2.1' }],
      },
    ]);
    expect(stepsOf(doc, 'conntrack').find((c) => c.action === 'confirm')).toMatchObject({
      hook: 'POSTROUTING',
      orig: { src: '10.0.1.2', dst: '10.0.2.2', sport: 32768, dport: 80 },
      reply: { src: '10.0.2.2', dst: '10.0.2.1', sport: 80, dport: 32768 },
    });
    expect(stepsOf(doc, 'receive').find((r) => r.ns === 'h2')?.view).toMatchObject({ src: '10.0.2.1' });
    expect(doc.packets[0].outcomes).toEqual([
      { kind: 'delivered', ns: 'h2', socket: 'tcp socket LISTEN 0.0.0.0:80', port: 80 },
    ]);
    expect(renderText(doc)).toContain(
      '  r   POSTROUTING in eth0 out eth1\n' +
        '  r     nat POSTROUTING\n' +
        '  r       1. -o eth1 -j SNAT --to-source 10.0.2.1\n' +
        '  r       -> SNAT: ACCEPT [1 pkts 60 bytes]\n' +
        '  r     nat rewrote src 10.0.1.2 -> 10.0.2.1\n',
    );
  });

  test('MASQUERADE: the source becomes the output device’s address, and the answer is un-SNATed back', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE\n' +
        'ip netns exec h2 nc -u -l 53 &\nsleep 1\n',
      'h1',
      { proto: 'udp', dst: ip('10.0.2.2'), dport: 53 },
      { reply: true },
    );
    expect(stepsOf(doc, 'rule')).toMatchObject([
      { ns: 'r', table: 'nat', chain: 'POSTROUTING', index: 1, rule: '-o eth1 -j MASQUERADE', matched: true },
    ]);
    expect(stepsOf(doc, 'rewrite')).toMatchObject([
      {
        ns: 'r',
        hook: 'POSTROUTING',
        by: 'nat',
        changes: [{ field: 'src', from: '10.0.1.2', to: '10.0.2.1' }],
      },
    ]);
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'delivered', ns: 'h2', port: 53 }]);
    expect(replySummary(doc)).toMatchObject({
      verdict: 'returned',
      sent: { src: '10.0.2.2', dst: '10.0.2.1', sport: 53, dport: 32768 },
      rewrites: [{ ns: 'r', kind: 'un-SNAT', changes: [{ field: 'dst', from: '10.0.2.1', to: '10.0.1.2' }] }],
      arrived: { src: '10.0.2.2', dst: '10.0.1.2' },
      matches: true,
    });
    expect(renderText(doc)).toContain('  r     nat rewrote src 10.0.1.2 -> 10.0.2.1\n');
  });

  test('hairpin NAT: with hairpin on, a pod reaches its own ClusterIP, DNATed and masqueraded by the bridge', async () => {
    const doc = await traceLab(
      HAIRPIN + 'bridge -n node link set dev veth-web hairpin on\n',
      'pod',
      { proto: 'icmp', dst: ip('10.96.0.20') },
      { reply: true },
    );
    expect(stepsOf(doc, 'bridge')).toMatchObject([
      { bridge: 'cni0', inPort: 'veth-web', decision: 'fdb-hit', outPorts: ['veth-web'] },
    ]);
    // br_netfilter: the bridged frame walks PREROUTING, FORWARD and POSTROUTING with physdev in and out the same port.
    expect(stepsOf(doc, 'hook').map((h) => [h.ns, h.hook, h.in, h.out, h.physIn, h.physOut])).toEqual([
      ['node', 'PREROUTING', 'cni0', null, 'veth-web', undefined],
      ['node', 'FORWARD', 'cni0', 'cni0', 'veth-web', 'veth-web'],
      ['node', 'POSTROUTING', null, 'cni0', 'veth-web', 'veth-web'],
    ]);
    const rewrites = stepsOf(doc, 'rewrite');
    expect(
      rewrites.map((r) => [r.hook, r.changes.filter((c) => c.field === 'src' || c.field === 'dst')]),
    ).toEqual([
      ['PREROUTING', [{ field: 'dst', from: '10.96.0.20', to: '10.244.1.5' }]],
      ['POSTROUTING', [{ field: 'src', from: '10.244.1.5', to: '10.244.1.1' }]],
    ]);
    expect(doc.packets[0].outcomes).toEqual([
      { kind: 'delivered', ns: 'pod', socket: 'icmp echo: the kernel answers' },
    ]);
    // The echo reply goes back to the node's address and is un-NATed to come from the service.
    expect(replySummary(doc)).toMatchObject({
      verdict: 'returned',
      from: 'pod',
      sent: { src: '10.244.1.5', dst: '10.244.1.1' },
      arrived: { src: '10.96.0.20', dst: '10.244.1.5' },
      matches: true,
    });
    const text = renderText(doc);
    expect(text).toContain(
      '  node  bridge cni0 from veth-web: a2:60:89:27:2c:38 FDB hit -> veth-web (hairpin: back out its input port)\n' +
        '  node  FORWARD in cni0 out cni0 (bridged, physdev in veth-web out veth-web)\n',
    );
    expect(text).toContain('  node    nat rewrote src 10.244.1.5 -> 10.244.1.1');
  });

  test('policy routing: a source rule picks table 100, and the trace names the rule, table and route', async () => {
    const doc = await traceLab(POLICY, 'h1', { proto: 'icmp', dst: ip('192.0.2.10') });
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toEqual({
      type: 'route',
      ns: 'r',
      direction: 'input',
      dst: '192.0.2.10',
      result: 'forward',
      table: 100,
      rule: { pref: 100, table: 100, selector: 'from 10.0.1.0/24' },
      route: 'default',
      dev: 'eth2',
      gateway: '10.0.3.2',
      src: '10.0.1.2',
    });
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'delivered', ns: 'h3' }]);
    expect(renderText(doc)).toContain(
      '  r   route input 192.0.2.10: forward via 10.0.3.2 dev eth2 from 10.0.1.2 (rule 100 from 10.0.1.0/24, table 100, route default)\n',
    );
  });

  test('policy routing: a mangle MARK sends TCP 443 by the fwmark rule that comes first, to table 200', async () => {
    const doc = await traceLab(POLICY, 'h1', { proto: 'tcp', dst: ip('192.0.2.10'), dport: 443 });
    expect(stepsOf(doc, 'rewrite')).toMatchObject([
      { ns: 'r', hook: 'PREROUTING', by: 'mangle', changes: [{ field: 'mark', from: '0x0', to: '0x1' }] },
    ]);
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toMatchObject({
      result: 'forward',
      rule: { pref: 50, table: 200, selector: 'from all fwmark 0x1' },
      table: 200,
      route: '192.0.2.0/24',
      gateway: '10.0.2.2',
      dev: 'eth1',
    });
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'h2', code: 'no-socket' }]);
    expect(renderText(doc)).toContain('(rule 50 from all fwmark 0x1, table 200, route 192.0.2.0/24)');
  });

  test('policy routing: what no rule of its own matches falls through to main', async () => {
    const doc = await traceLab(POLICY, 'r', { proto: 'icmp', dst: ip('192.0.2.10') });
    expect(stepsOf(doc, 'route')[0]).toMatchObject({
      direction: 'output',
      rule: { pref: 32766, table: 254, selector: 'from all' },
      table: 254,
      route: 'default',
      gateway: '10.0.2.2',
    });
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'delivered', ns: 'h2' }]);
  });

  test('bridged traffic through br_netfilter: physdev matches in PREROUTING, FORWARD and POSTROUTING of the bridge', async () => {
    const lab =
      BRIDGE +
      'ip netns exec sw iptables -t mangle -A PREROUTING -m physdev --physdev-in p-a\n' +
      'ip netns exec sw iptables -A FORWARD -m physdev --physdev-in p-a --physdev-out p-c -j DROP\n' +
      'ip netns exec sw iptables -A FORWARD -m physdev --physdev-in p-a --physdev-out p-b -j ACCEPT\n' +
      'ip netns exec sw iptables -t mangle -A POSTROUTING -m physdev --physdev-is-bridged\n' +
      'ip netns exec a ping -c1 10.0.0.2 > /dev/null\nip netns exec a ping -c1 -W1 10.0.0.3 > /dev/null\n';
    const toB = await traceLab(lab, 'a', { proto: 'udp', dst: ip('10.0.0.2'), dport: 9 });
    expect(stepsOf(toB, 'hook').map((h) => [h.ns, h.hook, h.in, h.out, h.physIn, h.physOut])).toEqual([
      ['sw', 'PREROUTING', 'br0', null, 'p-a', undefined],
      ['sw', 'FORWARD', 'br0', 'br0', 'p-a', 'p-b'],
      ['sw', 'POSTROUTING', null, 'br0', 'p-a', 'p-b'],
      // b has no socket on port 9: its answer is not followed, only the packet's own way.
    ]);
    expect(stepsOf(toB, 'rule').map((r) => [r.table, r.chain, r.index, r.matched, r.failed])).toEqual([
      ['mangle', 'PREROUTING', 1, true, undefined],
      ['filter', 'FORWARD', 1, false, '-m physdev'],
      ['filter', 'FORWARD', 2, true, undefined],
      ['mangle', 'POSTROUTING', 1, true, undefined],
    ]);
    expect(stepsOf(toB, 'bridge')).toMatchObject([
      { bridge: 'br0', inPort: 'p-a', decision: 'fdb-hit', outPorts: ['p-b'] },
    ]);
    expect(renderText(toB)).toContain(
      '  sw  PREROUTING in br0 (bridged, physdev in p-a)\n' +
        '  sw    mangle PREROUTING\n' +
        '  sw      1. -m physdev --physdev-in p-a\n',
    );
    expect(renderText(toB)).toContain(
      '  sw  FORWARD in br0 out br0 (bridged, physdev in p-a out p-b)\n' +
        '  sw    filter FORWARD\n' +
        '  sw      1. -m physdev --physdev-in p-a --physdev-out p-c -j DROP  (no match: -m physdev)\n' +
        '  sw      2. -m physdev --physdev-in p-a --physdev-out p-b -j ACCEPT\n',
    );
    const toC = await traceLab(lab, 'a', { proto: 'udp', dst: ip('10.0.0.3'), dport: 9 });
    expect(toC.packets[0].outcomes).toEqual([
      { kind: 'dropped', ns: 'sw', code: 'nf-rule', reason: 'dropped by a rule (filter/FORWARD rule 1)' },
    ]);
    expect(stepsOf(toC, 'xmit').map((x) => `${x.ns} ${x.dev}`)).toEqual(['a eth0']);
  });
});
