import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { World } from '../../world.js';
import { withNfct } from '../conntrack/skb.js';
import { connbytes } from './connbytes.js';
import { runTool } from '../../../tools/testing.js';
import { icmpConn, icmpPacket } from '../testing.js';

const MAX = '18446744073709551615';
const world = new World();
const netns = world.createNetns('t');
const ctx = { netns } as NfCtx;
const base = icmpPacket();

/** A packet of a connection whose counters are [orig packets, orig bytes, reply packets, reply bytes]. */
function withCounters(c: [number, number, number, number] | null): Ipv4Packet {
  const conn = icmpConn();
  conn.acct = c && [
    { packets: c[0], bytes: c[1] },
    { packets: c[2], bytes: c[3] },
  ];
  return withNfct(base, netns, { conn, info: 'ESTABLISHED' });
}
const rule = (from: string, to: string, mode: string, dir: string) => ({
  name: 'connbytes',
  data: { from, to, mode, dir },
});

describe('connbytes match (xt_connbytes)', () => {
  it.each([
    ['packets original in 2:3', rule('2', '3', 'packets', 'original'), true],
    ['packets reply in 2:3', rule('2', '3', 'packets', 'reply'), false],
    ['packets both in 4:4', rule('4', '4', 'packets', 'both'), true],
    ['bytes original from 100', rule('100', MAX, 'bytes', 'original'), true],
    ['bytes both up to 251', rule('0', '251', 'bytes', 'both'), false],
    ['avgpkt both is 252/4 = 63', rule('63', '63', 'avgpkt', 'both'), true],
    ['avgpkt reply is 84', rule('84', '84', 'avgpkt', 'reply'), true],
    ['! 0:7 packets (stored 7:0) is outside 0..7', rule('7', '0', 'packets', 'both'), false],
    ['! 2 packets original (stored max:2) is below 2', rule(MAX, '2', 'packets', 'original'), false],
    ['! 5 packets both (stored max:5) is below 5', rule(MAX, '5', 'packets', 'both'), true],
  ])('%s', (_name, m, want) => {
    expect(connbytes.match(withCounters([3, 168, 1, 84]), ctx, m)).toBe(want);
  });

  it('avgpkt of a direction without packets is 0', () => {
    expect(connbytes.match(withCounters([1, 84, 0, 0]), ctx, rule('0', '0', 'avgpkt', 'reply'))).toBe(true);
  });

  it('never matches without a conntrack entry or without its acct extension', () => {
    const any = rule('0', MAX, 'packets', 'both');
    expect(connbytes.match(base, ctx, any)).toBe(false);
    expect(connbytes.match(withCounters(null), ctx, any)).toBe(false);
  });
});

describe('connbytes checkentry', () => {
  it('turns nf_conntrack_acct on when a rule is added, not again for rules kept', async () => {
    const w = new World();
    const ns = w.createNetns('x');
    const acct = () => ns.sysctl.get('net.netfilter.nf_conntrack_acct');
    const ipt = (...args: string[]) => runTool(w, ['iptables', ...args], { netns: ns });
    expect(acct()).toBe('0');
    await ipt(
      '-A',
      'INPUT',
      '-m',
      'connbytes',
      '--connbytes',
      '1',
      '--connbytes-dir',
      'both',
      '--connbytes-mode',
      'bytes',
    );
    expect(acct()).toBe('1');
    ns.sysctl.set('net.netfilter.nf_conntrack_acct', '0');
    await ipt('-A', 'INPUT', '-s', '10.0.0.1');
    expect(acct()).toBe('0');
    await ipt(
      '-I',
      'INPUT',
      '-m',
      'connbytes',
      '--connbytes',
      '2',
      '--connbytes-dir',
      'both',
      '--connbytes-mode',
      'bytes',
    );
    expect(acct()).toBe('1');
  });
});
