import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { findCommand } from '../../tools/registry.js';
import { runTool } from '../../tools/testing.js';

beforeAll(async () => {
  for (const c of ['ip', 'iptables', 'ping']) await findCommand(c);
});

/** The initial namespace with 10.0.0.1/24 on a veth (lo down), and `rules` in nat OUTPUT. */
async function host(rules: string[][]): Promise<World> {
  const w = new World();
  for (const argv of [
    ['ip', 'link', 'add', 'va', 'type', 'veth', 'peer', 'name', 'vb'],
    ['ip', 'addr', 'add', '10.0.0.1/24', 'dev', 'va'],
    ['ip', 'link', 'set', 'va', 'up'],
    ...rules.map((r) => ['iptables', '-t', 'nat', '-A', 'OUTPUT', ...r]),
  ])
    expect((await runTool(w, argv)).status).toBe(0);
  return w;
}

describe('ip_local_out: a re-route after NAT that fails', () => {
  it.each([
    { name: 'DNAT to 127.0.0.1 while lo is down', to: '127.0.0.1' },
    { name: 'DNAT to an address without a route', to: '192.0.2.1' },
  ])('drops the packet without an error to the sender: $name', async ({ to }) => {
    const w = await host([['-d', '10.0.0.2', '-j', 'DNAT', '--to-destination', to]]);
    const out = await runTool(w, ['ping', '-c', '1', '-W', '1', '10.0.0.2']);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('1 packets transmitted, 0 received, 100% packet loss');
    expect(out.status).toBe(1);
  });

  it('delivers through lo once it is up, the reply un-NATed', async () => {
    const w = await host([['-d', '10.0.0.2', '-j', 'DNAT', '--to-destination', '127.0.0.1']]);
    expect((await runTool(w, ['ip', 'link', 'set', 'lo', 'up'])).status).toBe(0);
    const out = await runTool(w, ['ping', '-c', '1', '10.0.0.2']);
    expect(out.stdout).toMatch(/^64 bytes from 10\.0\.0\.2: icmp_seq=1 ttl=64 time=[\d.]+ ms$/m);
  });
});
