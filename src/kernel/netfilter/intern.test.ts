import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { runTool } from '../../tools/testing.js';
import { findCommand } from '../../tools/registry.js';
import type { Rule } from './types.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore', 'ip', 'ping']) await findCommand(c);
});

const RULES = `*filter
:OUTPUT ACCEPT [0:0]
:SVC - [0:0]
-A OUTPUT -p icmp -m comment --comment "ns/svc:http" -j SVC
-A SVC -p icmp -m statistic --mode random --probability 1.0 -j ACCEPT
-A SVC -m limit --limit 5/sec -j ACCEPT
-A SVC -m statistic --mode nth --every 2 --packet 0 -j ACCEPT
COMMIT
`;

/** Two namespaces of one world that restored RULES, their lo up. */
async function twoNodes() {
  const world = new World();
  for (const name of ['a', 'b']) {
    await runTool(world, ['ip', 'netns', 'add', name]);
    const netns = world.named.get(name)!;
    await runTool(world, ['ip', 'link', 'set', 'lo', 'up'], { netns });
    const r = await runTool(world, ['iptables-restore'], { stdin: RULES, netns });
    expect(r.status).toBe(0);
  }
  const rules = (name: string, chain: string): readonly Rule[] =>
    world.named.get(name)!.netfilter.view('filter').user.get(chain)?.rules ??
    world.named
      .get(name)!
      .netfilter.view('filter')
      .builtins.find((c) => c.name === chain)!.rules;
  return { world, rules };
}

const saved = async (world: World, ns: string) =>
  (await runTool(world, ['iptables-save', '-c'], { netns: world.named.get(ns)! })).stdout
    .split('\n')
    .filter((l) => l.startsWith('['))
    .join('\n');

describe('rules restored from the same text in several namespaces', () => {
  it('are one rule object until a packet hits it, with no counters of its own (zero)', async () => {
    const { rules } = await twoNodes();
    const [a] = rules('a', 'OUTPUT');
    expect(rules('b', 'OUTPUT')[0]).toBe(a);
    expect(rules('b', 'SVC')[0]).toBe(rules('a', 'SVC')[0]);
    expect(Object.isFrozen(a.counters)).toBe(true);
    expect([a.counters.packets, a.counters.bytes]).toEqual([0n, 0n]);
  });

  it('leaves rules whose parts keep state per rule (limit, statistic nth) unshared', async () => {
    const { rules } = await twoNodes();
    expect(rules('a', 'SVC')[1].matches).not.toBe(rules('b', 'SVC')[1].matches);
    expect(rules('a', 'SVC')[2].matches).not.toBe(rules('b', 'SVC')[2].matches);
    expect(Object.isFrozen(rules('a', 'SVC')[1].counters)).toBe(false);
  });

  it('counts packets per namespace: iptables-save -c and -Z see only their own', async () => {
    const { world } = await twoNodes();
    const ping = await runTool(world, ['ping', '-c', '1', '127.0.0.1'], { netns: world.named.get('a')! });
    expect(ping.status).toBe(0);
    expect(await saved(world, 'a')).toContain('[2:168] -A OUTPUT -p icmp');
    expect(await saved(world, 'b')).toContain('[0:0] -A OUTPUT -p icmp');
    // The hit rule became namespace a's own, in place; b still holds the shared one.
    const output = (ns: string) =>
      world.named
        .get(ns)!
        .netfilter.view('filter')
        .builtins.find((c) => c.name === 'OUTPUT')!.rules[0];
    expect(Object.isFrozen(output('a').counters)).toBe(false);
    expect(Object.isFrozen(output('b').counters)).toBe(true);
    expect(output('a').matches).toBe(output('b').matches);
    await runTool(world, ['iptables', '-Z'], { netns: world.named.get('b')! });
    expect(await saved(world, 'a')).toContain('[2:168] -A OUTPUT -p icmp');
  });

  it('still refuses a jump to a chain the namespace does not have', async () => {
    const { world } = await twoNodes();
    await runTool(world, ['ip', 'netns', 'add', 'c']);
    const stdin = '*filter\n-A OUTPUT -p icmp -m comment --comment "ns/svc:http" -j SVC\nCOMMIT\n';
    const r = await runTool(world, ['iptables-restore'], { stdin, netns: world.named.get('c')! });
    // As in a world that never parsed the line.
    const fresh = await runTool(new World(), ['iptables-restore'], { stdin });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Chain 'SVC' does not exist");
    expect(r).toEqual(fresh);
  });
});

describe('rules restored in a world of one namespace', () => {
  const rootRules = (world: World, chain: string): readonly Rule[] =>
    world.root.netfilter.view('filter').user.get(chain)?.rules ??
    world.root.netfilter.view('filter').builtins.find((c) => c.name === chain)!.rules;

  it('are not interned, yet are the same rules: shared parts without counters, stateful ones counted', async () => {
    const world = new World();
    expect((await runTool(world, ['iptables-restore'], { stdin: RULES })).status).toBe(0);
    const [out] = rootRules(world, 'OUTPUT');
    expect(Object.isFrozen(out.counters)).toBe(true);
    expect(Object.isFrozen(rootRules(world, 'SVC')[1].counters)).toBe(false);
    // A namespace made later parses the lines anew (none were kept), to equal rules.
    await runTool(world, ['ip', 'netns', 'add', 'a']);
    const netns = world.named.get('a')!;
    expect((await runTool(world, ['iptables-restore'], { stdin: RULES, netns })).status).toBe(0);
    const [other] = netns.netfilter.view('filter').builtins.find((c) => c.name === 'OUTPUT')!.rules;
    expect(other).not.toBe(out);
    expect(other).toEqual(out);
  });

  it('count packets as interned ones do', async () => {
    const world = new World();
    await runTool(world, ['ip', 'link', 'set', 'lo', 'up']);
    await runTool(world, ['iptables-restore'], { stdin: RULES });
    expect((await runTool(world, ['ping', '-c', '1', '127.0.0.1'])).status).toBe(0);
    const save = (await runTool(world, ['iptables-save', '-c'])).stdout;
    expect(save).toContain('[2:168] -A OUTPUT -p icmp');
    expect(Object.isFrozen(rootRules(world, 'OUTPUT')[0].counters)).toBe(false);
  });
});
