import { describe, expect, it } from 'vitest';
import { runTestScript } from '../../../shell/testing.js';

/** a pings b over va; a TEE rule copies packets to c (over vc); c counts what it receives by TTL. */
async function teed(rules: string): Promise<string> {
  const { stdout } = await runTestScript(`for n in a b c; do ip netns add $n; done
ip link add va netns a type veth peer name vb netns b
ip link add vc netns a type veth peer name vc netns c
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a addr add 10.0.1.1/24 dev vc
ip -n c addr add 10.0.1.3/24 dev vc
for l in a/va b/vb a/vc c/vc; do ip -n \${l%/*} link set \${l#*/} up; done
${rules}
ip netns exec c iptables -t raw -A PREROUTING -p icmp -m ttl --ttl-eq 64
ip netns exec c iptables -t raw -A PREROUTING -p icmp -m ttl --ttl-eq 63
ip netns exec a ping -c 2 -i 0.2 -W 1 10.0.0.2 | grep -c ttl=
# The copy of the last reply is still crossing vc when ping ends.
sleep 0.1
ip netns exec c iptables -t raw -L PREROUTING -v -n -x | tail -n 2 | cut -c1-8
`);
  return stdout.replace(/ +/g, ' ').trim();
}

describe('TEE target (nf_dup_ipv4)', () => {
  it('copies what leaves (POSTROUTING) as is and what arrives (PREROUTING) one hop older; the originals get answered', async () => {
    const rules = `ip netns exec a iptables -t mangle -A POSTROUTING -p icmp -d 10.0.0.2 -j TEE --gateway 10.0.1.3
ip netns exec a iptables -t mangle -A PREROUTING -p icmp -s 10.0.0.2 -j TEE --gateway 10.0.1.3`;
    expect(await teed(rules)).toBe('2\n 2\n 2');
  });

  it('copies nothing when the gateway has no route', async () => {
    const rules = 'ip netns exec a iptables -t mangle -A POSTROUTING -p icmp -j TEE --gateway 10.9.9.9';
    expect(await teed(rules)).toBe('2\n 0\n 0');
  });
});
