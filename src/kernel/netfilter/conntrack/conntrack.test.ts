import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { runTool } from '../../../tools/testing.js';
import { findCommand } from '../../../tools/registry.js';
import { kernelLog } from '../../printk.js';
import { conntrackTable } from './table.js';
import { ctDump } from './api.js';

/** a (10.0.0.1) -- b (10.0.0.2) on a veth pair, b with a conntrack user. */
async function pair(rule: string[] = ['-A', 'INPUT', '-m', 'state', '--state', 'NEW,ESTABLISHED']) {
  const world = new World();
  // `ip netns exec` loads its child's module while the clock runs: load them first.
  for (const tool of ['ip', 'iptables', 'iptables-save', 'ping', 'conntrack']) await findCommand(tool);
  const sh = async (...argv: string[]) => {
    const r = await runTool(world, argv);
    if (r.status !== 0 && !argv.includes('ping')) throw new Error(`${argv.join(' ')}: ${r.stderr}`);
    return r;
  };
  await sh('ip', 'netns', 'add', 'a');
  await sh('ip', 'netns', 'add', 'b');
  await sh('ip', 'link', 'add', 'eth0', 'netns', 'a', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', 'b');
  for (const [ns, addr] of [
    ['a', '10.0.0.1/24'],
    ['b', '10.0.0.2/24'],
  ]) {
    await sh('ip', '-n', ns, 'addr', 'add', addr, 'dev', 'eth0');
    await sh('ip', '-n', ns, 'link', 'set', 'eth0', 'up');
    await sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
  }
  await sh('ip', 'netns', 'exec', 'b', 'iptables', ...rule);
  const b = world.named.get('b')!;
  return { world, sh, b };
}

describe('conntrack', () => {
  it('tracks a ping as one ICMP flow that saw its reply', async () => {
    const { sh, b } = await pair();
    await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '2', '-i', '0.2', '10.0.0.2');
    const [e] = ctDump(b);
    expect(ctDump(b)).toHaveLength(1);
    expect(e.protoName).toBe('icmp');
    expect(e.timeout).toBe(29);
    const list = await sh('ip', 'netns', 'exec', 'b', 'conntrack', '-L');
    expect(list.stdout).toMatch(
      /^icmp {5}1 29 src=10\.0\.0\.1 dst=10\.0\.0\.2 type=8 code=0 id=\d+ src=10\.0\.0\.2 dst=10\.0\.0\.1 type=0 code=0 id=\d+ mark=0 use=1\n$/,
    );
    expect(list.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n');
  });

  it('lets an entry expire on the virtual clock after nf_conntrack_icmp_timeout', async () => {
    const { world, sh, b } = await pair();
    await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '1', '10.0.0.2');
    world.clock.advanceTo(world.clock.now + 29_000);
    expect(ctDump(b)).toHaveLength(1);
    world.clock.advanceTo(world.clock.now + 1_000);
    expect(ctDump(b)).toHaveLength(0);
    expect(b.sysctl.get('net.netfilter.nf_conntrack_count')).toBe('0');
  });

  it('does not track in a namespace where nothing needs conntrack', async () => {
    const { sh, b } = await pair(['-A', 'INPUT', '-p', 'icmp']);
    await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '1', '10.0.0.2');
    expect(ctDump(b)).toHaveLength(0);
  });

  it('drops new flows over nf_conntrack_max with the kernel warning', async () => {
    const { world, sh, b } = await pair();
    conntrackTable(b).limit = 1;
    await sh('ip', 'netns', 'exec', 'b', 'ping', '-c', '1', '127.0.0.1');
    const r = await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '1', '-W', '1', '10.0.0.2');
    expect(r.status).toBe(1);
    expect(ctDump(b)).toHaveLength(1);
    expect(
      kernelLog(world)
        .list()
        .map((l) => l.text),
    ).toContain('nf_conntrack: table full, dropping packet');
  });

  it('leaves a nat chain without a conntrack reference unwalked', async () => {
    const { sh, b } = await pair(['-t', 'nat', '-A', 'PREROUTING', '-p', 'icmp', '-j', 'ACCEPT']);
    await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '2', '-i', '0.2', '10.0.0.2');
    const save = await sh('ip', 'netns', 'exec', 'b', 'iptables-save', '-c', '-t', 'nat');
    expect(save.stdout).toContain('[0:0] -A PREROUTING -p icmp -j ACCEPT');
    expect(ctDump(b)).toHaveLength(0);
  });

  it("makes only a flow's first packet walk the nat table", async () => {
    const { sh, b } = await pair(['-t', 'nat', '-A', 'PREROUTING', '-p', 'icmp', '-j', 'ACCEPT']);
    // The nat chain alone takes no conntrack reference: a conntrack match does.
    await sh('ip', 'netns', 'exec', 'b', 'iptables', '-A', 'INPUT', '-m', 'state', '--state', 'NEW');
    await sh('ip', 'netns', 'exec', 'a', 'ping', '-c', '3', '-i', '0.2', '10.0.0.2');
    const save = await sh('ip', 'netns', 'exec', 'b', 'iptables-save', '-c', '-t', 'nat');
    expect(save.stdout).toContain('[1:84] -A PREROUTING -p icmp -j ACCEPT');
    expect(ctDump(b)).toHaveLength(1);
  });
});
