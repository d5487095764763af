import { describe, expect, test } from 'vitest';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import { labBuilder, tracePath } from './session.js';
import { explorePaths } from './all-paths.js';
import type { AllPathsDocument } from './paths.js';
import { allPathsDocument } from './paths.js';
import { renderAllPaths } from './paths-text.js';
import { ip, lab, ROUTER as TWO_HOST_ROUTER } from './testing.js';

/** The shared ROUTER with h2 also at 10.0.2.3 and 10.0.2.4, and listening on 8080 (h1 -- r -- h2). */
const ROUTER =
  TWO_HOST_ROUTER +
  `for a in 3 4; do ip -n h2 addr add 10.0.2.$a/24 dev eth0; done
ip netns exec h2 nc -l -k 8080 &
`;

/** kube-proxy's shape: one service, three endpoints picked by statistic rules. */
const THREE_ENDPOINTS = `
ip netns exec r iptables -t nat -N SVC
ip netns exec r iptables -t nat -N SEP1
ip netns exec r iptables -t nat -N SEP2
ip netns exec r iptables -t nat -N SEP3
ip netns exec r iptables -t nat -A PREROUTING -d 10.0.1.1 -p tcp --dport 80 -j SVC
ip netns exec r iptables -t nat -A SVC -m statistic --mode random --probability 0.3333333333 -j SEP1
ip netns exec r iptables -t nat -A SVC -m statistic --mode random --probability 0.5000000000 -j SEP2
ip netns exec r iptables -t nat -A SVC -j SEP3
ip netns exec r iptables -t nat -A SEP1 -p tcp -j DNAT --to-destination 10.0.2.2:8080
ip netns exec r iptables -t nat -A SEP2 -p tcp -j DNAT --to-destination 10.0.2.3:8080
ip netns exec r iptables -t nat -A SEP3 -p tcp -j DNAT --to-destination 10.0.2.4:8080
`;

const SYN: SyntheticPacket = { proto: 'tcp', dst: ip('10.0.1.1'), dport: 80 };

async function allPaths(
  source: string,
  spec: SyntheticPacket = SYN,
  reply = false,
): Promise<AllPathsDocument> {
  const l = lab(source);
  const req = { source: { kind: 'netns', ns: 'h1' } as const, spec, reply };
  const ex = await explorePaths(labBuilder(l), req, l.yieldToHost);
  if ('error' in ex) throw new Error(ex.error);
  return allPathsDocument(ex, reply);
}

const summary = (doc: AllPathsDocument) =>
  doc.outcomes.map((o) => [Number(o.probability.toFixed(6)), o.verdict, o.destination, o.via]);

describe('podpath trace --all-paths', () => {
  test('three statistic-chosen endpoints come out a third each, in rule order, each with its chain', async () => {
    const doc = await allPaths(ROUTER + THREE_ENDPOINTS);
    expect(summary(doc)).toEqual([
      [0.333333, 'delivered', '10.0.2.2:8080', 'SEP1'],
      [0.333333, 'delivered', '10.0.2.3:8080', 'SEP2'],
      [0.333333, 'delivered', '10.0.2.4:8080', 'SEP3'],
    ]);
    expect(doc.outcomes.reduce((s, o) => s + o.probability, 0)).toBeCloseTo(1, 9);
    expect(doc.paths.map((p) => p.choices.map((c) => c.outcome))).toEqual([
      ['match'],
      ['no match', 'match'],
      ['no match', 'no match'],
    ]);
  });

  test("each path's trace shows the chance it took as a step before the rule it decided", async () => {
    const doc = await allPaths(ROUTER + THREE_ENDPOINTS);
    const steps = doc.paths[1].packets[0].steps;
    const chances = steps.filter((s) => s.type === 'chance');
    expect(chances).toMatchObject([
      {
        ns: 'r',
        what: 'statistic --mode random --probability 0.33333333349',
        outcome: 'no match',
        forced: true,
      },
      {
        ns: 'r',
        what: 'statistic --mode random --probability 0.50000000000',
        outcome: 'match',
        forced: true,
      },
    ]);
    const i = steps.indexOf(chances[1]);
    expect(steps[i + 1]).toMatchObject({ type: 'rule', chain: 'SVC', index: 2, matched: true });
  });

  test('a rule that always matches is not a branch: --probability 1 leaves one path', async () => {
    const doc = await allPaths(
      ROUTER +
        'ip netns exec r iptables -t nat -A PREROUTING -p tcp -m statistic --mode random --probability 1 -j DNAT --to-destination 10.0.2.3:8080\n',
    );
    expect(summary(doc)).toEqual([[1, 'delivered', '10.0.2.3:8080', 'PREROUTING']]);
  });

  test('probabilities multiply along a path: nth 1 in 4 after a random DNAT port of three', async () => {
    const doc = await allPaths(
      ROUTER +
        'ip netns exec r iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.2.2:8079-8081 --random\n' +
        'ip netns exec r iptables -A FORWARD -m statistic --mode nth --every 4 --packet 0 -j DROP\n',
    );
    expect(doc.paths).toHaveLength(6);
    expect(summary(doc)).toEqual([
      [0.083333, 'dropped', '10.0.2.2:8079', 'PREROUTING'],
      [0.25, 'rejected', '10.0.2.2:8079', 'PREROUTING'],
      [0.083333, 'dropped', '10.0.2.2:8080', 'PREROUTING'],
      [0.25, 'delivered', '10.0.2.2:8080', 'PREROUTING'],
      [0.083333, 'dropped', '10.0.2.2:8081', 'PREROUTING'],
      [0.25, 'rejected', '10.0.2.2:8081', 'PREROUTING'],
    ]);
    expect(doc.outcomes[1].dropReason).toBe(
      'no socket listening on the destination port (tcp port 8079: TCP reset)',
    );
    expect(doc.outcomes[0].dropReason).toBe('dropped by a rule (filter/FORWARD rule 1)');
  });

  test('paths with the same end are merged and their probabilities add up', async () => {
    const doc = await allPaths(
      ROUTER +
        'ip netns exec r iptables -A FORWARD -m statistic --mode random --probability 0.25 -j ACCEPT\n',
      { proto: 'tcp', dst: ip('10.0.2.2'), dport: 8080 },
    );
    expect(doc.paths).toHaveLength(2);
    expect(summary(doc)).toEqual([[1, 'delivered', '10.0.2.2:8080', null]]);
    expect(doc.outcomes[0].paths).toEqual([1, 2]);
  });

  test('without --all-paths the seeded RNG draws the chance and the trace says so', async () => {
    const l = lab(ROUTER + THREE_ENDPOINTS);
    const run = await tracePath(
      labBuilder(l),
      { source: { kind: 'netns', ns: 'h1' }, spec: SYN },
      l.yieldToHost,
    );
    if ('error' in run) throw new Error(run.error);
    const chances = run.events.filter((e) => e.type === 'chance');
    expect(chances.length).toBeGreaterThan(0);
    expect(chances.every((c) => c.type === 'chance' && !c.forced)).toBe(true);
  });

  test('the text lists every outcome with its percentage before the paths', async () => {
    const text = renderAllPaths(await allPaths(ROUTER + THREE_ENDPOINTS));
    expect(text.split('\n').slice(0, 4)).toEqual([
      '3 paths for tcp 10.0.1.2:32768 > 10.0.1.1:80 [S] ttl 64 from h1:',
      '   33.3% -> 10.0.2.2:8080 via SEP1: delivered in h2',
      '   33.3% -> 10.0.2.3:8080 via SEP2: delivered in h2',
      '   33.3% -> 10.0.2.4:8080 via SEP3: delivered in h2',
    ]);
    expect(text).toContain(
      '== path 2 (33.3%): statistic --mode random --probability 0.33333333349: no match;',
    );
    expect(text).not.toContain('\x1b[');
  });
});
