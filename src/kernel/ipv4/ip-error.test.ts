import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { runScript } from '../../shell/run.js';

const hostYield = () => new Promise<void>((r) => setImmediate(r));

/** h1 -- r2, r2 forwards but has no route to 10.9.0.0/16; h1 counts the ICMP errors it gets. */
async function unreachablesFor(ratelimit: number): Promise<string> {
  let stdout = '';
  await runScript({
    world: new World(),
    source: `ip netns add h1
ip netns add r2
ip link add eth0 netns h1 type veth peer name eth0 netns r2
ip -n h1 addr add 10.0.1.2/24 dev eth0
ip -n r2 addr add 10.0.1.1/24 dev eth0
for ns in h1 r2; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done
ip netns exec r2 sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=${ratelimit}
ip -n h1 route add default via 10.0.1.1
ip netns exec h1 iptables -A INPUT -p icmp
for i in 1 2 3 4 5 6 7 8 9; do echo x | ip netns exec h1 nc -u -q0 10.9.9.9 99; done
ip netns exec h1 iptables -L INPUT -v -n -x | tail -n 1 | cut -c1-8
`,
    scriptName: 't.sh',
    args: [],
    stdout: { write: (t) => void (stdout += t) },
    stderr: { write: () => {} },
    cwd: process.cwd(),
    yieldToHost: hostYield,
  });
  return stdout.trim();
}

describe('ip_error', () => {
  it('answers a burst of five from a fresh peer when icmp_ratelimit=0 leaves the peer alone', async () => {
    expect(await unreachablesFor(0)).toBe('5');
  });

  it('shares the peer with icmp_send: the default limit charges it too (two answers)', async () => {
    expect(await unreachablesFor(1000)).toBe('2');
  });
});
