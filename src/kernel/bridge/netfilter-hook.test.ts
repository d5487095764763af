import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { runTool } from '../../tools/testing.js';
import { findCommand } from '../../tools/registry.js';
import type { Bridge } from '../link/bridge.js';
import type { Veth } from '../link/veth.js';

/** sw holds br0 (10.0.0.254) with ports sw-h1, sw-h2 to h1 (10.0.0.1) and h2 (10.0.0.2). */
async function lab() {
  const world = new World();
  for (const tool of ['ip', 'iptables', 'iptables-save', 'ping', 'sysctl', 'bridge', 'conntrack'])
    await findCommand(tool);
  const sh = async (...argv: string[]) => {
    const r = await runTool(world, argv);
    if (r.status !== 0 && !argv.includes('ping')) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    return r;
  };
  for (const ns of ['sw', 'h1', 'h2']) await sh('ip', 'netns', 'add', ns);
  await sh('ip', '-n', 'sw', 'link', 'add', 'br0', 'type', 'bridge');
  for (const i of [1, 2]) {
    await sh(
      'ip',
      '-n',
      'sw',
      'link',
      'add',
      `sw-h${i}`,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      `h${i}`,
    );
    await sh('ip', '-n', 'sw', 'link', 'set', `sw-h${i}`, 'master', 'br0', 'up');
    await sh('ip', '-n', `h${i}`, 'addr', 'add', `10.0.0.${i}/24`, 'dev', 'eth0');
    await sh('ip', '-n', `h${i}`, 'link', 'set', 'eth0', 'up');
  }
  await sh('ip', '-n', 'sw', 'addr', 'add', '10.0.0.254/24', 'dev', 'br0');
  await sh('ip', '-n', 'sw', 'link', 'set', 'br0', 'up');
  const sw = world.named.get('sw')!;
  /** iptables in sw. */
  const ipt = (...argv: string[]) => sh('ip', 'netns', 'exec', 'sw', 'iptables', ...argv);
  const ping = (from: string, to: string) =>
    sh('ip', 'netns', 'exec', from, 'ping', '-c', '1', '-W', '1', to);
  /** Packet counters of every rule of a table in sw, as `iptables-save -c` shows them. */
  const counts = async (table: string) =>
    (await sh('ip', 'netns', 'exec', 'sw', 'iptables-save', '-c', '-t', table)).stdout
      .split('\n')
      .filter((l) => l.startsWith('['))
      .map((l) => l.replace(/^\[(\d+):\d+\] -A (\S+) (.*)$/, '$2 $3 = $1'));
  return { world, sw, sh, ipt, ping, counts };
}

describe('br_netfilter hooks', () => {
  it('takes a bridged ping through PREROUTING, FORWARD and POSTROUTING with its ports', async () => {
    const { ipt, ping, counts } = await lab();
    for (const chain of ['PREROUTING', 'FORWARD', 'POSTROUTING']) {
      await ipt('-t', 'mangle', '-A', chain, '-m', 'physdev', '--physdev-in', 'sw-h1');
      await ipt('-t', 'mangle', '-A', chain, '-m', 'physdev', '--physdev-out', 'sw-h2');
    }
    await ipt('-A', 'FORWARD', '-i', 'br0', '-o', 'br0');
    expect((await ping('h1', '10.0.0.2')).status).toBe(0);
    expect(await counts('mangle')).toEqual([
      'PREROUTING -m physdev --physdev-in sw-h1 = 1',
      'PREROUTING -m physdev --physdev-out sw-h2 = 0',
      'FORWARD -m physdev --physdev-in sw-h1 = 1',
      'FORWARD -m physdev --physdev-out sw-h2 = 1',
      'POSTROUTING -m physdev --physdev-in sw-h1 = 1',
      'POSTROUTING -m physdev --physdev-out sw-h2 = 1',
    ]);
    expect(await counts('filter')).toEqual(['FORWARD -i br0 -o br0 = 2']);
  });

  it('stops a bridged ping dropped in FORWARD, not one to the bridge itself', async () => {
    const { ipt, ping } = await lab();
    await ipt('-P', 'FORWARD', 'DROP');
    expect((await ping('h1', '10.0.0.2')).status).toBe(1);
    expect((await ping('h1', '10.0.0.254')).status).toBe(0);
  });

  it('runs PREROUTING once for a frame the bridge passes up, and INPUT still sees its port', async () => {
    const { ipt, ping, counts } = await lab();
    await ipt('-t', 'mangle', '-A', 'PREROUTING', '-i', 'br0');
    await ipt('-t', 'mangle', '-A', 'PREROUTING', '-i', 'br0', '-j', 'MARK', '--set-mark', '7');
    await ipt(
      '-t',
      'mangle',
      '-A',
      'INPUT',
      '-m',
      'physdev',
      '--physdev-in',
      'sw-h1',
      '-m',
      'mark',
      '--mark',
      '7',
    );
    await ipt('-t', 'mangle', '-A', 'OUTPUT', '-m', 'physdev', '!', '--physdev-is-in');
    expect((await ping('h1', '10.0.0.254')).status).toBe(0);
    expect(await counts('mangle')).toEqual([
      'PREROUTING -i br0 = 1',
      'PREROUTING -i br0 -j MARK --set-xmark 0x7/0xffffffff = 1',
      'INPUT -m physdev --physdev-in sw-h1 -m mark --mark 0x7 = 1',
      'OUTPUT -m physdev ! --physdev-is-in = 1',
    ]);
  });

  it('skips iptables for bridged frames when bridge-nf-call-iptables is 0', async () => {
    const { sh, ipt, ping, counts } = await lab();
    await sh('ip', 'netns', 'exec', 'sw', 'sysctl', '-qw', 'net.bridge.bridge-nf-call-iptables=0');
    await ipt('-P', 'FORWARD', 'DROP');
    await ipt('-t', 'mangle', '-A', 'PREROUTING', '-m', 'physdev', '!', '--physdev-is-in');
    expect((await ping('h1', '10.0.0.2')).status).toBe(0);
    expect((await ping('h1', '10.0.0.254')).status).toBe(0);
    expect(await counts('mangle')).toEqual(['PREROUTING -m physdev ! --physdev-is-in = 1']);
  });

  it('drops in PREROUTING before the bridge learns the source', async () => {
    const { sh, sw, ipt, ping } = await lab();
    await ipt('-t', 'raw', '-A', 'PREROUTING', '-m', 'physdev', '--physdev-in', 'sw-h1', '-j', 'DROP');
    // No ARP from h1: only the dropped IPv4 frame could teach the bridge h1's MAC.
    const h2mac = (sw.linkByName('sw-h2') as Veth).peer.mac;
    await sh('ip', '-n', 'h1', 'neigh', 'add', '10.0.0.2', 'lladdr', h2mac, 'dev', 'eth0');
    expect((await ping('h1', '10.0.0.2')).status).toBe(1);
    const br = sw.linkByName('br0') as Bridge;
    expect(br.fdb.dump().filter((e) => !e.local)).toEqual([]);
  });

  it('keeps a DNAT to a host behind the bridge bridged: no TTL decrement, physdev-out set', async () => {
    const { sh, ipt, ping, counts } = await lab();
    await sh('ip', '-n', 'h1', 'route', 'add', 'default', 'via', '10.0.0.254');
    await sh('ip', 'netns', 'exec', 'sw', 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    await ipt(
      '-t',
      'nat',
      '-A',
      'PREROUTING',
      '-d',
      '10.96.0.10',
      '-j',
      'DNAT',
      '--to-destination',
      '10.0.0.2',
    );
    await ipt('-t', 'mangle', '-A', 'FORWARD', '-m', 'physdev', '--physdev-out', 'sw-h2');
    const first = await sh(
      'ip',
      'netns',
      'exec',
      'h1',
      'ping',
      '-c',
      '1',
      '-W',
      '1',
      '-t',
      '1',
      '10.96.0.10',
    );
    expect(first.stdout).toContain('64 bytes from 10.96.0.10: icmp_seq=1 ttl=64');
    expect((await ping('h1', '10.96.0.10')).status).toBe(0);
    expect(await counts('mangle')).toEqual(['FORWARD -m physdev --physdev-out sw-h2 = 2']);
  });

  it('drops a DNAT the input route refuses (forwarding off)', async () => {
    const { sh, ipt, ping } = await lab();
    await sh('ip', '-n', 'h1', 'route', 'add', 'default', 'via', '10.0.0.254');
    await ipt(
      '-t',
      'nat',
      '-A',
      'PREROUTING',
      '-d',
      '10.96.0.10',
      '-j',
      'DNAT',
      '--to-destination',
      '10.0.0.2',
    );
    expect((await ping('h1', '10.96.0.10')).status).toBe(1);
  });

  it('loses a DNAT back to the ingress port unless the port has hairpin on (then masquerade answers)', async () => {
    const { sh, ipt, ping, counts } = await lab();
    await sh('ip', '-n', 'h1', 'route', 'add', 'default', 'via', '10.0.0.254');
    await sh('ip', 'netns', 'exec', 'sw', 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    await ipt(
      '-t',
      'nat',
      '-A',
      'PREROUTING',
      '-d',
      '10.96.0.20',
      '-j',
      'DNAT',
      '--to-destination',
      '10.0.0.1',
    );
    await ipt('-t', 'nat', '-A', 'POSTROUTING', '-s', '10.0.0.1', '-d', '10.0.0.1', '-j', 'MASQUERADE');
    // Never confirmed, the flow is new again for every ping: each walks the nat table.
    expect((await ping('h1', '10.96.0.20')).status).toBe(1);
    expect((await ping('h1', '10.96.0.20')).status).toBe(1);
    expect(await counts('nat')).toEqual([
      'PREROUTING -d 10.96.0.20/32 -j DNAT --to-destination 10.0.0.1 = 2',
      'POSTROUTING -s 10.0.0.1/32 -d 10.0.0.1/32 -j MASQUERADE = 0',
    ]);
    await sh('bridge', '-n', 'sw', 'link', 'set', 'dev', 'sw-h1', 'hairpin', 'on');
    const r = await ping('h1', '10.96.0.20');
    expect(r.stdout).toContain('64 bytes from 10.96.0.20: icmp_seq=1 ttl=64');
    const ct = await sh('ip', 'netns', 'exec', 'sw', 'conntrack', '-L');
    expect(ct.stdout).toMatch(/src=10\.0\.0\.1 dst=10\.96\.0\.20 .* src=10\.0\.0\.1 dst=10\.0\.0\.254 /);
  });
});
