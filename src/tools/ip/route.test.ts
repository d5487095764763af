import { describe, expect, it } from 'vitest';
import { ipRoute } from './route.js';
import { ipRule } from './rule.js';
import { RouteLab } from './route-test-lab.js';

/** The reference lab of these tests (outputs recorded on Linux 6.x / iproute2 6.1). */
function lab(): RouteLab {
  const l = new RouteLab();
  const d0 = l.link('d0');
  const v0 = l.link('v0', false);
  l.addr('d0', '10.0.0.1/24');
  l.up(d0);
  l.addr('v0', '192.168.5.1/30');
  l.up(v0);
  return l;
}

describe('ip route', () => {
  it('shows kernel routes of addresses in main and local', async () => {
    const l = lab();
    expect((await l.run(ipRoute, '')).out).toBe(
      '10.0.0.0/24 dev d0 proto kernel scope link src 10.0.0.1 \n' +
        '192.168.5.0/30 dev v0 proto kernel scope link src 192.168.5.1 linkdown \n',
    );
    expect((await l.run(ipRoute, 'show table local')).out).toBe(
      'local 10.0.0.1 dev d0 proto kernel scope host src 10.0.0.1 \n' +
        'broadcast 10.0.0.255 dev d0 proto kernel scope link src 10.0.0.1 \n' +
        'local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 \n' +
        'broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1 \n' +
        'local 192.168.5.1 dev v0 proto kernel scope host src 192.168.5.1 \n' +
        'broadcast 192.168.5.3 dev v0 proto kernel scope link src 192.168.5.1 linkdown \n',
    );
  });

  it('keeps local routes but drops the rest when the device goes down', async () => {
    const l = lab();
    await l.run(ipRoute, 'add 172.16.0.0/16 via 10.0.0.2');
    await l.run(ipRoute, 'add 172.21.0.0/16 dev d0 proto dhcp scope host table 7');
    l.down(l.ns.linkByName('d0')!);
    expect((await l.run(ipRoute, 'show table all')).out).toBe(
      '172.21.0.0/16 dev d0 table 7 proto dhcp scope host \n' +
        '192.168.5.0/30 dev v0 proto kernel scope link src 192.168.5.1 linkdown \n' +
        'local 10.0.0.1 dev d0 table local proto kernel scope host src 10.0.0.1 \n' +
        'local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 \n' +
        'local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 \n' +
        'broadcast 127.255.255.255 dev lo table local proto kernel scope link src 127.0.0.1 \n' +
        'local 192.168.5.1 dev v0 table local proto kernel scope host src 192.168.5.1 \n' +
        'broadcast 192.168.5.3 dev v0 table local proto kernel scope link src 192.168.5.1 linkdown \n',
    );
    l.up(l.ns.linkByName('d0')!);
    expect((await l.run(ipRoute, '')).out).toBe(
      '10.0.0.0/24 dev d0 proto kernel scope link src 10.0.0.1 \n' +
        '192.168.5.0/30 dev v0 proto kernel scope link src 192.168.5.1 linkdown \n',
    );
  });

  it('orders aliases and applies add/prepend/append/replace/change/del', async () => {
    const l = lab();
    const cmds = [
      ['add 10.0.0.0/8 via 10.0.0.3', 0],
      ['add 10.0.0.0/16 via 10.0.0.3', 0],
      ['add 10.0.0.0/8 via 10.0.0.4 metric 5', 0],
      ['add 10.0.0.0/8 via 10.0.0.5 metric 5', 2],
      ['append 10.0.0.0/8 via 10.0.0.5 metric 5', 0],
      ['prepend 10.0.0.0/8 via 10.0.0.6 metric 5', 0],
      ['append 10.0.0.0/8 via 10.0.0.6 metric 5', 2],
      ['add 10.0.0.0/8 tos 0x10 via 10.0.0.7', 0],
    ] as const;
    for (const [c, status] of cmds) expect((await l.run(ipRoute, c)).status, c).toBe(status);
    expect((await l.run(ipRoute, 'add 10.0.0.0/8 via 10.0.0.5 metric 5')).err).toBe(
      'RTNETLINK answers: File exists\n',
    );
    expect((await l.run(ipRoute, 'show 10.0.0.0/8')).out).toBe(
      '10.0.0.0/8 tos 0x10 via 10.0.0.7 dev d0 \n' +
        '10.0.0.0/8 via 10.0.0.3 dev d0 \n' +
        '10.0.0.0/8 via 10.0.0.6 dev d0 metric 5 \n' +
        '10.0.0.0/8 via 10.0.0.4 dev d0 metric 5 \n' +
        '10.0.0.0/8 via 10.0.0.5 dev d0 metric 5 \n',
    );
    expect((await l.run(ipRoute, 'show via 10.0.0.5')).out).toBe('10.0.0.0/8 dev d0 metric 5 \n');
    expect((await l.run(ipRoute, 'change 10.0.0.0/8 via 10.0.0.9 metric 5')).status).toBe(0);
    expect((await l.run(ipRoute, 'change 11.0.0.0/8 via 10.0.0.9 metric 5')).err).toBe(
      'RTNETLINK answers: No such file or directory\n',
    );
    expect((await l.run(ipRoute, 'del 10.0.0.0/8 metric 5')).status).toBe(0);
    expect((await l.run(ipRoute, 'del 10.0.0.0/8 via 10.0.0.5')).status).toBe(0);
    expect((await l.run(ipRoute, 'del 10.0.0.0/8 via 10.0.0.5')).err).toBe(
      'RTNETLINK answers: No such process\n',
    );
    expect((await l.run(ipRoute, 'del 10.0.0.0/8')).status).toBe(0);
    expect((await l.run(ipRoute, '')).out).toBe(
      '10.0.0.0/24 dev d0 proto kernel scope link src 10.0.0.1 \n' +
        '10.0.0.0/16 via 10.0.0.3 dev d0 \n' +
        '10.0.0.0/8 tos 0x10 via 10.0.0.7 dev d0 \n' +
        '10.0.0.0/8 via 10.0.0.4 dev d0 metric 5 \n' +
        '192.168.5.0/30 dev v0 proto kernel scope link src 192.168.5.1 linkdown \n',
    );
  });

  it.each([
    ['add 1.2.3.0/24 via 99.0.0.1', 'Error: Nexthop has invalid gateway.\n', 2],
    ['add 1.2.3.0/24', 'RTNETLINK answers: No such device\n', 2],
    ['add foo dev d0', 'Error: any valid prefix is expected rather than "foo".\n', 1],
    ['add 1.2.3.0/24 dev nope', 'Cannot find device "nope"\n', 1],
    ['add 1.9.3.0/24 via foo', 'Error: inet address is expected rather than "foo".\n', 1],
    ['add 1.9.3.0/24 dev d0 metric x', 'Error: argument "x" is wrong: "metric" value is invalid\n\n', 255],
    ['add 1.9.3.0/24 dev d0 table x', 'Error: argument "x" is wrong: "table" value is invalid\n\n', 255],
    ['add 1.9.3.0/24 dev d0 scope x', 'Error: argument "x" is wrong: invalid "scope" value\n\n', 255],
    ['add 1.9.3.1/24 dev d0', 'Error: Invalid prefix for given prefix length.\n', 2],
    ['add 1.9.3.0/24 dev d0 src 8.8.8.8', 'Error: Invalid prefsrc address.\n', 2],
    ['add 1.9.4.0/24 dev d0 junk', 'Error: either "to" is duplicate, or "junk" is a garbage.\n', 255],
    ['add 1.9.4.0/24 via 10.0.0.2 dev v0', 'Error: Nexthop has invalid gateway.\n', 2],
    ['frob', 'Command "frob" is unknown, try "ip route help".\n', 255],
    [
      'add 1.9.5.0/24 dev d0 scope host via 10.0.0.2',
      'Error: Route with host scope can not have a gateway.\n',
      2,
    ],
    ['show table nope', 'Error: argument "nope" is wrong: table id value is invalid\n\n', 255],
    ['show table 555', 'Error: ipv4: FIB table does not exist.\nDump terminated\n', 2],
    ['flush', '"ip route flush" requires arguments.\n', 1],
    ['add 1.1.1.2 via 2.2.2.2 onlink', 'Error: Nexthop device required for onlink.\n', 2],
    ['add 1.1.1.3 via 10.0.0.1 dev d0 onlink', 'Error: Nexthop has invalid gateway.\n', 2],
    [
      'add blackhole 1.2.4.0/24 dev d0',
      'Error: Gateway, device and multipath can not be specified for this route type.\n',
      2,
    ],
    ['get foo', 'Error: any valid prefix is expected rather than "foo".\n', 1],
    ['get 1.2.3.4 bar', 'Error: inet prefix is expected rather than "bar".\n', 1],
    ['get', 'need at least a destination address\n', 1],
    ['get 8.8.8.8', 'RTNETLINK answers: Network is unreachable\n', 2],
    ['get 1.2.3.4 mark x', 'Error: argument "x" is wrong: invalid mark value\n', 255],
    ['add 1.2.6.0/24 via', 'Command line is not complete. Try option "help"\n', 255],
  ])('%s fails as iproute2 does', async (cmd, err, status) => {
    const l = lab();
    const r = await l.run(ipRoute, cmd);
    expect(r.err).toBe(err);
    expect(r.status).toBe(status);
  });

  it('prints route get for local, broadcast, on-link, gateway and error routes', async () => {
    const l = lab();
    for (const c of [
      'add 10.0.0.0/8 via 10.0.0.3',
      'add 172.16.0.0/16 via 10.0.0.2',
      'add blackhole 1.2.3.0/24',
      'add unreachable 1.2.4.0/24 metric 5',
      'add prohibit 1.2.5.0/24',
      'add throw 1.2.6.0/24',
    ]) {
      expect((await l.run(ipRoute, c)).status, c).toBe(0);
    }
    const cases: [string, string][] = [
      ['10.0.0.1', 'local 10.0.0.1 dev lo src 10.0.0.1 uid 0 \n    cache <local> \n'],
      ['10.0.0.7', '10.0.0.7 dev d0 src 10.0.0.1 uid 0 \n    cache \n'],
      ['172.16.3.4', '172.16.3.4 via 10.0.0.2 dev d0 src 10.0.0.1 uid 0 \n    cache \n'],
      ['127.1.2.3', 'local 127.1.2.3 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n'],
      ['10.0.0.255', 'broadcast 10.0.0.255 dev d0 src 10.0.0.1 uid 0 \n    cache <local,brd> \n'],
      ['0.0.0.0', 'local 0.0.0.0 dev lo src 127.0.0.1 uid 0 \n    cache <local> \n'],
      ['10.5.0.1', '10.5.0.1 via 10.0.0.3 dev d0 src 10.0.0.1 uid 0 \n    cache \n'],
      ['172.16.3.4 from 192.168.5.1', '172.16.3.4 from 192.168.5.1 via 10.0.0.2 dev d0 uid 0 \n    cache \n'],
      ['8.8.8.8 oif v0', '8.8.8.8 dev v0 src 192.168.5.1 uid 0 \n    cache \n'],
      ['172.16.3.4 mark 7', '172.16.3.4 via 10.0.0.2 dev d0 src 10.0.0.1 mark 7 uid 0 \n    cache \n'],
    ];
    for (const [args, out] of cases) expect((await l.run(ipRoute, `get ${args}`)).out, args).toBe(out);
    const errors: [string, string][] = [
      ['1.2.3.4', 'Invalid argument'],
      ['1.2.4.4', 'No route to host'],
      ['1.2.5.5', 'Permission denied'],
      ['1.2.6.6', 'Network is unreachable'],
      ['172.16.3.4 from 192.168.9.1', 'Network is unreachable'],
    ];
    for (const [args, msg] of errors)
      expect((await l.run(ipRoute, `get ${args}`)).err, args).toBe(`RTNETLINK answers: ${msg}\n`);
  });

  it('follows policy rules in route get', async () => {
    const l = new RouteLab();
    const d0 = l.link('d0');
    const v0 = l.link('v0', false);
    l.addr('d0', '10.0.0.1/24');
    l.addr('v0', '10.9.0.1/24');
    l.up(d0);
    l.up(v0);
    for (const c of [
      'add default via 10.9.0.2 table 100',
      'add default via 10.0.0.2',
      'add 8.8.0.0/16 via 10.9.0.3 table 101',
    ]) {
      expect((await l.run(ipRoute, c)).err, c).toBe('');
    }
    for (const c of [
      'add fwmark 0x10 lookup 100',
      'add from 10.0.0.1 lookup 101',
      'add iif lo to 7.7.7.0/24 unreachable',
      'add to 6.6.6.0/24 prohibit',
    ]) {
      expect((await l.run(ipRule, c)).err, c).toBe('');
    }
    expect((await l.run(ipRoute, 'get 8.8.8.8')).out).toBe(
      '8.8.8.8 via 10.0.0.2 dev d0 src 10.0.0.1 uid 0 \n    cache \n',
    );
    expect((await l.run(ipRoute, 'get 8.8.8.8 mark 16')).out).toBe(
      '8.8.8.8 via 10.9.0.2 dev v0 table 100 src 10.9.0.1 mark 0x10 uid 0 \n    cache \n',
    );
    expect((await l.run(ipRoute, 'get 8.8.8.8 from 10.0.0.1')).out).toBe(
      '8.8.8.8 from 10.0.0.1 via 10.9.0.3 dev v0 table 101 uid 0 \n    cache \n',
    );
    expect((await l.run(ipRoute, 'get 7.7.7.7')).err).toBe('RTNETLINK answers: Network is unreachable\n');
    expect((await l.run(ipRoute, 'get 6.6.6.6')).err).toBe('RTNETLINK answers: Permission denied\n');
    expect((await l.run(ipRoute, 'get 10.9.0.1 from 10.0.0.1')).out).toBe(
      'local 10.9.0.1 from 10.0.0.1 dev lo table local uid 0 \n    cache <local> \n',
    );
    expect((await l.run(ipRoute, 'get 10.9.0.5 oif d0')).out).toBe(
      '10.9.0.5 via 10.0.0.2 dev d0 src 10.0.0.1 uid 0 \n    cache \n',
    );
  });
});

describe('ip rule', () => {
  it('assigns priorities and prints every selector', async () => {
    const l = lab();
    const adds = [
      'from 10.0.0.0/8 lookup 100',
      'to 20.0.0.0/8 table 101',
      'fwmark 1 lookup 102',
      'fwmark 0x10/0xff lookup 103',
      'iif d0 lookup 104',
      'oif d0 lookup 105',
      'not from 1.2.3.4 lookup 106',
      'tos 0x10 lookup 107',
      'pref 100 from all lookup main',
      'priority 200 unreachable',
      'prio 300 prohibit',
      'pref 400 blackhole',
      'pref 500 from 1.1.1.1 goto 32766',
      'iif nosuch lookup 5',
      'from 2.2.2.6/24 lookup 9',
    ];
    for (const c of adds) expect((await l.run(ipRule, `add ${c}`)).err, c).toBe('');
    expect((await l.run(ipRule, 'add pref 100 from all lookup main')).err).toBe(
      'RTNETLINK answers: File exists\n',
    );
    expect((await l.run(ipRule, '')).out).toBe(
      [
        '0:\tfrom all lookup local',
        '98:\tfrom 2.2.2.6/24 lookup 9',
        '99:\tfrom all iif nosuch [detached] lookup 5',
        '100:\tfrom all lookup main',
        '200:\tfrom all unreachable',
        '300:\tfrom all prohibit',
        '400:\tfrom all blackhole',
        '500:\tfrom 1.1.1.1 goto 32766',
        '32758:\tfrom all tos 0x10 lookup 107',
        '32759:\tnot from 1.2.3.4 lookup 106',
        '32760:\tfrom all oif d0 lookup 105',
        '32761:\tfrom all iif d0 lookup 104',
        '32762:\tfrom all fwmark 0x10/0xff lookup 103',
        '32763:\tfrom all fwmark 0x1 lookup 102',
        '32764:\tfrom all to 20.0.0.0/8 lookup 101',
        '32765:\tfrom 10.0.0.0/8 lookup 100',
        '32766:\tfrom all lookup main',
        '32767:\tfrom all lookup default',
        '',
      ].join('\n'),
    );
    expect((await l.run(ipRule, 'del from 9.9.9.9')).err).toBe(
      'RTNETLINK answers: No such file or directory\n',
    );
    expect((await l.run(ipRule, 'del pref 32766')).status).toBe(0);
    expect((await l.run(ipRule, 'show pref 500')).out).toBe('500:\tfrom 1.1.1.1 goto 32766 [unresolved]\n');
    expect((await l.run(ipRule, 'flush')).status).toBe(0);
    expect((await l.run(ipRule, '')).out).toBe('0:\tfrom all lookup local\n');
  });

  it.each([
    ['add from foo lookup 1', 'Error: any valid prefix is expected rather than "foo".\n', 1],
    ['add frob', 'Error: argument "frob" is wrong: Failed to parse rule type\n', 255],
    ['add lookup x', 'Error: argument "x" is wrong: invalid table ID\n\n', 255],
    ['add pref x lookup 5', 'Error: argument "x" is wrong: preference value is invalid\n\n', 255],
    ['add fwmark x lookup 5', 'Error: argument "x" is wrong: fwmark value is invalid\n\n', 255],
    ['frob', 'Command "frob" is unknown, try "ip rule help".\n', 255],
    ['add', '"ip rule add" requires arguments.\n', 1],
  ])('%s fails as iproute2 does', async (cmd, err, status) => {
    const r = await lab().run(ipRule, cmd);
    expect(r.err).toBe(err);
    expect(r.status).toBe(status);
  });
});
