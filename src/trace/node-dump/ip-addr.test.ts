import { describe, expect, it } from 'vitest';
import { parseIpAddrJson } from './ip-addr-json.js';
import { parseIpAddrText } from './ip-addr-text.js';
import { DumpError } from './error.js';

/** `ip -d -j addr` of a router namespace on Linux 6.x (iproute2 6.x), trimmed. */
const JSON_DUMP = JSON.stringify([
  {
    ifindex: 1,
    ifname: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    mtu: 65536,
    link_type: 'loopback',
    address: '00:00:00:00:00:00',
    addr_info: [
      { family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo' },
      { family: 'inet6', local: '::1', prefixlen: 128, scope: 'host' },
    ],
  },
  {
    ifindex: 3,
    link_index: 2,
    ifname: 'eth1',
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1450,
    link_type: 'ether',
    address: '96:7b:8c:22:7e:a4',
    linkinfo: { info_kind: 'veth' },
    addr_info: [
      {
        family: 'inet',
        local: '10.0.2.1',
        prefixlen: 24,
        broadcast: '10.0.2.255',
        scope: 'global',
        label: 'eth1',
      },
      { family: 'inet', local: '10.0.2.9', prefixlen: 24, scope: 'global', secondary: true, label: 'eth1' },
    ],
  },
]);

const TEXT_DUMP = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
3: eth1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000
    link/ether 96:7b:8c:22:7e:a4 brd ff:ff:ff:ff:ff:ff link-netns h2
    inet 10.0.2.1/24 brd 10.0.2.255 scope global eth1
       valid_lft forever preferred_lft forever
    inet 10.0.2.9/24 scope global secondary eth1
       valid_lft forever preferred_lft forever
4: tun0: <POINTOPOINT,NOARP> mtu 1400 qdisc noop state DOWN group default qlen 500
    link/none 
    inet 10.8.0.1 peer 10.8.0.2/32 scope global tun0:1
`;

const EXPECTED_ETH1 = {
  name: 'eth1',
  mtu: 1450,
  mac: '96:7b:8c:22:7e:a4',
  up: true,
  loopback: false,
  addrs: [
    expect.objectContaining({ local: '10.0.2.1', prefixlen: 24, broadcast: '10.0.2.255', scope: 'global' }),
    expect.objectContaining({ local: '10.0.2.9', prefixlen: 24, scope: 'global', label: 'eth1' }),
  ],
};

function errorOf(fn: () => unknown): DumpError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DumpError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('ip -j addr', () => {
  it('gives each interface its name, MTU, MAC, state and IPv4 addresses (IPv6 left out)', () => {
    const links = parseIpAddrJson(JSON_DUMP);
    expect(links.map((l) => l.name)).toEqual(['lo', 'eth1']);
    expect(links[0]).toMatchObject({
      loopback: true,
      mac: null,
      addrs: [{ local: '127.0.0.1', scope: 'host' }],
    });
    expect(links[1]).toMatchObject({ ...EXPECTED_ETH1, kind: 'veth' });
  });

  it('names the line of a JSON syntax error', () => {
    const e = errorOf(() => parseIpAddrJson('[\n{"ifname": "eth0",\n "mtu": }\n]'));
    expect(e.file).toBe('ip-addr.json');
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/^ip-addr\.json:3: not JSON/);
  });

  it('refuses an interface without a name or an address without a prefix length', () => {
    expect(errorOf(() => parseIpAddrJson('[{"mtu": 1500}]')).message).toBe(
      'ip-addr.json:1: interface #1: no "ifname"',
    );
    const bad = JSON.stringify([
      { ifname: 'eth0', mtu: 1500, addr_info: [{ family: 'inet', local: '10.0.0.1' }] },
    ]);
    expect(errorOf(() => parseIpAddrJson(bad)).message).toBe(
      'ip-addr.json:1: eth0: address #1: bad or missing "prefixlen"',
    );
  });
});

describe('ip addr (text)', () => {
  it('reads the same interfaces as the JSON form, peer addresses and labels too', () => {
    const links = parseIpAddrText(TEXT_DUMP);
    expect(links.map((l) => l.name)).toEqual(['lo', 'eth1', 'tun0']);
    expect(links[1]).toMatchObject({ ...EXPECTED_ETH1, line: 7 });
    expect(links[2]).toMatchObject({
      up: false,
      mac: null,
      addrs: [{ local: '10.8.0.1', peer: '10.8.0.2', prefixlen: 32, label: 'tun0:1', line: 15 }],
    });
  });

  it('names the line that is not an interface or has a bad address', () => {
    expect(errorOf(() => parseIpAddrText('eth0 mtu 1500\n')).message).toBe(
      'ip-addr.txt:1: not an interface line: "eth0 mtu 1500"',
    );
    const bad = TEXT_DUMP.replace('inet 10.0.2.9/24', 'inet 10.0.2.x/24');
    expect(errorOf(() => parseIpAddrText(bad)).message).toBe(
      'ip-addr.txt:11: eth1: bad address "10.0.2.x/24"',
    );
    const junk = TEXT_DUMP.replace('scope global secondary eth1', 'scope global wobble eth1');
    expect(errorOf(() => parseIpAddrText(junk)).message).toBe('ip-addr.txt:11: eth1: unexpected "wobble"');
  });
});
