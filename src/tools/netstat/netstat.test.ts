import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { addSocketOwner } from '../../kernel/socket/owner.js';

async function world() {
  const w = new World();
  const ns = w.createNetns('a');
  for (const cmd of [
    'ip link add va type veth peer name vb',
    'ip addr add 10.0.0.1/24 dev va',
    'ip link set va up',
    'ip link set vb up',
    'ip route add default via 10.0.0.2',
    'ip route add unreachable 10.9.0.0/16',
  ])
    await runTool(w, cmd.split(' '), { netns: ns });
  return { w, ns, run: (...args: string[]) => runTool(w, ['netstat', ...args], { netns: ns }) };
}

describe('netstat', () => {
  it('prints the main routing table with reject routes as ! rows', async () => {
    const { run } = await world();
    expect((await run('-rn')).stdout).toBe(
      'Kernel IP routing table\n' +
        'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' +
        '0.0.0.0         10.0.0.2        0.0.0.0         UG        0 0          0 va\n' +
        '10.0.0.0        0.0.0.0         255.255.255.0   U         0 0          0 va\n' +
        '10.9.0.0        -               255.255.0.0     !         - -          - -\n',
    );
    expect((await run('-r')).stdout).toContain('\ndefault         10.0.0.2');
  });

  it('shows listeners only with -l and their owner with -p', async () => {
    const { ns, run } = await world();
    const s = new TcpSocket(ns);
    s.bind(0, 80);
    s.listen(1);
    addSocketOwner(s, { comm: 'nc', pid: 42, fd: 3 });
    const u = new UdpSocket(ns);
    u.bind(0, 53);
    expect((await run('-tuln')).stdout).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \n' +
        'udp        0      0 0.0.0.0:53              0.0.0.0:*                          \n',
    );
    expect((await run('-tlnp')).stdout).toContain('LISTEN      42/nc               \n');
    expect((await run('-tn')).stdout.split('\n')).toHaveLength(3);
  });

  it("-e adds the User (root, or 0 with -n) and Inode columns before -p's", async () => {
    const { ns, run } = await world();
    const s = new TcpSocket(ns);
    s.bind(0, 80);
    s.listen(1);
    addSocketOwner(s, { comm: 'nc', pid: 42, fd: 3 });
    const out = (await run('-tlnep')).stdout.split('\n');
    expect(out[1]).toBe(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name    ',
    );
    expect(out[2]).toMatch(/^tcp .* LISTEN {6}0 {10}\d+ +42\/nc +$/);
    expect((await run('-tle')).stdout).toContain('LISTEN      root       ');
  });

  it('counts packets per up interface, sorted by name', async () => {
    const { run } = await world();
    const out = (await run('-i')).stdout.split('\n');
    expect(out[2]).toMatch(/^va {15}1500 +0 +0 +0 0 +0 +0 +0 +0 BMRU$/);
    expect(out[3]).toMatch(/^vb /);
  });

  it('exits 3 with usage on a bad option', async () => {
    const { run } = await world();
    const r = await run('-Q');
    expect(r.status).toBe(3);
    expect(r.stderr.startsWith("netstat: invalid option -- 'Q'\nusage: netstat")).toBe(true);
  });
});
