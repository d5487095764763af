import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { runTool } from '../../tools/testing.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { routeOutput } from './output.js';

async function host() {
  const w = new World();
  const ns = w.createNetns('a');
  for (const cmd of [
    'ip link set lo up',
    'ip link add va type veth peer name vb',
    'ip addr add 10.0.0.1/24 dev va',
    'ip link set va up',
  ])
    await runTool(w, cmd.split(' '), { netns: ns });
  return { w, ns };
}

describe('routeOutput', () => {
  it('refuses a 127/8 source on a route through another device (EINVAL)', async () => {
    const { w, ns } = await host();
    const lo = parseIPv4('127.0.0.1')!;
    expect(routeOutput(ns, { dst: parseIPv4('10.0.0.2')!, src: lo })).toEqual({ ok: false, error: 'EINVAL' });
    const local = routeOutput(ns, { dst: parseIPv4('10.0.0.1')!, src: lo });
    expect(local.ok && local.result.dev?.kind).toBe('loopback');
    const get = await runTool(w, ['ip', 'route', 'get', '10.0.0.2', 'from', '127.0.0.1'], { netns: ns });
    expect(get).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Invalid argument\n' });
  });

  it('lets a 127/8 source out with route_localnet on the device or on all', async () => {
    const { w, ns } = await host();
    const flow = { dst: parseIPv4('10.0.0.2')!, src: parseIPv4('127.0.0.1')! };
    await runTool(w, ['sysctl', '-qw', 'net.ipv4.conf.va.route_localnet=1'], { netns: ns });
    expect(routeOutput(ns, flow).ok).toBe(true);
    await runTool(
      w,
      ['sysctl', '-qw', 'net.ipv4.conf.va.route_localnet=0', 'net.ipv4.conf.all.route_localnet=1'],
      {
        netns: ns,
      },
    );
    expect(routeOutput(ns, flow).ok).toBe(true);
  });
});
