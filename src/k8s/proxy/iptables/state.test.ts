import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Endpoint, EndpointSlice, Service } from '../../api/core-v1.js';
import type { ProxierConfig } from './config.js';
import { syncProxyRules, syncState, type SyncResult } from './proxier.js';
import { ProxierCache, ProxierState } from './state.js';
import { IptablesSyncer } from './syncer.js';
import { FAKE_PROXIER, makeService, makeSlice } from './testing.js';

const NODES = ['test-node', 'other-node'];

/** Service i in one of the shapes whose rules differ: policies, affinity, node ports, LB source ranges. */
function service(i: number, shape: number, port: number): Service {
  const type = (['ClusterIP', 'NodePort', 'LoadBalancer'] as const)[shape % 3];
  return makeService(
    'ns1',
    `svc${i}`,
    {
      type,
      clusterIP: `172.30.0.${i + 1}`,
      ports: [
        { name: 'p80', port, protocol: 'TCP', ...(type === 'ClusterIP' ? {} : { nodePort: 30000 + i }) },
      ],
      ...(shape % 2 === 1 && type !== 'ClusterIP' ? { externalTrafficPolicy: 'Local' as const } : {}),
      ...(shape % 5 === 4 ? { internalTrafficPolicy: 'Local' as const } : {}),
      ...(shape % 4 === 3 ? { sessionAffinity: 'ClientIP' as const } : {}),
      ...(type === 'LoadBalancer' ? { loadBalancerSourceRanges: ['192.168.0.0/16'] } : {}),
    },
    type === 'LoadBalancer' ? { loadBalancer: { ingress: [{ ip: `5.6.7.${i + 1}` }] } } : undefined,
  );
}

function slice(i: number, endpoints: readonly [number, number, boolean][]): EndpointSlice {
  const eps: Endpoint[] = endpoints.map(([host, node, ready]) => ({
    addresses: [`10.180.${i}.${host}`],
    nodeName: NODES[node],
    conditions: { ready },
  }));
  return makeSlice('ns1', `svc${i}`, eps);
}

const SERVICES = 6;
const event = fc.oneof(
  fc.record({
    kind: fc.constant('service' as const),
    i: fc.nat(SERVICES - 1),
    shape: fc.nat(59),
    port: fc.constantFrom(80, 81),
  }),
  fc.record({ kind: fc.constant('delete-service' as const), i: fc.nat(SERVICES - 1) }),
  fc.record({
    kind: fc.constant('slice' as const),
    i: fc.nat(SERVICES - 1),
    endpoints: fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.nat(1), fc.boolean()), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete-slice' as const), i: fc.nat(SERVICES - 1) }),
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

/** The objects kube-proxy's informers hold, changed by events. */
class World {
  readonly services = new Map<string, Service>();
  readonly slices = new Map<string, EndpointSlice>();
  apply(e: Event, syncers: readonly IptablesSyncer[]): void {
    const name = `ns1/svc${e.i}`;
    if (e.kind === 'service') {
      const svc = service(e.i, e.shape, e.port);
      this.services.set(name, svc);
      for (const s of syncers) s.setService(svc);
    } else if (e.kind === 'delete-service') {
      this.services.delete(name);
      for (const s of syncers) s.deleteService(name);
    } else if (e.kind === 'slice') {
      const sl = slice(e.i, e.endpoints);
      this.slices.set(`${name}-1`, sl);
      for (const s of syncers) s.setEndpointSlice(sl);
    } else {
      this.slices.delete(`${name}-1`);
      for (const s of syncers) s.deleteEndpointSlice(`${name}-1`);
    }
  }
}

const config = (nodeName: string): ProxierConfig => ({ ...FAKE_PROXIER, nodeName });

/** Two syncs wrote the same: text, rule counts, deleted and active chains. */
function expectSameSync(got: SyncResult, want: SyncResult): void {
  expect(got.restore).toBe(want.restore);
  expect([got.natRules, got.skippedNatRules, got.filterRules, got.deletedChains]).toEqual([
    want.natRules,
    want.skippedNatRules,
    want.filterRules,
    want.deletedChains,
  ]);
  expect([...got.activeNatChains].sort()).toEqual([...want.activeNatChains].sort());
}

describe('ProxierState: rules kept across syncs', () => {
  it('writes, sync after sync, byte for byte what a sync from scratch of the same objects writes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rounds) => {
        const world = new World();
        // Two nodes sharing one cache, as the cluster's kube-proxies do in one process.
        const cache = new ProxierCache();
        const syncers = NODES.map((n) => new IptablesSyncer(config(n), undefined, cache));
        rounds.forEach((events, round) => {
          for (const e of events) world.apply(e, syncers);
          for (const [n, syncer] of syncers.entries()) {
            const existing = ['KUBE-SEP-STALESTALESTALE1', 'KUBE-SVC-XPGD46QRK7WJZT7O'];
            const got = syncer.sync(round * 1000, () => existing);
            const want = syncProxyRules({
              config: config(NODES[n]!),
              services: [...world.services.values()],
              endpointSlices: [...world.slices.values()],
              ...(got.changed ? { changed: got.changed } : {}),
              existingNatChains: existing,
            });
            expectSameSync(got, want);
            // As a pipe's writes: each chunk whole lines, together the text.
            expect(got.restoreChunks.join('')).toBe(want.restore);
            for (const chunk of got.restoreChunks) expect(chunk.endsWith('\n')).toBe(true);
          }
        });
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('shares one state between nodes and writes what each node alone would, however their syncs interleave', () => {
    // Per round: the events, then which nodes sync (a node that does not lags behind the others,
    // taking their transitions later or deriving a state of its own) and which restores fail.
    const round = fc.record({
      events: fc.array(event, { maxLength: 5 }),
      syncs: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      fails: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
      reversed: fc.boolean(),
    });
    const nodes = [...NODES, 'third-node'];
    // The round each node's kube-proxy starts at (fed the objects as they are then, as its informers are).
    const starts = fc.array(fc.nat(4), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(round, { minLength: 1, maxLength: 8 }), starts, (rounds, start) => {
        const world = new World();
        const cache = new ProxierCache();
        const shared: IptablesSyncer[] = [];
        const alone: IptablesSyncer[] = [];
        rounds.forEach((r, i) => {
          for (const e of r.events) world.apply(e, [...shared, ...alone].filter(Boolean));
          for (const [n, name] of nodes.entries()) {
            if (start[n] !== i) continue;
            shared[n] = new IptablesSyncer(config(name), undefined, cache);
            alone[n] = new IptablesSyncer(config(name));
            for (const s of [shared[n], alone[n]]) {
              for (const svc of world.services.values()) s.setService(svc);
              for (const sl of world.slices.values()) s.setEndpointSlice(sl);
            }
          }
          const order = r.reversed ? [2, 1, 0] : [0, 1, 2];
          for (const n of order) {
            if (!r.syncs[n] || shared[n] === undefined) continue;
            // Large-cluster cleanup aside, every sync cleans up: sometimes nothing is stale.
            const existing = i % 2 === 0 ? [] : ['KUBE-SEP-STALESTALESTALE1'];
            const got = shared[n]!.sync(i * 1000, () => existing);
            const want = alone[n]!.sync(i * 1000, () => existing);
            expect(got.partial).toBe(want.partial);
            expect(got.changed === null ? null : [...got.changed].sort()).toEqual(
              want.changed === null ? null : [...want.changed].sort(),
            );
            expectSameSync(got, want);
            if (r.fails[n]) {
              shared[n]!.failed();
              alone[n]!.failed();
            }
          }
        });
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('counts as changed, on the nodes it concerns only, an endpoint that moved to another node', () => {
    const nodes = [...NODES, 'third-node'];
    const cache = new ProxierCache();
    const shared = nodes.map((n) => new IptablesSyncer(config(n), undefined, cache));
    const alone = nodes.map((n) => new IptablesSyncer(config(n)));
    const all = [...shared, ...alone];
    const svc = service(1, 0, 80);
    const before = slice(1, [[1, 1, true]]);
    for (const s of all) {
      s.setService(svc);
      s.setEndpointSlice(before);
    }
    for (const s of all) s.sync(0, () => []);
    // The same address, now on test-node: nothing a node without it sees changed.
    const after = slice(1, [[1, 0, true]]);
    for (const s of all) s.setEndpointSlice(after);
    const changed = all.map((s) => [...s.sync(1000, () => []).changed!]);
    expect(changed).toEqual([['ns1/svc1'], ['ns1/svc1'], [], ['ns1/svc1'], ['ns1/svc1'], []]);
  });

  it('takes, on every node but the first, the version and the sync another node made', () => {
    const cache = new ProxierCache();
    const syncers = ['a', 'b', 'c'].map((n) => new IptablesSyncer(config(n), undefined, cache));
    // The same objects on every node, as informers hand them out.
    for (let i = 0; i < 50; i++) {
      const svc = service(i, 0, 80);
      const sl = slice(i, [[1, 0, true]]);
      for (const s of syncers) {
        s.setService(svc);
        s.setEndpointSlice(sl);
      }
    }
    const first = syncers.map((s) => s.sync(0, () => []));
    // The same result behind each node's outcome: the chunks are one array.
    expect(first[1]!.restoreChunks).toBe(first[0]!.restoreChunks);
    expect(first[2]!.restoreChunks).toBe(first[0]!.restoreChunks);
    const changed = slice(7, [[2, 1, true]]);
    const next = syncers.map((s) => (s.setEndpointSlice(changed), s.sync(1000, () => [])));
    expect(next[1]!.restoreChunks).toBe(next[0]!.restoreChunks);
    expect(next.every((o) => o.partial && [...o.changed!].join() === 'ns1/svc7')).toBe(true);
  });

  it('starts a node made after others synced at their newest version, and writes what it would alone', () => {
    const cache = new ProxierCache();
    const objects = Array.from(
      { length: 20 },
      (_, i) => [service(i, 0, 80), slice(i, [[1, i % 2, true]])] as const,
    );
    const feed = (s: IptablesSyncer, extra: EndpointSlice[]) => {
      for (const [svc, sl] of objects) {
        s.setService(svc);
        s.setEndpointSlice(sl);
      }
      for (const sl of extra) s.setEndpointSlice(sl);
    };
    // Nodes with no port of their own (shape 0, no endpoint on them): what they write is the same.
    const first = new IptablesSyncer(config('third-node'), undefined, cache);
    feed(first, []);
    first.sync(0, () => []);
    const changed = slice(3, [[4, 1, true]]);
    first.setEndpointSlice(changed);
    first.sync(1000, () => []);
    // Made one after the other, as a cluster's nodes come up: each fed the objects as they are now.
    const late = ['fourth-node', 'fifth-node'].map((n) => {
      const s = new IptablesSyncer(config(n), undefined, cache);
      feed(s, [changed]);
      return { s, out: s.sync(2000, () => []) };
    });
    for (const { s, out } of late) {
      const alone = new IptablesSyncer(s.config);
      feed(alone, [changed]);
      expect(out.restore).toBe(alone.sync(2000, () => []).restore);
    }
    // One version: the second's full sync is the first's, and the next change is made once for all three.
    expect(late[1]!.out.restoreChunks).toBe(late[0]!.out.restoreChunks);
    const again = slice(5, [[6, 1, true]]);
    const next = [first, ...late.map((l) => l.s)].map(
      (s) => (s.setEndpointSlice(again), s.sync(3000, () => [])),
    );
    expect(next[1]!.restoreChunks).toBe(next[0]!.restoreChunks);
    expect(next[2]!.restoreChunks).toBe(next[0]!.restoreChunks);
  });

  it('hands every node the same chunk objects for what their syncs share', () => {
    const cache = new ProxierCache();
    const syncers = ['a', 'b'].map((n) => new IptablesSyncer(config(n), undefined, cache));
    // Enough services for blocks (state.ts PortBlock) the change leaves whole.
    for (let i = 0; i < 200; i++)
      for (const s of syncers) {
        s.setService(service(i, 0, 80));
        s.setEndpointSlice(slice(i, [[1, i % 2, true]]));
      }
    for (const s of syncers) s.sync(0, () => []);
    const changed = slice(7, [[2, 0, true]]);
    const [a, b] = syncers.map((s) => (s.setEndpointSlice(changed), s.sync(1000, () => []).restoreChunks));
    expect(a!.length).toBe(b!.length);
    // Every chunk equal (those of many lines are one string per cluster: ProxierCache.joined).
    a!.forEach((chunk, i) => expect(chunk).toBe(b![i]));
    expect(a!.some((c) => c.split('\n').length > 30)).toBe(true);
  });

  it("joins a partial sync's capture rules by group of blocks: a change makes new text for its own group only", () => {
    // A block per port, so groups of 16 ports on average: 250 services make about 16 groups.
    const state = new ProxierState('test-node', new ProxierCache(), 1);
    for (let i = 0; i < 250; i++) state.update(`ns1/svc${i}`, service(i, 0, 80), [slice(i, [[1, 0, true]])]);
    void syncProxyRulesFrom(state);
    const partial = (i: number) => {
      state.update(`ns1/svc${i}`, service(i, 0, 80), [slice(i, [[2, 0, true]])]);
      return syncState(config('test-node'), state, { changed: new Set([`ns1/svc${i}`]) }).restoreChunks;
    };
    const before = new Set(partial(7));
    const after = partial(200);
    const captures = (chunk: string) =>
      chunk.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES ')).length;
    const total = after.reduce((n, c) => n + captures(c), 0);
    const made = after.filter((c) => !before.has(c)).reduce((n, c) => n + captures(c), 0);
    expect(total).toBeGreaterThanOrEqual(250);
    // Without groups, the runs around svc7 and svc200 share no text: every capture line is new.
    // With them, two groups (svc200's, and svc7's joined whole again) of about 16 groups of 1 to 62 ports.
    expect(made).toBeLessThan(total / 2);
  });

  it("writes a full sync's capture rules in the chunks of a partial sync: the first one after it is new text in the changed group only", () => {
    const state = new ProxierState('test-node', new ProxierCache(), 1);
    for (let i = 0; i < 250; i++) state.update(`ns1/svc${i}`, service(i, 0, 80), [slice(i, [[1, 0, true]])]);
    const full = new Set(syncState(config('test-node'), state).restoreChunks);
    state.update('ns1/svc7', service(7, 0, 80), [slice(7, [[2, 0, true]])]);
    const partial = syncState(config('test-node'), state, { changed: new Set(['ns1/svc7']) }).restoreChunks;
    const captures = (chunk: string) =>
      chunk.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES ')).length;
    const total = partial.reduce((n, c) => n + captures(c), 0);
    const made = partial.filter((c) => !full.has(c)).reduce((n, c) => n + captures(c), 0);
    expect(total).toBeGreaterThanOrEqual(250);
    // A full sync writing each service's capture rules next to its chains (upstream's order) shares none.
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(total / 4);
  });

  it("renders a partial sync's unchanged services not again: their rules are the kept ones", () => {
    const state = new ProxierState('test-node');
    state.update('ns1/svc0', service(0, 0, 80), [slice(0, [[1, 0, true]])]);
    state.update('ns1/svc1', service(1, 0, 80), [slice(1, [[1, 0, true]])]);
    syncProxyRulesFrom(state);
    const [a, b] = state.ports().map((p) => p.rules);
    expect(state.update('ns1/svc1', service(1, 0, 80), [slice(1, [[2, 0, true]])])).toBe(true);
    const out = syncProxyRulesFrom(state, new Set(['ns1/svc1']));
    expect(state.ports()[0]!.rules).toBe(a);
    expect(state.ports()[1]!.rules).not.toBe(b);
    expect(out).toContain('10.180.1.2:80');
  });

  it('counts an update that changes nothing the node derives as no change', () => {
    const state = new ProxierState('test-node');
    state.update('ns1/svc0', service(0, 0, 80), [slice(0, [[1, 1, true]])]);
    // The endpoint moves from one remote node to another: not local before, not local after.
    const moved = slice(0, [[1, 1, true]]);
    moved.endpoints[0] = { ...moved.endpoints[0]!, nodeName: 'third-node' };
    expect(state.update('ns1/svc0', service(0, 0, 80), [moved])).toBe(false);
    expect(state.update('ns1/svc0', service(0, 0, 80), [slice(0, [[1, 0, true]])])).toBe(true);
  });

  it('derives chain names and node-independent rules once for nodes sharing a cache', () => {
    const cache = new ProxierCache();
    const svc = service(0, 0, 80);
    const sl = [slice(0, [[1, 0, true]])];
    const states = NODES.map((n) => new ProxierState(n, cache));
    for (const s of states) {
      s.update('ns1/svc0', svc, sl);
      syncProxyRulesFrom(s, undefined, s.nodeName);
    }
    expect(states[0]!.ports()[0]!.rules).toBe(states[1]!.ports()[0]!.rules);
  });
});

function syncProxyRulesFrom(state: ProxierState, changed?: ReadonlySet<string>, node = 'test-node'): string {
  return syncState(config(node), state, changed ? { changed } : {}).restore;
}

describe('ProxierState: blocks kept across partial syncs', () => {
  const MANY = 100;
  const change = fc.oneof(
    fc.record({ kind: fc.constant('service' as const), i: fc.nat(MANY - 1), shape: fc.nat(59) }),
    fc.record({ kind: fc.constant('delete' as const), i: fc.nat(MANY - 1) }),
    fc.record({
      kind: fc.constant('slice' as const),
      i: fc.nat(MANY - 1),
      endpoints: fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.nat(1), fc.boolean()), {
        maxLength: 3,
      }),
    }),
    // Every service's port renamed at once: more changes than are spliced in, the blocks are cut anew.
    fc.record({ kind: fc.constant('all' as const), port: fc.constantFrom(80, 81) }),
  );

  it('computes, change after change, the sync a state built from scratch computes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(change, { maxLength: 8 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(1, 2, 4, 64),
        (rounds, blockSize) => {
          const services = new Map<string, Service>();
          const slices = new Map<string, EndpointSlice>();
          const cache = new ProxierCache();
          // Two nodes sharing a cache; blocks of a few ports, so that few services make many of them.
          const states = NODES.map((n) => new ProxierState(n, cache, blockSize));
          const shapes = new Map<number, number>();
          let port = 80;
          for (let i = 0; i < MANY; i += 3) {
            services.set(`ns1/svc${i}`, service(i, 0, port));
            slices.set(`ns1/svc${i}`, slice(i, [[1, 0, true]]));
          }
          const pending = new Set(services.keys());
          for (const [events, full] of rounds) {
            for (const e of events) {
              if (e.kind === 'all') {
                port = e.port;
                for (const [name, svc] of services) {
                  const i = Number(name.slice('ns1/svc'.length));
                  if (svc) services.set(name, service(i, shapes.get(i) ?? 0, port));
                  pending.add(name);
                }
                continue;
              }
              const name = `ns1/svc${e.i}`;
              pending.add(name);
              if (e.kind === 'service') {
                shapes.set(e.i, e.shape);
                services.set(name, service(e.i, e.shape, port));
              } else if (e.kind === 'delete') services.delete(name);
              else slices.set(name, slice(e.i, e.endpoints));
            }
            for (const [n, state] of states.entries()) {
              const changed = new Set<string>();
              for (const name of pending) {
                const sl = slices.get(name);
                if (state.update(name, services.get(name), sl ? [sl] : [])) changed.add(name);
              }
              const got = syncState(config(NODES[n]!), state, full ? {} : { changed });
              const want = syncProxyRules({
                config: config(NODES[n]!),
                services: [...services.values()],
                endpointSlices: [...slices.values()],
                ...(full ? {} : { changed }),
              });
              expect(got.restore).toBe(want.restore);
              expect(got.restoreChunks.join('')).toBe(want.restore);
              for (const chunk of got.restoreChunks) expect(chunk.endsWith('\n')).toBe(true);
              expect([got.natRules, got.skippedNatRules, got.filterRules]).toEqual([
                want.natRules,
                want.skippedNatRules,
                want.filterRules,
              ]);
              expect([...got.activeNatChains].sort()).toEqual([...want.activeNatChains].sort());
              const names = [...services.values()].flatMap((s) => cache.portsOf(s)).map((p) => p.name);
              expect(state.ports().map((p) => p.info.name)).toEqual(names.sort());
            }
            pending.clear();
          }
        },
      ),
      { numRuns: 120, seed: 8 },
    );
  });
});
