import { describe, expect, it } from 'vitest';
import { Lab, ip } from './test-lab.js';
import { routeInputSlow } from './route-input.js';
import type { InputRoute } from './route-input.js';

/** r: eth0 10.0.0.254/24 (peer h), eth1 10.1.0.254/24, 10.99.0.0/16 via 10.1.0.1 on eth1. */
function router(sysctls: Record<string, number> = {}) {
  const lab = new Lab();
  const [eth0] = lab.wire('r', 'eth0', 'h', 'eth0');
  const [eth1] = lab.wire('r', 'eth1', 'h2', 'eth0');
  const r = lab.host('r');
  r.addAddr(eth0, '10.0.0.254/24');
  r.addAddr(eth1, '10.1.0.254/24');
  r.route('10.99.0.0/16', { via: '10.1.0.1' });
  r.route('10.50.0.0/16', { dev: eth1, type: 'unreachable' });
  for (const [k, v] of Object.entries(sysctls)) r.set(k, v);
  return { r, eth0 };
}

const summary = (route: InputRoute): string =>
  route.kind === 'error'
    ? `${route.martian ? 'martian' : 'error'} ${route.error}`
    : route.kind === 'local'
      ? route.broadcast
        ? 'local brd'
        : 'local'
      : `forward ${route.res.dev?.name}${route.redirect ? ' redirect' : ''}`;

const FWD = { 'net.ipv4.ip_forward': 1 };

const cases: { name: string; src: string; dst: string; sysctls?: Record<string, number>; want: string }[] = [
  { name: 'loopback source', src: '127.0.0.1', dst: '10.1.0.5', sysctls: FWD, want: 'martian EINVAL' },
  {
    name: 'route_localnet: 127.0.0.1 is still our own address',
    src: '127.0.0.1',
    dst: '10.1.0.5',
    sysctls: { ...FWD, 'net.ipv4.conf.all.route_localnet': 1 },
    want: 'martian EINVAL',
  },
  {
    name: 'route_localnet and accept_local',
    src: '127.0.0.1',
    dst: '10.1.0.5',
    sysctls: { ...FWD, 'net.ipv4.conf.all.route_localnet': 1, 'net.ipv4.conf.eth0.accept_local': 1 },
    want: 'forward eth1',
  },
  {
    name: 'route_localnet, foreign loopback source',
    src: '127.0.0.9',
    dst: '10.1.0.5',
    sysctls: { ...FWD, 'net.ipv4.conf.all.route_localnet': 1 },
    want: 'forward eth1',
  },
  { name: 'loopback destination', src: '10.0.0.1', dst: '127.0.0.1', want: 'martian EINVAL' },
  { name: 'multicast source', src: '224.0.0.1', dst: '10.1.0.5', sysctls: FWD, want: 'martian EINVAL' },
  { name: 'limited broadcast source', src: '255.255.255.255', dst: '10.1.0.5', want: 'martian EINVAL' },
  { name: 'zero source', src: '0.0.0.0', dst: '10.1.0.5', sysctls: FWD, want: 'martian EINVAL' },
  {
    name: 'our own address as source',
    src: '10.0.0.254',
    dst: '10.1.0.5',
    sysctls: FWD,
    want: 'martian EINVAL',
  },
  {
    name: 'own source with accept_local',
    src: '10.0.0.254',
    dst: '10.1.0.5',
    sysctls: { ...FWD, 'net.ipv4.conf.eth0.accept_local': 1 },
    want: 'forward eth1',
  },
  { name: 'local address', src: '10.0.0.1', dst: '10.1.0.254', want: 'local' },
  { name: 'subnet broadcast', src: '10.0.0.1', dst: '10.0.0.255', want: 'local brd' },
  { name: 'limited broadcast', src: '10.0.0.1', dst: '255.255.255.255', want: 'local brd' },
  { name: 'forwarding off', src: '10.0.0.1', dst: '10.1.0.5', want: 'error EHOSTUNREACH' },
  { name: 'forwarding off, no route', src: '10.0.0.1', dst: '172.16.0.1', want: 'error EHOSTUNREACH' },
  { name: 'forwarding on', src: '10.0.0.1', dst: '10.1.0.5', sysctls: FWD, want: 'forward eth1' },
  { name: 'no route', src: '10.0.0.1', dst: '172.16.0.1', sysctls: FWD, want: 'error ENETUNREACH' },
  { name: 'unreachable route', src: '10.0.0.1', dst: '10.50.0.1', sysctls: FWD, want: 'error EHOSTUNREACH' },
  {
    name: 'back out the same device',
    src: '10.0.0.1',
    dst: '10.0.0.7',
    sysctls: FWD,
    want: 'forward eth0 redirect',
  },
  {
    name: 'send_redirects off on all but on for the device',
    src: '10.0.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.all.send_redirects': 0 },
    want: 'forward eth0 redirect',
  },
  {
    name: 'send_redirects off on both',
    src: '10.0.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.all.send_redirects': 0, 'net.ipv4.conf.eth0.send_redirects': 0 },
    want: 'forward eth0',
  },
  {
    name: 'rp_filter 0 accepts an asymmetric source',
    src: '10.99.0.1',
    dst: '10.0.0.7',
    sysctls: FWD,
    want: 'forward eth0',
  },
  {
    name: 'rp_filter 1 drops it',
    src: '10.99.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.all.rp_filter': 1 },
    want: 'martian EINVAL',
  },
  {
    name: 'rp_filter 1 on the device only',
    src: '10.99.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.eth0.rp_filter': 1 },
    want: 'martian EINVAL',
  },
  {
    name: 'rp_filter 2 accepts any route back',
    src: '10.99.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.all.rp_filter': 2 },
    want: 'forward eth0',
  },
  {
    name: 'rp_filter 2 without any route back',
    src: '172.16.0.1',
    dst: '10.0.0.7',
    sysctls: { ...FWD, 'net.ipv4.conf.all.rp_filter': 2 },
    want: 'martian EINVAL',
  },
  {
    name: 'rp_filter 1 on the right side',
    src: '10.0.0.1',
    dst: '10.1.0.5',
    sysctls: { ...FWD, 'net.ipv4.conf.all.rp_filter': 1 },
    want: 'forward eth1',
  },
  {
    name: 'rp_filter 1 to a local address',
    src: '10.99.0.1',
    dst: '10.0.0.254',
    sysctls: { 'net.ipv4.conf.all.rp_filter': 1 },
    want: 'martian EINVAL',
  },
];

describe('ip_route_input_slow', () => {
  it.each(cases)('$name', ({ src, dst, sysctls, want }) => {
    const { r, eth0 } = router(sysctls);
    expect(summary(routeInputSlow(r.ns, { src: ip(src), dst: ip(dst), iif: eth0 }))).toBe(want);
  });

  it.each(cases)('routesLocal agrees with routeInput: $name', ({ src, dst, sysctls }) => {
    const { r, eth0 } = router(sysctls);
    const flow = { src: ip(src), dst: ip(dst), iif: eth0 };
    const route = r.ns.ipv4.routeInput(flow);
    expect(r.ns.ipv4.routesLocal(flow)).toBe(route.ok && route.result.type === 'local');
  });

  it('routeInput reports local delivery through lo with cache flags', () => {
    const { r, eth0 } = router();
    const res = r.ns.ipv4.routeInput({ src: ip('10.0.0.1'), dst: ip('10.0.0.255'), iif: eth0 });
    expect(res.ok && [res.result.type, res.result.dev?.name, res.result.cacheFlags]).toEqual([
      'broadcast',
      'lo',
      ['local', 'brd'],
    ]);
  });
});
