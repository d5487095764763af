import { describe, expect, it } from 'vitest';
import { parseIpRoute } from './ip-route.js';
import { parseIpRule } from './ip-rule.js';
import { dumpErrorOf } from './testing.js';

/** `ip route show table all` of a router namespace (Linux 6.x), IPv6 lines included. */
const ROUTES = `10.9.0.0/16 via 10.0.2.2 dev eth1 table 100 
default via 10.0.1.254 dev eth0 proto static metric 100 linkdown 
10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1 
blackhole 10.66.0.0/16 
10.50.0.0/16 proto static 
	nexthop via 10.0.1.7 dev eth0 weight 1 dead 
	nexthop via 10.0.2.7 dev eth1 weight 1 
local 10.0.1.1 dev eth0 table local proto kernel scope host src 10.0.1.1 
broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.1 
fe80::/64 dev eth0 proto kernel metric 256 pref medium
multicast ff00::/8 dev eth0 table local proto kernel metric 256 pref medium
`;

describe('ip route show table all', () => {
  it('turns each IPv4 route into ip route arguments, without what ip only reports', () => {
    const routes = parseIpRoute(ROUTES);
    expect(routes.map((r) => [r.line, r.argv.join(' '), r.kernel])).toEqual([
      [1, '10.9.0.0/16 via 10.0.2.2 dev eth1 table 100', false],
      [2, 'default via 10.0.1.254 dev eth0 proto static metric 100', false],
      [3, '10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1', true],
      [4, 'blackhole 10.66.0.0/16', false],
      [
        5,
        '10.50.0.0/16 proto static nexthop via 10.0.1.7 dev eth0 weight 1 nexthop via 10.0.2.7 dev eth1 weight 1',
        false,
      ],
      [8, 'local 10.0.1.1 dev eth0 table local proto kernel scope host src 10.0.1.1', true],
      [9, 'broadcast 10.0.1.255 dev eth0 table local proto kernel scope link src 10.0.1.1', true],
    ]);
  });

  it('names the line of a bad destination, gateway or missing value', () => {
    expect(dumpErrorOf(() => parseIpRoute('10.0.0.0/8 dev eth0\n10.0.0.300/8 dev eth0\n')).message).toBe(
      'ip-route.txt:2: bad destination "10.0.0.300/8"',
    );
    expect(dumpErrorOf(() => parseIpRoute('\n\ndefault via gw dev eth0\n')).message).toBe(
      'ip-route.txt:3: bad gateway "gw"',
    );
    expect(dumpErrorOf(() => parseIpRoute('default via 10.0.0.1 dev\n')).message).toBe(
      'ip-route.txt:1: "dev" needs a value',
    );
    expect(dumpErrorOf(() => parseIpRoute('\tnexthop via 10.0.0.1\n')).message).toBe(
      'ip-route.txt:1: indented line before any route',
    );
  });
});

describe('ip rule', () => {
  it('keeps each rule with its preference, iif detached or not', () => {
    const rules = parseIpRule(
      '0:\tfrom all lookup local\n100:\tfrom 10.0.1.0/24 iif eth9 [detached] lookup 100\n32766:\tfrom all lookup main\n',
    );
    expect(rules.map((r) => r.argv.join(' '))).toEqual([
      'pref 0 from all lookup local',
      'pref 100 from 10.0.1.0/24 iif eth9 lookup 100',
      'pref 32766 from all lookup main',
    ]);
  });

  it('names a line that is not PREF: SELECTOR ACTION', () => {
    expect(dumpErrorOf(() => parseIpRule('0:\tfrom all lookup local\nfrom all lookup main\n')).message).toBe(
      'ip-rule.txt:2: not a rule line (PREF: SELECTOR ACTION): "from all lookup main"',
    );
  });
});
