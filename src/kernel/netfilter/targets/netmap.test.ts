import { describe, expect, it } from 'vitest';
import { runTestScript } from '../../../shell/testing.js';

/** a -- r -- b; r maps 172.16.1.0/24 onto b's network and a's network onto 192.168.7.0/24. */
async function run(): Promise<string> {
  const { stdout } = await runTestScript(`for n in a r b; do ip netns add $n; done
ip link add va netns a type veth peer name ra netns r
ip link add rb netns r type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n r addr add 10.0.0.2/24 dev ra
ip -n r addr add 10.0.1.1/24 dev rb
ip -n b addr add 10.0.1.2/24 dev vb
for l in a/va r/ra r/rb b/vb; do ip -n \${l%/*} link set \${l#*/} up; done
ip -n a route add default via 10.0.0.2
ip -n b route add default via 10.0.1.1
ip netns exec r sysctl -qw net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A PREROUTING -d 172.16.1.0/24 -j NETMAP --to 10.0.1.0/24
ip netns exec r iptables -t nat -A POSTROUTING -o rb -j NETMAP --to 192.168.7.0/24
ip netns exec b iptables -A INPUT -s 192.168.7.1 -d 10.0.1.2
ip netns exec a ping -c 1 -W 1 172.16.1.2 | grep -o 'from [0-9.]*'
ip netns exec b iptables -L INPUT -v -n -x | tail -n 1 | cut -c1-8
`);
  return stdout.replace(/ +/g, ' ').trim();
}

describe('NETMAP target (netmap_tg4)', () => {
  it('maps the destination network at PREROUTING and the source network at POSTROUTING, host bits kept; the reply is un-NATed', async () => {
    expect(await run()).toBe('from 172.16.1.2\n 1');
  });
});
