import { describe, expect, test } from 'vitest';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import type { ReplySummary } from './reply.js';
import { replySummary } from './reply.js';
import { replyText } from './paths-text.js';
import { PLAIN } from './text.js';
import { ip, ROUTER, traceLab } from './testing.js';

/** h1 -- r -- h2: r DNATs its port 80 to h2:8080 and masquerades what leaves on eth1 (h2 has no other way back). */
const NAT_ROUTER =
  ROUTER.replace('ip -n h2 route add default via 10.0.2.1\n', '') +
  `ip netns exec r iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 10.0.2.2:8080
ip netns exec r iptables -t nat -A PREROUTING -p udp --dport 53 -j DNAT --to-destination 10.0.2.2:5353
ip netns exec r iptables -t nat -A POSTROUTING -o eth1 -j MASQUERADE
ip netns exec h2 nc -l -k 8080 &
ip netns exec h2 nc -u -l 5353 &
sleep 1
`;

const reply = async (source: string, spec: SyntheticPacket): Promise<ReplySummary> =>
  replySummary(await traceLab(source, 'h1', spec, { reply: true }));

describe('podpath trace --reply', () => {
  test('the SYN-ACK comes back through conntrack: un-SNAT on the way in, un-DNAT on the way out', async () => {
    const r = await reply(NAT_ROUTER, { proto: 'tcp', dst: ip('10.0.1.1'), dport: 80 });
    expect(r).toMatchObject({
      packet: 2,
      kind: 'reply',
      verdict: 'returned',
      from: 'h2',
      sent: { src: '10.0.2.2', sport: 8080, dst: '10.0.2.1', tcpFlags: 'S.' },
      arrived: { src: '10.0.1.1', sport: 80, dst: '10.0.1.2', dport: 32768 },
      matches: true,
    });
    expect(r.rewrites).toEqual([
      {
        ns: 'r',
        hook: 'PREROUTING',
        kind: 'un-SNAT',
        changes: [{ field: 'dst', from: '10.0.2.1', to: '10.0.1.2' }],
      },
      {
        ns: 'r',
        hook: 'POSTROUTING',
        kind: 'un-DNAT',
        changes: [
          { field: 'src', from: '10.0.2.2', to: '10.0.1.1' },
          { field: 'sport', from: '8080', to: '80' },
        ],
      },
    ]);
    expect(replyText(r, PLAIN)).toBe(
      'reply (packet 2): tcp 10.0.2.2:8080 > 10.0.2.1:32768 [S.] ttl 64 from h2\n' +
        '  r PREROUTING: un-SNAT dst 10.0.2.1 -> 10.0.1.2\n' +
        '  r POSTROUTING: un-DNAT src 10.0.2.2 -> 10.0.1.1, sport 8080 -> 80\n' +
        '  => back at the sender as 10.0.1.1:80 > 10.0.1.2:32768: the answer to the packet sent\n',
    );
  });

  test('UDP has no kernel answer: the socket it reached answers, and the answer is un-NATed too', async () => {
    const r = await reply(NAT_ROUTER, { proto: 'udp', dst: ip('10.0.1.1'), dport: 53 });
    expect(r).toMatchObject({
      verdict: 'returned',
      from: 'h2',
      sent: { src: '10.0.2.2', sport: 5353, dst: '10.0.2.1' },
      arrived: { src: '10.0.1.1', sport: 53, dst: '10.0.1.2', dport: 32768 },
      matches: true,
    });
  });

  test('a closed port answers with a reset, which finds its way back the same way', async () => {
    const r = await reply(NAT_ROUTER.replace('nc -l -k 8080 &', 'true'), {
      proto: 'tcp',
      dst: ip('10.0.1.1'),
      dport: 80,
    });
    expect(r).toMatchObject({ kind: 'tcp-reset', verdict: 'returned', matches: true });
  });

  test('a REJECT answers with an ICMP error from the router: it reaches the sender as an error about its packet', async () => {
    const r = await reply(NAT_ROUTER + 'ip netns exec r iptables -A FORWARD -j REJECT\n', {
      proto: 'tcp',
      dst: ip('10.0.1.1'),
      dport: 80,
    });
    expect(r).toMatchObject({ kind: 'icmp-error', verdict: 'returned', from: 'r', matches: true });
  });

  test('a packet dropped without a word has no reply', async () => {
    const r = await reply(NAT_ROUTER + 'ip netns exec r iptables -A FORWARD -j DROP\n', {
      proto: 'tcp',
      dst: ip('10.0.1.1'),
      dport: 80,
    });
    expect(r).toEqual({ packet: null, verdict: 'none', rewrites: [] });
    expect(replyText(r, PLAIN)).toBe('reply: nothing answered the packet\n');
  });
});
