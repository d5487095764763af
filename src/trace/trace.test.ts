import { describe, expect, test } from 'vitest';
import { traceCommand } from './session.js';
import { traceDocument, TRACE_SCHEMA_VERSION } from './json.js';
import { renderText } from './text.js';
import { BRIDGE, ROUTER, ip, lab, stepsOf, traceLab } from './testing.js';

describe('podpath trace', () => {
  test('a forwarded ping dropped by a FORWARD rule names the rule, the failed match of the one before, and the counters', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r iptables -A FORWARD -p tcp -j ACCEPT\nip netns exec r iptables -A FORWARD -s 10.0.1.0/24 -p icmp -j DROP\n',
      'h1',
      { proto: 'icmp', dst: ip('10.0.2.2') },
    );
    const rules = stepsOf(doc, 'rule');
    expect(rules.map((r) => [r.ns, r.chain, r.index, r.rule, r.matched, r.failed])).toEqual([
      ['r', 'FORWARD', 1, '-p tcp -j ACCEPT', false, '-p'],
      ['r', 'FORWARD', 2, '-s 10.0.1.0/24 -p icmp -j DROP', true, undefined],
    ]);
    expect(stepsOf(doc, 'verdict')).toMatchObject([
      { index: 2, verdict: 'DROP', counters: { packets: 1, bytes: 84 } },
    ]);
    expect(doc.packets[0].outcomes).toEqual([
      { kind: 'dropped', ns: 'r', code: 'nf-rule', reason: 'dropped by a rule (filter/FORWARD rule 2)' },
    ]);
    expect(renderText(doc)).toMatchInlineSnapshot(`
      "packet 1: icmp 10.0.1.2 > 10.0.2.2 echo request ttl 64 (sent by a socket in h1)
        h1  route output 10.0.2.2: unicast via 10.0.1.1 dev eth0 src 10.0.1.2 (table main, route default)
        h1  arp 10.0.1.1 on eth0: resolving
        h1  sent on eth0 a2:60:89:27:2c:38 > 6a:90:64:e7:d8:c9
        r   received on eth0
        r   PREROUTING in eth0
        r   route input 10.0.2.2: forward dev eth1 from 10.0.1.2 (table main, route 10.0.2.0/24)
        r   FORWARD in eth0 out eth1
        r     filter FORWARD
        r       1. -p tcp -j ACCEPT  (no match: -p)
        r       2. -s 10.0.1.0/24 -p icmp -j DROP
        r       -> DROP [1 pkts 84 bytes]
        r   DROP: dropped by a rule (filter/FORWARD rule 2)
        => dropped in r: dropped by a rule (filter/FORWARD rule 2)
      "
    `);
  });

  test('rules a chain index rules out are one step each run; the candidates are evaluated', async () => {
    // 13 `-d ADDR/32` rules: one block keyed on the destination. Rule 6 has the packet's address but
    // wants TCP; rule 13 is the one that matches.
    const others = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => `iptables -A FORWARD -d 10.0.9.${from + k}/32 -j DROP`);
    const rules = [
      ...others(1, 5),
      'iptables -A FORWARD -d 10.0.2.2/32 -p tcp -j DROP',
      ...others(7, 12),
      'iptables -A FORWARD -d 10.0.2.2/32 -j ACCEPT',
    ];
    const doc = await traceLab(ROUTER + rules.map((r) => `ip netns exec r ${r}\n`).join(''), 'h1', {
      proto: 'icmp',
      dst: ip('10.0.2.2'),
    });
    const forward = doc.packets[0].steps.filter(
      (s) => (s.type === 'rule' || s.type === 'ruled-out') && s.chain === 'FORWARD',
    );
    expect(forward).toEqual([
      { type: 'ruled-out', ns: 'r', table: 'filter', chain: 'FORWARD', from: 1, to: 5, failed: '-d' },
      {
        type: 'rule',
        ns: 'r',
        table: 'filter',
        chain: 'FORWARD',
        index: 6,
        rule: '-d 10.0.2.2/32 -p tcp -j DROP',
        matched: false,
        failed: '-p',
      },
      { type: 'ruled-out', ns: 'r', table: 'filter', chain: 'FORWARD', from: 7, to: 12, failed: '-d' },
      {
        type: 'rule',
        ns: 'r',
        table: 'filter',
        chain: 'FORWARD',
        index: 13,
        rule: '-d 10.0.2.2/32 -j ACCEPT',
        matched: true,
      },
    ]);
    expect(
      renderText(doc)
        .split('\n')
        .filter((l) => /^ {2}r {3}/.test(l) && l.includes('. ')),
    ).toEqual([
      "  r       1-5. 5 rules ruled out by the chain's index (no match: -d)",
      '  r       6. -d 10.0.2.2/32 -p tcp -j DROP  (no match: -p)',
      "  r       7-12. 6 rules ruled out by the chain's index (no match: -d)",
      '  r       13. -d 10.0.2.2/32 -j ACCEPT',
    ]);
  });

  test('the FORWARD policy DROP is named as the policy', async () => {
    const doc = await traceLab(ROUTER + 'ip netns exec r iptables -P FORWARD DROP\n', 'h1', {
      proto: 'icmp',
      dst: ip('10.0.2.2'),
    });
    expect(stepsOf(doc, 'verdict')).toMatchObject([
      { chain: 'FORWARD', index: 0, target: 'DROP', verdict: 'DROP' },
    ]);
    expect(doc.packets[0].outcomes).toMatchObject([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'nf-policy',
        reason: expect.stringContaining('filter/FORWARD policy DROP'),
      },
    ]);
  });

  test('a DNAT to another host shows conntrack NEW, the rewrite, and the socket that takes it', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r iptables -t nat -A PREROUTING -d 10.0.1.1 -p tcp --dport 8080 -j DNAT --to-destination 10.0.2.2:80\n' +
        'ip netns exec h2 nc -l 80 &\nsleep 1\n',
      'h1',
      { proto: 'tcp', dst: ip('10.0.1.1'), dport: 8080 },
    );
    const ct = stepsOf(doc, 'conntrack').find((c) => c.ns === 'r' && c.action === 'lookup');
    expect(ct).toMatchObject({ hook: 'PREROUTING', state: 'NEW', entry: 'new' });
    expect(stepsOf(doc, 'rewrite')).toEqual([
      {
        type: 'rewrite',
        ns: 'r',
        hook: 'PREROUTING',
        by: 'nat',
        changes: [
          { field: 'dst', from: '10.0.1.1', to: '10.0.2.2' },
          { field: 'dport', from: '8080', to: '80' },
        ],
      },
    ]);
    const confirm = stepsOf(doc, 'conntrack').find((c) => c.ns === 'r' && c.action === 'confirm');
    expect(confirm?.reply).toMatchObject({ src: '10.0.2.2', sport: 80, dst: '10.0.1.2' });
    expect(stepsOf(doc, 'rule')).toMatchObject([
      { table: 'nat', chain: 'PREROUTING', index: 1, matched: true },
    ]);
    expect(doc.packets[0].outcomes).toEqual([
      { kind: 'delivered', ns: 'h2', socket: 'tcp socket LISTEN 0.0.0.0:80', port: 80 },
    ]);
    expect(stepsOf(doc, 'response')).toMatchObject([{ ns: 'h2', kind: 'reply', view: { tcpFlags: 'S.' } }]);
  });

  test('rp_filter drops a source that routes back through another device', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r sysctl -qw net.ipv4.conf.eth0.rp_filter=1\nip -n h1 addr add 10.0.2.50/32 dev eth0\n' +
        // rp_filter refuses the spoofed source's ARP too: let h1 know the router's MAC.
        'ip -n r link set eth0 address 02:00:00:00:01:01\nip -n h1 neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0\n',
      'h1',
      { proto: 'icmp', src: ip('10.0.2.50'), dst: ip('10.0.2.2') },
    );
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'r', code: 'rp-filter' }]);
  });

  test('TTL exceeded at the router: dropped, answered with ICMP time exceeded', async () => {
    const doc = await traceLab(ROUTER, 'h1', { proto: 'icmp', dst: ip('10.0.2.2'), ttl: 1 });
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'r', code: 'ttl-exceeded' }]);
    expect(stepsOf(doc, 'response')).toMatchObject([{ ns: 'r', kind: 'icmp-error', view: { icmpType: 11 } }]);
  });

  test('no route at the router: dropped, answered with ICMP net unreachable', async () => {
    const doc = await traceLab(ROUTER, 'h1', { proto: 'udp', dst: ip('192.0.2.9'), dport: 53 });
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toMatchObject({
      result: 'error',
      error: 'ENETUNREACH',
    });
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'no-route',
        reason: 'no route to the destination (192.0.2.9, received on eth0)',
      },
    ]);
    expect(stepsOf(doc, 'response')).toMatchObject([
      { ns: 'r', kind: 'icmp-error', view: { icmpType: 3, icmpCode: 0 } },
    ]);
  });

  test('no route at the sender', async () => {
    const doc = await traceLab(ROUTER, 'r', { proto: 'icmp', dst: ip('192.0.2.9') });
    expect(doc.packets[0].outcomes).toMatchObject([
      { kind: 'dropped', ns: 'r', code: 'no-route', reason: expect.stringContaining('ENETUNREACH') },
    ]);
  });

  test('no listening socket: TCP answers with a reset, UDP with ICMP port unreachable', async () => {
    const tcp = await traceLab(ROUTER, 'h1', { proto: 'tcp', dst: ip('10.0.2.2'), dport: 80 });
    expect(tcp.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'h2', code: 'no-socket' }]);
    expect(stepsOf(tcp, 'response')).toMatchObject([
      { ns: 'h2', kind: 'tcp-reset', view: { tcpFlags: 'R.' } },
    ]);
    const udp = await traceLab(ROUTER, 'h1', { proto: 'udp', dst: ip('10.0.2.2'), dport: 53 });
    expect(udp.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'h2', code: 'no-socket' }]);
    expect(stepsOf(udp, 'response')).toMatchObject([
      { ns: 'h2', kind: 'icmp-error', view: { icmpType: 3, icmpCode: 3 } },
    ]);
  });

  test('a bridge floods a frame for a MAC it has not learned', async () => {
    const doc = await traceLab(
      BRIDGE + 'ip -n a neigh add 10.0.0.2 lladdr 02:00:00:00:00:0b dev eth0\n',
      'a',
      {
        proto: 'udp',
        dst: ip('10.0.0.2'),
        dport: 9,
      },
    );
    expect(stepsOf(doc, 'bridge')).toEqual([
      {
        type: 'bridge',
        ns: 'sw',
        bridge: 'br0',
        inPort: 'p-a',
        dstMac: '02:00:00:00:00:0b',
        decision: 'flood',
        outPorts: ['p-b', 'p-c'],
      },
    ]);
    expect(stepsOf(doc, 'xmit').map((x) => `${x.ns} ${x.dev}`)).toEqual(['a eth0', 'sw p-b', 'sw p-c']);
  });

  test('a bridge forwards to the one port its FDB names once it has learned the MAC', async () => {
    const doc = await traceLab(BRIDGE + 'ip netns exec a ping -c1 10.0.0.2 > /dev/null\n', 'a', {
      proto: 'udp',
      dst: ip('10.0.0.2'),
      dport: 9,
    });
    expect(stepsOf(doc, 'bridge')).toMatchObject([
      { bridge: 'br0', inPort: 'p-a', decision: 'fdb-hit', outPorts: ['p-b'] },
    ]);
  });

  test('the JSON document is versioned and its packets carry origin, outcomes and steps', async () => {
    const doc = await traceLab(ROUTER, 'h1', { proto: 'icmp', dst: ip('10.0.2.2') });
    const json = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
    expect(json.version).toBe(TRACE_SCHEMA_VERSION);
    expect(Object.keys(json)).toEqual(['version', 'packets']);
    const [p] = doc.packets;
    expect(Object.keys(p)).toEqual(['id', 'ns', 'origin', 'cause', 'packet', 'outcomes', 'steps']);
    expect(p.packet).toEqual({
      src: '10.0.1.2',
      dst: '10.0.2.2',
      proto: 'icmp',
      ttl: 64,
      length: 84,
      icmpType: 8,
      icmpCode: 0,
    });
    expect(p.outcomes).toEqual([{ kind: 'delivered', ns: 'h2', socket: 'icmp echo: the kernel answers' }]);
    for (const s of p.steps) expect(typeof s.ns).toBe('string');
  });

  test('run --trace follows every packet the command makes the hosts send', async () => {
    let out = '';
    const result = await traceCommand(lab(ROUTER), 'ip netns exec h1 ping -c1 10.0.2.2', {
      write: (t) => void (out += t),
    });
    const doc = traceDocument(result.events);
    expect(out).toContain('1 received');
    expect(
      doc.packets.map((p) => [p.id, p.ns, p.origin, p.cause, p.packet.icmpType, p.outcomes[0].kind]),
    ).toEqual([
      [1, 'h1', 'socket', null, 8, 'delivered'],
      [2, 'h2', 'kernel', 1, 0, 'delivered'],
    ]);
  });
});
