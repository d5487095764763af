import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import type { Chain, TableName } from '../../kernel/netfilter/types.js';
import { chainHandle, ruleHandles } from '../../kernel/netfilter/types.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import type { Endpoint, Service } from '../../k8s/api/core-v1.js';
import type { ProxierConfig } from '../../k8s/proxy/iptables/config.js';
import { ProxierCache } from '../../k8s/proxy/iptables/state.js';
import { IptablesSyncer } from '../../k8s/proxy/iptables/syncer.js';
import { FAKE_PROXIER, makeService, makeSlice } from '../../k8s/proxy/iptables/testing.js';
import { runTool } from '../testing.js';
import { setRestoreMemo } from './restore-memo.js';

const RESTORE = ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'];
const NODES = ['node-a', 'node-b'];
const config = (nodeName: string): ProxierConfig => ({ ...FAKE_PROXIER, nfacct: false, nodeName });

function service(i: number, shape: number): Service {
  const type = (['ClusterIP', 'NodePort', 'LoadBalancer'] as const)[shape % 3];
  return makeService(
    'ns1',
    `svc${i}`,
    {
      type,
      clusterIP: `172.30.0.${i + 1}`,
      ports: [
        { name: 'p80', port: 80, protocol: 'TCP', ...(type === 'ClusterIP' ? {} : { nodePort: 30000 + i }) },
      ],
      ...(shape % 2 === 1 && type !== 'ClusterIP' ? { externalTrafficPolicy: 'Local' as const } : {}),
      ...(shape % 5 === 4 ? { internalTrafficPolicy: 'Local' as const } : {}),
    },
    type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: `5.6.7.${i + 1}` }] } } : undefined,
  );
}

const slice = (i: number, endpoints: readonly [number, number][]) =>
  makeSlice(
    'ns1',
    `svc${i}`,
    endpoints.map(([host, node]): Endpoint => ({
      addresses: [`10.180.${i}.${host}`],
      nodeName: NODES[node],
      conditions: { ready: true },
    })),
  );

/** A table as the kernel holds it: chains, their handles and rules' handles, and the next handle. */
function kernelView(netns: Netns, name: TableName) {
  const t = netns.netfilter.current(name);
  if (!t) return null;
  const chain = (c: Chain) => ({
    name: c.name,
    handle: chainHandle(t, c),
    handles: ruleHandles(t, c),
    rules: c.rules.length,
  });
  return { builtins: t.builtins.map(chain), user: [...t.user.values()].map(chain), next: t.nextHandle };
}

/** Each node's kube-proxy syncing into its namespace of a world, with the memo on or off. */
class Cluster {
  readonly world = new World({ seed: 3 });
  readonly cache = new ProxierCache();
  readonly nodes = NODES.map((n) => ({
    netns: this.world.createNetns(n),
    syncer: new IptablesSyncer(config(n), undefined, this.cache),
  }));

  constructor(readonly memo: boolean) {}

  async sync(round: number) {
    const out = [];
    for (const node of this.nodes) {
      const nat = node.netns.netfilter.current('nat');
      const existing = nat ? [...nat.user.keys()] : [];
      const chunks = node.syncer.sync(round * 1000, () => existing).restoreChunks;
      setRestoreMemo(this.memo);
      const r = await runTool(this.world, RESTORE, { netns: node.netns, stdin: chunks });
      setRestoreMemo(true);
      const save = await runTool(this.world, ['iptables-save', '-c'], { netns: node.netns });
      out.push({
        status: r.status,
        stderr: r.stderr,
        save: save.stdout.replace(/^#.*\n/gm, ''),
        filter: kernelView(node.netns, 'filter'),
        nat: kernelView(node.netns, 'nat'),
      });
    }
    return out;
  }
}

afterEach(() => setRestoreMemo(true));

describe('iptables-restore memo of table bodies read before', () => {
  it('leaves every table, chain and rule handle as reading the lines one by one does, sync after sync', async () => {
    const events = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('service' as const), i: fc.nat(5), shape: fc.nat(29) }),
        fc.record({ kind: fc.constant('delete' as const), i: fc.nat(5) }),
        fc.record({
          kind: fc.constant('slice' as const),
          i: fc.nat(5),
          endpoints: fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.nat(1)), { maxLength: 3 }),
        }),
      ),
      { maxLength: 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(events, { minLength: 1, maxLength: 5 }), async (rounds) => {
        const [memo, lines] = [new Cluster(true), new Cluster(false)];
        for (const [round, list] of rounds.entries()) {
          for (const e of list)
            for (const c of [memo, lines])
              for (const { syncer } of c.nodes) {
                if (e.kind === 'service') syncer.setService(service(e.i, e.shape));
                else if (e.kind === 'delete') syncer.deleteService(`ns1/svc${e.i}`);
                else syncer.setEndpointSlice(slice(e.i, e.endpoints));
              }
          const [got, want] = [await memo.sync(round), await lines.sync(round)];
          // A list both namespaces hold is one no packet writes (a first hit copies it: ownChain).
          const [a, b] = memo.nodes.map((n) => n.netns.netfilter.current('nat'));
          for (const c of a?.user.values() ?? [])
            if (c.rules.length > 0 && b?.user.get(c.name)?.rules === c.rules)
              expect(sharedLists.has(c.rules)).toBe(true);
          expect(got).toEqual(want);
          for (const node of got) expect([node.status, node.stderr]).toEqual([0, '']);
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  /** Per case: the restore on node-a (where the memo reads the body), then on node-b, each after its own setup. */
  const FAILING = [
    {
      why: 'a deleted chain still in use on node-b',
      setup: '*filter\n:KUBE-B - [0:0]\n:KUBE-C - [0:0]\n-A KUBE-C -j KUBE-B\nCOMMIT\n',
      onA: ['iptables', '-F', 'KUBE-C'],
      body: [':KUBE-A - [0:0]\n', '-A KUBE-A -j ACCEPT\n', '-X KUBE-B\n'],
    },
    {
      why: 'a jump target node-b lacks',
      setup: '*filter\n:KUBE-B - [0:0]\nCOMMIT\n',
      onA: ['iptables', '-N', 'KUBE-T'],
      body: [':KUBE-A - [0:0]\n', '-A KUBE-A -j KUBE-T\n'],
    },
  ];

  it('counts the lines of a body it read at once in the line number of a later error', async () => {
    const input = [
      '*filter\n',
      ':KUBE-A - [0:0]\n:KUBE-B - [0:0]\n',
      '-A KUBE-A -j KUBE-B\n-A KUBE-B -j ACCEPT\n',
      'COMMIT\n*nat\n',
      ':KUBE-C - [0:0]\n',
      '-A KUBE-C -j NOPE\n',
      'COMMIT\n',
    ];
    const results = [];
    for (const memo of [true, false]) {
      const world = new World({ seed: 1 });
      setRestoreMemo(memo);
      const runs = [];
      for (const netns of NODES.map((n) => world.createNetns(n))) {
        const r = await runTool(world, RESTORE, { netns, stdin: input });
        const save = await runTool(world, ['iptables-save'], { netns });
        runs.push([r.status, r.stderr, save.stdout.replace(/^#.*\n/gm, '')]);
      }
      results.push(runs);
    }
    expect(results[0]).toEqual(results[1]);
    // The jump to a missing chain is blamed on the nat block's COMMIT, line 10 of the whole input.
    expect(results[0]![1]![1]).toMatch(/line: 10\n/);
  });

  it.each(FAILING)(
    'reports a body failing with $why as the line-by-line reading does, and changes nothing',
    async (c) => {
      const input = ['*filter\n', ...c.body, 'COMMIT\n'];
      const results = [];
      for (const memo of [true, false]) {
        const world = new World({ seed: 1 });
        const nodes = NODES.map((n) => world.createNetns(n));
        setRestoreMemo(memo);
        const runs = [];
        for (const netns of nodes) {
          await runTool(world, ['iptables-restore'], { netns, stdin: c.setup });
          if (netns === nodes[0]) await runTool(world, c.onA, { netns });
          const r = await runTool(world, RESTORE, { netns, stdin: input });
          const save = await runTool(world, ['iptables-save'], { netns });
          runs.push([
            r.status,
            r.stdout,
            r.stderr,
            save.stdout.replace(/^#.*\n/gm, ''),
            kernelView(netns, 'filter'),
          ]);
        }
        results.push(runs);
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[0]![0]![0]).toBe(0);
      expect(results[0]![1]![0]).not.toBe(0);
    },
  );
});

describe('iptables-restore memo: what a body read at once says of its chains', () => {
  it('keeps the hooks its rules may run at: a DNAT chain reached from POSTROUTING is refused as without it', async () => {
    const outcomes = [];
    for (const memo of [true, false]) {
      setRestoreMemo(memo);
      const world = new World({ seed: 1 });
      const netns = world.createNetns('a');
      // A second namespace: a world of one does not share what it parses.
      world.createNetns('b');
      const body = [
        '*nat\n',
        ':A - [0:0]\n:B - [0:0]\n',
        '-A A -p tcp -j DNAT --to-destination 1.2.3.4\n-A A -j RETURN\n',
        '-A B -j A\n-A B -j A\n',
        'COMMIT\n',
      ];
      // A table committed before: the body's commit carries its graph on (draft.ts carry).
      await runTool(world, ['iptables', '-t', 'nat', '-N', 'OTHER'], { netns });
      const restored = await runTool(world, ['iptables-restore', '--noflush'], { netns, stdin: body });
      const hooked = [];
      for (const [chain, to] of [
        ['POSTROUTING', 'B'],
        ['PREROUTING', 'B'],
        ['INPUT', 'A'],
      ])
        hooked.push(await runTool(world, ['iptables', '-t', 'nat', '-A', chain!, '-j', to!], { netns }));
      outcomes.push([restored, ...hooked].map((r) => [r.status, r.stderr]));
    }
    expect(outcomes[0]).toEqual(outcomes[1]);
    expect(outcomes[0]![1]![0]).toBe(4);
    expect(outcomes[0]![2]![0]).toBe(0);
  });
});
