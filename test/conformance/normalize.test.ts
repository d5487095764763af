import { describe, expect, it } from 'vitest';
import { RULES, normalize } from './normalize.js';

describe('normalize rule examples', () => {
  it.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    expect(rule.apply(rule.example.before)).toBe(rule.example.after);
    expect(normalize(rule.example.before)).toBe(rule.example.after);
  });
});

const cases: { name: string; before: string; after: string }[] = [
  {
    name: 'ping rtt with one, two and three integer digits',
    before: 'time=0.052 ms\ntime=12.5 ms\ntime=123 ms\n',
    after: 'time=<rtt> ms\ntime=<rtt> ms\ntime=<rtt> ms\n',
  },
  {
    name: 'ping statistics with errors and a zero total',
    before: '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n',
    after: '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time <total>ms\n',
  },
  {
    // `pipe N` depends on RTT against the interval, which varies on a loaded machine.
    name: 'ping rtt summary drops the RTT-bound pipe count',
    before: 'rtt min/avg/max/mdev = 0.035/0.129/0.224/0.094 ms, pipe 2\n',
    after: 'rtt min/avg/max/mdev = <min>/<avg>/<max>/<mdev> ms\n',
  },
  {
    name: 'MACs numbered per first appearance, repeats reuse the number',
    before: 'a 02:00:00:00:00:0a\nb 6A:1F:03:9C:22:B1\nc 02:00:00:00:00:0a 6a:1f:03:9c:22:b1\n',
    after: 'a <mac1>\nb <mac2>\nc <mac1> <mac2>\n',
  },
  {
    name: 'all-zero and broadcast MACs stay',
    before: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\nbrd ff:ff:ff:ff:ff:ff\n',
    after: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\nbrd ff:ff:ff:ff:ff:ff\n',
  },
  {
    name: 'MAC inside a bridge id and after lladdr',
    before: 'bridge_id 8000.aa:bb:cc:dd:ee:01 lladdr aa:bb:cc:dd:ee:01 REACHABLE',
    after: 'bridge_id 8000.<mac1> lladdr <mac1> REACHABLE',
  },
  {
    name: 'longer colon-separated hex strings are not MACs',
    before: '00:11:22:33:44:55:66:77 2001:db8:0:0:12:34:56:78',
    after: '00:11:22:33:44:55:66:77 2001:db8:0:0:12:34:56:78',
  },
  {
    name: 'link-local from a MAC with a zero first group',
    before: 'inet6 fe80::ff:fe00:1/64 scope link\nfe80::ff:fe00:1 dev eth0',
    after: 'inet6 <ll1>/64 scope link\n<ll1> dev eth0',
  },
  {
    name: 'two link-locals numbered in order',
    before: 'fe80::8c2e:11ff:fe22:3344 fe80::4:5ff:fe06:708 fe80::8c2e:11ff:fe22:3344',
    after: '<ll1> <ll2> <ll1>',
  },
  {
    name: 'non-EUI-64 IPv6 addresses and prefixes stay',
    before: 'fe80::/64 dev eth0 proto kernel metric 256 pref medium\nfe80::1 ::1/128\n',
    after: 'fe80::/64 dev eth0 proto kernel metric 256 pref medium\nfe80::1 ::1/128\n',
  },
  {
    name: 'ifindexes, counters and neighbour states are not touched',
    before:
      '7: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n    RX:  bytes packets\n        1234      5\n10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 STALE\n',
    after:
      '7: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n    RX:  bytes packets\n        1234      5\n10.0.0.1 dev eth0 lladdr <mac1> STALE\n',
  },
  {
    name: 'dig id, query time and date; the message size stays',
    before:
      ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 7\n;; Query time: 0 msec\n;; WHEN: Thu Jan 01 00:00:00 UTC 1970\n;; MSG SIZE  rcvd: 61\n',
    after:
      ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: <id>\n;; Query time: <n> msec\n;; WHEN: <date>\n;; MSG SIZE  rcvd: 61\n',
  },
  {
    name: 'a time= that is not a ping rtt stays',
    before: 'ttl=64 time=5 s\nvalid_lft forever preferred_lft forever\n',
    after: 'ttl=64 time=5 s\nvalid_lft forever preferred_lft forever\n',
  },
];

describe('normalize', () => {
  it.each(cases)('$name', ({ before, after }) => {
    expect(normalize(before)).toBe(after);
  });

  it('is idempotent', () => {
    for (const { before } of cases) expect(normalize(normalize(before))).toBe(normalize(before));
  });
});
