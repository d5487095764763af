import { describe, expect, test } from 'vitest';
import { TCP_FLAG } from '../net/packet.js';
import { conntrackTable } from '../kernel/netfilter/conntrack/table.js';
import { HAIRPIN, ROUTER, ip, stepsOf, traceLab, traceRun } from './testing.js';
import { renderText } from './text.js';

/**
 * One test per drop reason `podpath trace` gives besides those trace.test.ts
 * pins (rule, policy, rp_filter, TTL, no route, no socket): the text a
 * person reads, and the code the JSON carries.
 */
describe('trace drop reasons', () => {
  test('martian source: a packet from one of the router’s own addresses', async () => {
    const doc = await traceLab(
      ROUTER +
        // h1 spoofs r's address on eth1; r would not answer ARP from it, so h1 knows r's MAC.
        'ip -n h1 addr add 10.0.2.1/32 dev eth0\n' +
        'ip -n r link set eth0 address 02:00:00:00:01:01\n' +
        'ip -n h1 neigh add 10.0.1.1 lladdr 02:00:00:00:01:01 dev eth0\n',
      'h1',
      { proto: 'icmp', src: ip('10.0.2.1'), dst: ip('10.0.2.2') },
    );
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toMatchObject({
      direction: 'input',
      result: 'error',
      error: 'EINVAL',
    });
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'martian-source',
        reason: 'martian source address (10.0.2.1 on eth0: an address of this host)',
      },
    ]);
    expect(renderText(doc)).toContain(
      '  r   route input 10.0.2.2: EINVAL\n' +
        '  r   DROP: martian source address (10.0.2.1 on eth0: an address of this host)\n',
    );
  });

  test('martian source: a loopback source arriving from outside', async () => {
    const doc = await traceLab(
      ROUTER,
      { kind: 'wire', ns: 'r', dev: 'eth0' },
      { proto: 'udp', src: ip('127.0.0.1'), dst: ip('10.0.2.2'), dport: 53 },
    );
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'martian-source',
        reason: 'martian source address (127.0.0.1 on eth0: a loopback address, and route_localnet is off)',
      },
    ]);
    expect(stepsOf(doc, 'response')).toEqual([]);
  });

  test('no ARP answer: the sender gives up on an absent neighbour after its probes, on the virtual clock', async () => {
    const doc = await traceLab(ROUTER, 'h1', { proto: 'icmp', dst: ip('10.0.1.99') });
    const arp = stepsOf(doc, 'arp');
    expect(arp).toEqual([
      { type: 'arp', ns: 'h1', dev: 'eth0', nexthop: '10.0.1.99', status: 'resolving' },
      // mcast_solicit (3) requests, retrans_time_ms (1 s) apart.
      { type: 'arp', ns: 'h1', dev: 'eth0', nexthop: '10.0.1.99', status: 'failed', waited: 3000 },
    ]);
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'h1',
        code: 'no-arp-reply',
        reason: 'no ARP answer from the next hop (10.0.1.99 on eth0)',
      },
    ]);
    // ipv4_link_failure: the sender tells itself (ping prints "Destination Host Unreachable").
    expect(stepsOf(doc, 'response')).toMatchObject([
      { ns: 'h1', kind: 'icmp-error', view: { src: '10.0.1.2', dst: '10.0.1.2', icmpType: 3, icmpCode: 1 } },
    ]);
    expect(renderText(doc)).toMatchInlineSnapshot(`
      "packet 1: icmp 10.0.1.2 > 10.0.1.99 echo request ttl 64 (sent by a socket in h1)
        h1  route output 10.0.1.99: unicast dev eth0 src 10.0.1.2 (table main, route 10.0.1.0/24)
        h1  arp 10.0.1.99 on eth0: resolving
        h1  arp 10.0.1.99 on eth0: no answer after 3 s, resolution failed
        h1  DROP: no ARP answer from the next hop (10.0.1.99 on eth0)
        h1  answered with icmp 10.0.1.2 > 10.0.1.2 unreachable host ttl 64
        => dropped in h1: no ARP answer from the next hop (10.0.1.99 on eth0)
      "
    `);
  });

  test('no ARP answer at a router: the sender is told host unreachable', async () => {
    const doc = await traceLab(ROUTER, 'h1', { proto: 'tcp', dst: ip('10.0.2.99'), dport: 80 });
    expect(stepsOf(doc, 'arp').filter((a) => a.ns === 'r')).toMatchObject([
      { dev: 'eth1', nexthop: '10.0.2.99', status: 'resolving' },
      { dev: 'eth1', nexthop: '10.0.2.99', status: 'failed', waited: 3000 },
    ]);
    expect(doc.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'r', code: 'no-arp-reply' }]);
    expect(stepsOf(doc, 'response')).toMatchObject([
      { ns: 'r', kind: 'icmp-error', view: { src: '10.0.1.1', dst: '10.0.1.2', icmpType: 3, icmpCode: 1 } },
    ]);
    expect(renderText(doc)).toContain(
      '  r   arp 10.0.2.99 on eth1: no answer after 3 s, resolution failed\n' +
        '  r   DROP: no ARP answer from the next hop (10.0.2.99 on eth1)\n',
    );
  });

  test('hairpin off: a pod reaching its own ClusterIP is DNATed back to the port it came in by', async () => {
    const doc = await traceLab(HAIRPIN, 'pod', { proto: 'icmp', dst: ip('10.96.0.20') });
    expect(stepsOf(doc, 'rewrite')).toMatchObject([
      {
        ns: 'node',
        hook: 'PREROUTING',
        changes: [{ field: 'dst', from: '10.96.0.20', to: '10.244.1.5' }, { field: 'mark' }],
      },
    ]);
    expect(stepsOf(doc, 'bridge')).toEqual([
      {
        type: 'bridge',
        ns: 'node',
        bridge: 'cni0',
        inPort: 'veth-web',
        dstMac: expect.any(String),
        decision: 'hairpin-refused',
        outPorts: [],
      },
    ]);
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'node',
        code: 'hairpin-off',
        reason:
          'hairpin off: the bridge never sends a frame back out of the port it came in on (cni0 port veth-web)',
      },
    ]);
    // The frame stays bridged: it never leaves on cni0, only the bridge's ARP resolves the new destination.
    expect(stepsOf(doc, 'xmit').map((x) => `${x.ns} ${x.dev}`)).toEqual(['pod eth0']);
    expect(renderText(doc)).toMatchInlineSnapshot(`
      "packet 1: icmp 10.244.1.5 > 10.96.0.20 echo request ttl 64 (sent by a socket in pod)
        pod   route output 10.96.0.20: unicast via 10.244.1.1 dev eth0 src 10.244.1.5 (table main, route default)
        pod   arp 10.244.1.1 on eth0: resolving
        pod   sent on eth0 a2:60:89:27:2c:38 > f6:8a:44:d3:4b:3f
        node  PREROUTING in cni0 (bridged, physdev in veth-web)
        node    conntrack lookup: NEW (new entry)  10.244.1.5 > 10.96.0.20 id 1  reply 10.96.0.20 > 10.244.1.5 id 1
        node    nat PREROUTING
        node      1. -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
        node      -> jump KUBE-SERVICES: CONTINUE [1 pkts 84 bytes]
        node    nat KUBE-SERVICES (jump)
        node      1. -d 10.96.0.20/32 -j KUBE-SEP-WEB
        node      -> jump KUBE-SEP-WEB: CONTINUE [1 pkts 84 bytes]
        node    nat KUBE-SEP-WEB (jump)
        node      1. -s 10.244.1.5/32 -j KUBE-MARK-MASQ
        node      -> jump KUBE-MARK-MASQ: CONTINUE [1 pkts 84 bytes]
        node    nat KUBE-MARK-MASQ (jump)
        node      1. -j MARK --set-xmark 0x4000/0x4000
        node      -> MARK: CONTINUE [1 pkts 84 bytes]
        node    nat KUBE-SEP-WEB (return)
        node      2. -j DNAT --to-destination 10.244.1.5
        node      -> DNAT: ACCEPT [1 pkts 84 bytes]
        node    nat rewrote dst 10.96.0.20 -> 10.244.1.5, mark 0x0 -> 0x4000
        node  arp 10.244.1.5 on cni0: resolved a2:60:89:27:2c:38
        node  bridge cni0 from veth-web: a2:60:89:27:2c:38 FDB hit on veth-web, the port it came in by
        node  DROP: hairpin off: the bridge never sends a frame back out of the port it came in on (cni0 port veth-web)
        => dropped in node: hairpin off: the bridge never sends a frame back out of the port it came in on (cni0 port veth-web)
      "
    `);
  });

  test('conntrack table full: a new flow finds no room (nf_conntrack_max, set by the test)', async () => {
    const doc = await traceLab(
      ROUTER +
        'ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW\n' +
        // One flow fills the table.
        'ip netns exec h1 ping -c1 10.0.2.2 > /dev/null\n',
      'h1',
      { proto: 'tcp', dst: ip('10.0.2.2'), dport: 80 },
      // Read-only outside the initial namespace (as on Linux): the unit-level limit stands in for it.
      { tweak: (world) => void (conntrackTable(world.named.get('r')!).limit = 1) },
    );
    expect(stepsOf(doc, 'hook').map((h) => `${h.ns} ${h.hook}`)).toEqual(['r PREROUTING']);
    expect(stepsOf(doc, 'conntrack')).toEqual([]);
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'conntrack-full',
        reason: 'conntrack table full: no room for a new connection (nf_conntrack_max 1, at PREROUTING)',
      },
    ]);
  });

  test('INVALID state: a bare ACK with no connection, mid-stream pickup off, hits a --ctstate INVALID DROP', async () => {
    const lab =
      ROUTER +
      'ip netns exec r iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP\n' +
      'ip netns exec r iptables -A FORWARD -m conntrack --ctstate NEW\n';
    const ack = { proto: 'tcp', dst: ip('10.0.2.2'), dport: 80, tcpFlags: TCP_FLAG.ACK } as const;
    const strict = await traceLab(
      lab + 'ip netns exec r sysctl -qw net.netfilter.nf_conntrack_tcp_loose=0\n',
      'h1',
      ack,
    );
    expect(strict.packets[0].packet).toMatchObject({ proto: 'tcp', tcpFlags: '.', length: 40 });
    expect(stepsOf(strict, 'conntrack')).toEqual([
      { type: 'conntrack', ns: 'r', hook: 'PREROUTING', action: 'lookup', state: 'INVALID', entry: 'none' },
    ]);
    expect(stepsOf(strict, 'rule')).toMatchObject([
      { chain: 'FORWARD', index: 1, rule: '-m conntrack --ctstate INVALID -j DROP', matched: true },
    ]);
    expect(strict.packets[0].outcomes).toEqual([
      { kind: 'dropped', ns: 'r', code: 'nf-rule', reason: 'dropped by a rule (filter/FORWARD rule 1)' },
    ]);
    expect(renderText(strict)).toContain(
      '  r   PREROUTING in eth0\n' +
        '  r     conntrack lookup: INVALID\n' +
        '  r   route input 10.0.2.2: forward dev eth1 from 10.0.1.2 (table main, route 10.0.2.0/24)\n' +
        '  r   FORWARD in eth0 out eth1\n' +
        '  r     filter FORWARD\n' +
        '  r       1. -m conntrack --ctstate INVALID -j DROP\n' +
        '  r       -> DROP [1 pkts 40 bytes]\n' +
        '  r   DROP: dropped by a rule (filter/FORWARD rule 1)\n',
    );
    // With nf_conntrack_tcp_loose on (the default) the same ACK is picked up as a new ESTABLISHED flow.
    const loose = await traceLab(lab, 'h1', ack);
    expect(stepsOf(loose, 'conntrack').find((c) => c.action === 'lookup')).toMatchObject({
      state: 'NEW',
      entry: 'new',
      tcpState: 'ESTABLISHED',
    });
    expect(stepsOf(loose, 'rule').map((r) => [r.index, r.matched])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(loose.packets[0].outcomes).toMatchObject([{ kind: 'dropped', ns: 'h2', code: 'no-socket' }]);
  });

  test('INVALID state: an echo reply whose request conntrack never saw (NOTRACK) cannot start an entry', async () => {
    // As test/trace-counters/ct-invalid-icmp.sh, whose counters real Linux moves the same way.
    const doc = await traceRun(
      ROUTER +
        'ip netns exec r iptables -t raw -A PREROUTING -p icmp --icmp-type echo-request -j NOTRACK\n' +
        'ip netns exec r iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP\n' +
        'ip netns exec r iptables -A FORWARD -m conntrack --ctstate UNTRACKED -j ACCEPT\n',
      'ip netns exec h1 ping -c1 -W1 10.0.2.2',
    );
    const [request, reply] = doc.packets;
    expect(stepsOf(doc, 'conntrack', request.id)).toMatchObject([{ ns: 'r', state: 'UNTRACKED' }]);
    expect(request.outcomes).toMatchObject([{ kind: 'delivered', ns: 'h2' }]);
    expect(reply).toMatchObject({ ns: 'h2', cause: request.id, packet: { icmpType: 0 } });
    expect(stepsOf(doc, 'conntrack', reply.id)).toEqual([
      { type: 'conntrack', ns: 'r', hook: 'PREROUTING', action: 'lookup', state: 'INVALID', entry: 'none' },
    ]);
    expect(reply.outcomes).toEqual([
      { kind: 'dropped', ns: 'r', code: 'nf-rule', reason: 'dropped by a rule (filter/FORWARD rule 1)' },
    ]);
  });

  test('not forwarding: a router with ip_forward off drops what is not for it, silently', async () => {
    const doc = await traceLab(ROUTER + 'ip netns exec r sysctl -qw net.ipv4.ip_forward=0\n', 'h1', {
      proto: 'icmp',
      dst: ip('10.0.2.2'),
    });
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toMatchObject({
      result: 'error',
      error: 'EHOSTUNREACH',
    });
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'not-forwarding',
        reason: 'forwarding is off on the input device (eth0: net.ipv4.conf.eth0.forwarding = 0)',
      },
    ]);
    // ip_error sends nothing when the input device does not forward.
    expect(stepsOf(doc, 'response')).toEqual([]);
  });

  test('link down: the next hop is known but the output link has no carrier', async () => {
    const doc = await traceLab(
      ROUTER +
        // A permanent neighbour: a carrier loss flushes learned ones, and resolution would fail instead.
        'ip -n r neigh add 10.0.2.2 lladdr 02:00:00:00:02:02 dev eth1 nud permanent\n' +
        'ip -n h2 link set eth0 down\n',
      'h1',
      { proto: 'icmp', dst: ip('10.0.2.2') },
    );
    expect(stepsOf(doc, 'route').find((r) => r.ns === 'r')).toMatchObject({ result: 'forward', dev: 'eth1' });
    expect(doc.packets[0].outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'link-down',
        reason: 'the output device has no carrier: it or the other end of its link is down (eth1)',
      },
    ]);
    expect(stepsOf(doc, 'response')).toEqual([]);
  });

  test('link down, learned next hop: carrier loss flushed it, ARP fails and the sender hears host unreachable', async () => {
    const doc = await traceRun(
      ROUTER + 'ip netns exec h1 ping -c1 -W1 10.0.2.2 > /dev/null\nip -n h2 link set eth0 down\n',
      'ip netns exec h1 ping -c1 -W4 10.0.2.2',
    );
    const [request, error] = doc.packets;
    expect(stepsOf(doc, 'arp', request.id).filter((a) => a.ns === 'r')).toMatchObject([
      { dev: 'eth1', nexthop: '10.0.2.2', status: 'resolving' },
      { dev: 'eth1', nexthop: '10.0.2.2', status: 'failed', waited: 3000 },
    ]);
    expect(request.outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'no-arp-reply',
        reason: 'no ARP answer from the next hop (10.0.2.2 on eth1)',
      },
    ]);
    expect(error).toMatchObject({
      ns: 'r',
      cause: request.id,
      packet: { src: '10.0.1.1', dst: '10.0.1.2', icmpType: 3, icmpCode: 1 },
      outcomes: [{ kind: 'delivered', ns: 'h1' }],
    });
  });

  test('frag needed: too big for the next link with DF set, answered with ICMP need-to-frag and the MTU', async () => {
    const doc = await traceRun(
      ROUTER + 'ip -n r link set eth1 mtu 1000\n',
      'ip netns exec h1 ping -c1 -W1 -M do -s 1200 10.0.2.2',
    );
    const [sent, error] = doc.packets;
    expect(sent.packet).toMatchObject({ proto: 'icmp', length: 1228 });
    expect(sent.outcomes).toEqual([
      {
        kind: 'dropped',
        ns: 'r',
        code: 'frag-needed',
        reason:
          "too big for the output device, and Don't Fragment is set (packet of 1228 bytes > mtu 1000 of eth1, DF set)",
      },
    ]);
    expect(error).toMatchObject({
      ns: 'r',
      origin: 'kernel',
      cause: sent.id,
      packet: { src: '10.0.1.1', dst: '10.0.1.2', icmpType: 3, icmpCode: 4 },
      outcomes: [{ kind: 'delivered', ns: 'h1' }],
    });
    expect(renderText(doc)).toContain(
      "  r   DROP: too big for the output device, and Don't Fragment is set (packet of 1228 bytes > mtu 1000 of eth1, DF set)\n" +
        '  r   answered with icmp 10.0.1.1 > 10.0.1.2 unreachable need to frag ttl 64 (packet 2)\n',
    );
  });
});
