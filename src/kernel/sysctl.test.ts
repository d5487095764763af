import { describe, expect, test } from 'vitest';
import { World } from './world.js';
import { createVeth } from './link/ops.js';

function lab() {
  const world = new World();
  const ns = world.root;
  const [v0] = createVeth({ name: 'v0', peerName: 'v1', netns: ns, peerNetns: ns });
  return { ns, v0, s: ns.sysctl };
}

describe('sysctl', () => {
  test('fresh namespace defaults', () => {
    const { s } = lab();
    expect(s.get('net.ipv4.ip_forward')).toBe('0');
    expect(s.get('net.ipv4.conf.lo.disable_policy')).toBe('1');
    expect(s.get('net.ipv4.conf.v0.disable_policy')).toBe('0');
    expect(s.get('net.ipv4.neigh.v0.ucast_solicit')).toBe('3');
    expect(s.get('net.ipv4.neigh.default.ucast_solicit')).toBeUndefined();
    expect(s.get('net.ipv4.ip_local_port_range')).toBe('32768\t60999');
  });

  test("the neighbour tables' seconds and USER_HZ files are their _ms values, hidden from keys()", () => {
    const { s } = lab();
    expect(s.get('net.ipv4.neigh.v0.base_reachable_time')).toBe('30');
    expect(s.get('net.ipv6.neigh.v0.retrans_time')).toBe('100');
    s.set('net.ipv4.neigh.v0.retrans_time', '50');
    expect(s.get('net.ipv4.neigh.v0.retrans_time_ms')).toBe('500');
    s.set('net.ipv4.neigh.v0.base_reachable_time_ms', '1500');
    expect(s.get('net.ipv4.neigh.v0.base_reachable_time')).toBe('1');
    expect(s.keys()).not.toContain('net.ipv4.neigh.v0.retrans_time');
    expect(s.procKeys()).toContain('net.ipv4.neigh.v0.retrans_time');
    expect(s.get('net.ipv4.conf.v0.retrans_time')).toBeUndefined();
  });

  test('ip_forward is conf.all.forwarding and reaches every device', () => {
    const { s, v0 } = lab();
    s.set('net.ipv4.ip_forward', '1');
    expect(s.get('net.ipv4.conf.all.forwarding')).toBe('1');
    expect(s.get('net.ipv4.conf.default.forwarding')).toBe('1');
    expect(s.get('net.ipv4.conf.all.accept_redirects')).toBe('0');
    expect(s.ipv4Conf(v0, 'forwarding')).toBe(1);
  });

  test('default propagates to devices that never set the key', () => {
    const { s, ns } = lab();
    s.set('net.ipv4.conf.v1.rp_filter', '0');
    s.set('net.ipv4.conf.default.rp_filter', '2');
    expect(s.get('net.ipv4.conf.v0.rp_filter')).toBe('2');
    expect(s.get('net.ipv4.conf.v1.rp_filter')).toBe('0');
    expect(ns.linkByName('v0')).toBeDefined();
  });

  test.each([
    { key: 'rp_filter', all: '2', dev: '1', want: 2 },
    { key: 'accept_local', all: '0', dev: '1', want: 1 },
    { key: 'arp_ignore', all: '1', dev: '2', want: 2 },
    { key: 'forwarding', all: '1', dev: '0', want: 0 },
  ])('ipv4Conf $key combines all=$all dev=$dev', ({ key, all, dev, want }) => {
    const { s, v0 } = lab();
    s.set(`net.ipv4.conf.all.${key}`, all);
    s.set(`net.ipv4.conf.v0.${key}`, dev);
    expect(s.ipv4Conf(v0, key)).toBe(want);
  });

  test.each([
    { value: 'abc', ok: false },
    { value: '1x', ok: false },
    { value: '', ok: false },
    { value: ' 1', ok: true },
    { value: '0x1', ok: true },
    { value: '-1', ok: true },
  ])('writing "$value" to an int', ({ value, ok }) => {
    const { s } = lab();
    const write = () => s.set('net.ipv4.icmp_ratelimit', value);
    if (ok) expect(write).not.toThrow();
    else expect(write).toThrow(expect.objectContaining({ code: 'EINVAL' }));
  });

  test('unknown key is ENOENT; device keys follow renames and vanish with the device', () => {
    const { s, v0 } = lab();
    expect(() => s.set('net.ipv4.nope', '1')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    v0.name = 'x0';
    expect(s.get('net.ipv4.conf.x0.forwarding')).toBe('0');
    expect(s.get('net.ipv4.conf.v0.forwarding')).toBeUndefined();
  });

  test('each namespace writes its own copy of the defaults it shares with the others', () => {
    const world = new World();
    const a = world.createNetns('a').sysctl;
    const b = world.createNetns('b').sysctl;
    a.set('net.ipv4.ip_local_port_range', '1024 2048');
    a.set('net.ipv4.conf.all.rp_filter', '2');
    expect(b.get('net.ipv4.ip_local_port_range')).toBe('32768\t60999');
    expect(b.get('net.ipv4.conf.all.rp_filter')).toBe('0');
    expect(new World().root.sysctl.get('net.ipv4.conf.all.rp_filter')).toBe('0');
  });

  test('a device copies default when it appears: later writes on either side stay apart', () => {
    const { s, ns } = lab();
    s.set('net.ipv6.conf.default.hop_limit', '10');
    expect(s.get('net.ipv6.conf.v0.hop_limit')).toBe('64');
    const [v2] = createVeth({ name: 'v2', peerName: 'v3', netns: ns, peerNetns: ns });
    expect(s.get('net.ipv6.conf.v2.hop_limit')).toBe('10');
    s.set('net.ipv6.conf.v2.hop_limit', '20');
    expect(s.get('net.ipv6.conf.v3.hop_limit')).toBe('10');
    expect(s.get('net.ipv6.conf.default.hop_limit')).toBe('10');
    expect(v2.name).toBe('v2');
  });
});
