import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import type { Table } from '../../kernel/netfilter/types.js';
import { kernelView } from '../../kernel/netfilter/testing.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';
import { setRestoreMemo } from './restore-memo.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore', 'ip', 'ping']) await findCommand(c);
});
afterEach(() => setRestoreMemo(true));

const RESTORE = ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'];

/** The user chains a body may name: services and their endpoints. */
const CHAINS = ['KUBE-SVC-A', 'KUBE-SVC-B', 'KUBE-SEP-C', 'KUBE-SEP-D', 'KUBE-SEP-E'];

/** A kube-proxy-like partial sync: chains declared and filled, then others deleted. */
interface Body {
  readonly declare: readonly number[];
  /** Per rule: its chain and where it jumps (indexes of the declared chains; -1 ACCEPT, -2 RETURN). */
  readonly rules: readonly (readonly [number, number])[];
  readonly deletes: readonly number[];
}

/** The body as a proxier's chunks: KUBE-SERVICES rewritten whole with a jump per declared service. */
function chunks(b: Body): string[] {
  const declared = [...new Set(b.declare)].map((i) => CHAINS[i]!);
  const services = declared
    .filter((c) => c.startsWith('KUBE-SVC'))
    .map((c) => `-A KUBE-SERVICES -p icmp -m comment --comment "${c}" -j ${c}\n`)
    .join('');
  const rules =
    declared.length === 0
      ? []
      : b.rules.map(([chain, to], k) => {
          const c = declared[chain % declared.length]!;
          const target = to === -1 ? 'ACCEPT' : to === -2 ? 'RETURN' : declared[to % declared.length]!;
          return `-A ${c} -m comment --comment "r${k}" -j ${target}\n`;
        });
  // A stale chain is flushed (declared) before it is deleted, as kube-proxy does.
  const stale = [...new Set(b.deletes)].map((i) => CHAINS[i]!).filter((c) => !declared.includes(c));
  const deletes = stale.map((c) => `-X ${c}\n`).join('');
  return [
    '*filter\n',
    ':KUBE-SERVICES - [0:0]\n' + [...declared, ...stale].map((c) => `:${c} - [0:0]\n`).join(''),
    ...(services ? [services] : []),
    ...rules,
    ...(deletes ? [deletes] : []),
    'COMMIT\n',
  ];
}

/** One event of a cluster: a body restored in some namespaces in turn, a ping, or a namespace going its own way. */
type Event =
  | { readonly kind: 'restore'; readonly body: Body; readonly order: readonly number[] }
  | { readonly kind: 'ping'; readonly ns: number }
  | { readonly kind: 'diverge'; readonly ns: number; readonly how: number };

/** What a namespace does to its table by itself (its tables then differ from the others'). */
const DIVERGE = [
  ['iptables', '-A', 'OUTPUT', '-o', 'lo', '-p', 'udp', '-j', 'ACCEPT'],
  ['iptables', '-N', 'OWN-CHAIN'],
  ['iptables', '-Z'],
  ['iptables', '-A', 'KUBE-SERVICES', '-p', 'udp', '-j', 'RETURN'],
];

/** Namespaces set up alike (KUBE-SERVICES hooked to OUTPUT on lo), then the events. */
async function run(spaces: number, events: readonly Event[], memo: boolean) {
  setRestoreMemo(memo);
  const w = new World({ seed: 3 });
  const nss: Netns[] = Array.from({ length: spaces }, (_, n) => w.createNetns(`node-${n}`));
  const log: unknown[] = [];
  /** Restores after which the namespace's chains are another's (the same map). */
  let shares = 0;
  for (const ns of nss) {
    await runTool(w, ['ip', 'link', 'set', 'lo', 'up'], { netns: ns });
    await runTool(w, ['iptables', '-N', 'KUBE-SERVICES'], { netns: ns });
    await runTool(w, ['iptables', '-I', 'OUTPUT', '-o', 'lo', '-j', 'KUBE-SERVICES'], { netns: ns });
  }
  const save = async (ns: Netns) =>
    (await runTool(w, ['iptables-save', '-c'], { netns: ns })).stdout.replace(/^#.*\n/gm, '');
  for (const e of events) {
    if (e.kind === 'restore') {
      const input = chunks(e.body);
      for (const n of e.order) {
        const ns = nss[n % spaces]!;
        const r = await runTool(w, RESTORE, { netns: ns, stdin: input });
        log.push([r.status, r.stdout, r.stderr]);
        const user = ns.netfilter.current('filter')?.user;
        if (r.status === 0 && nss.some((o) => o !== ns && o.netfilter.current('filter')?.user === user))
          shares++;
      }
    } else if (e.kind === 'ping') {
      const r = await runTool(w, ['ping', '-c', '1', '-W', '1', '127.0.0.1'], { netns: nss[e.ns % spaces]! });
      log.push(r.status);
    } else {
      const r = await runTool(w, DIVERGE[e.how % DIVERGE.length]!, { netns: nss[e.ns % spaces]! });
      log.push([r.status, r.stderr]);
    }
    // Every namespace's counters after every event: a packet counted in another's shows at once.
    for (const ns of nss) log.push(await save(ns));
  }
  const out = [];
  for (const ns of nss)
    out.push({ save: await save(ns), filter: kernelView(ns.netfilter.current('filter')) });
  setRestoreMemo(true);
  return { log, out, tables: nss.map((ns) => ns.netfilter.current('filter')!), save, nss, w, shares };
}

const SETUP: Body = {
  declare: [0, 1, 2, 3],
  rules: [
    [0, 2],
    [1, 3],
    [2, -1],
    [3, -2],
    [0, -2],
  ],
  deletes: [],
};

/** KUBE-SEP-D gone (KUBE-SVC-B, which jumped to it, refilled), KUBE-SEP-E made. */
const CHANGE: Body = {
  declare: [0, 1, 2, 4],
  rules: [
    [0, 2],
    [0, 3],
    [1, 3],
    [2, -1],
    [3, -1],
  ],
  deletes: [3],
};

describe('iptables-restore of a body another namespace restored onto the same table (restore-share.ts)', () => {
  it('leaves namespaces restoring the same bodies in turn with one map of chains, as reading the lines does', async () => {
    const events: Event[] = [
      { kind: 'restore', body: SETUP, order: [0, 1, 2] },
      { kind: 'restore', body: CHANGE, order: [0, 1, 2] },
      { kind: 'restore', body: SETUP, order: [0, 1, 2] },
    ];
    const [got, want] = [await run(3, events, true), await run(3, events, false)];
    expect(got.log).toEqual(want.log);
    expect(got.out).toEqual(want.out);
    const [a, b, c] = got.tables as [Table, Table, Table];
    expect(b.user).toBe(a.user);
    expect(c.user).toBe(a.user);
    // The built-in chains (their counters) stay each namespace's own.
    expect(b.builtins).not.toBe(a.builtins);
    expect(b.builtins[2]).not.toBe(a.builtins[2]);
    for (const ch of a.user.values()) if (ch.rules.length > 0) expect(sharedLists.has(ch.rules)).toBe(true);
  });

  it.each([
    {
      // node-0 reads the body first (the template, restore-rebase.ts) and counts a packet before node-1 rebases.
      first: 'the template',
      events: [
        { kind: 'restore', body: SETUP, order: [0] },
        { kind: 'ping', ns: 0 },
        { kind: 'restore', body: SETUP, order: [1] },
      ],
    },
    {
      // Both share one map; node-0 makes the change (the transition) and counts a packet before node-1 takes it.
      first: 'a transition',
      events: [
        { kind: 'restore', body: SETUP, order: [0, 1] },
        { kind: 'restore', body: CHANGE, order: [0] },
        { kind: 'ping', ns: 0 },
        { kind: 'restore', body: CHANGE, order: [1] },
      ],
    },
  ] as { first: string; events: Event[] }[])(
    'counts a packet in its own namespace only, when the first made $first',
    async ({ events: start }) => {
      const events: Event[] = [
        ...start,
        { kind: 'ping', ns: 1 },
        { kind: 'restore', body: SETUP, order: [0, 1] },
        { kind: 'ping', ns: 1 },
        // KUBE-SERVICES rewritten, the service chains kept with their counters.
        { kind: 'restore', body: { declare: [4], rules: [[0, -1]], deletes: [] }, order: [1, 0] },
      ];
      const [got, want] = [await run(2, events, true), await run(2, events, false)];
      expect(got.log.filter((r) => Array.isArray(r) && r[0] !== 0)).toEqual([]);
      // Every namespace's iptables-save -c after every event.
      expect(got.log).toEqual(want.log);
      expect(got.out).toEqual(want.out);
      // The last ping counted in node-1's KUBE-SVC-A, which the last body did not flush, not in node-0's.
      expect(got.out[1]!.save).toMatch(/^\[2:168\] -A KUBE-SVC-A -m comment --comment r0 -j KUBE-SEP-C$/m);
      expect(got.out[0]!.save).toMatch(/^\[0:0\] -A KUBE-SVC-A -m comment --comment r0 -j KUBE-SEP-C$/m);
    },
  );

  it('keeps a packet counted after sharing in its own namespace, and both restore again alike', async () => {
    const events: Event[] = [{ kind: 'restore', body: SETUP, order: [0, 1] }];
    const got = await run(2, events, true);
    const [ns0, ns1] = got.nss as [Netns, Netns];
    expect(got.tables[1]!.user).toBe(got.tables[0]!.user);
    await runTool(got.w, ['ping', '-c', '1', '-W', '1', '127.0.0.1'], { netns: ns1 });
    expect(await got.save(ns1)).toMatch(/^\[2:168\] -A KUBE-SERVICES -p icmp .*KUBE-SVC-A$/m);
    expect(await got.save(ns0)).toMatch(/^\[0:0\] -A KUBE-SERVICES -p icmp .*KUBE-SVC-A$/m);
    expect(await got.save(ns0)).not.toMatch(/^\[[1-9]/m);
    // A change in both: node-1's map is its own since its packet, node-0's is shared no more.
    for (const ns of [ns0, ns1])
      expect((await runTool(got.w, RESTORE, { netns: ns, stdin: chunks(CHANGE) })).status).toBe(0);
    await runTool(got.w, ['ping', '-c', '1', '-W', '1', '127.0.0.1'], { netns: ns0 });
    const want = await run(
      2,
      [
        ...events,
        { kind: 'ping', ns: 1 },
        { kind: 'restore', body: CHANGE, order: [0, 1] },
        { kind: 'ping', ns: 0 },
      ],
      false,
    );
    expect([await got.save(ns0), await got.save(ns1)]).toEqual(want.out.map((o) => o.save));
  });

  it.each([
    { why: 'one chain more', how: 1 },
    { why: 'another built-in rule', how: 0 },
    { why: 'another rule in a shared chain', how: 3 },
  ])('does not take what another namespace made of a table with $why', async ({ how }) => {
    const events: Event[] = [
      { kind: 'restore', body: SETUP, order: [0, 1] },
      { kind: 'diverge', ns: 1, how },
      { kind: 'restore', body: CHANGE, order: [0, 1] },
    ];
    const [got, want] = [await run(2, events, true), await run(2, events, false)];
    expect(got.log).toEqual(want.log);
    expect(got.out).toEqual(want.out);
    expect(got.tables[1]!.user).not.toBe(got.tables[0]!.user);
  });

  it('does not take it onto a table whose next handle differs', async () => {
    // node-1 made and deleted a chain: the same chains, numbered on from a later handle.
    const events: Event[] = [
      { kind: 'restore', body: SETUP, order: [0, 1] },
      { kind: 'diverge', ns: 1, how: 1 },
    ];
    const setup = await run(2, events, true);
    const [ns0, ns1] = setup.nss as [Netns, Netns];
    await runTool(setup.w, ['iptables', '-X', 'OWN-CHAIN'], { netns: ns1 });
    const before = [ns0, ns1].map((ns) => ns.netfilter.current('filter')!);
    expect(before[1]!.user).not.toBe(before[0]!.user);
    expect(before[1]!.nextHandle).toBe(before[0]!.nextHandle! + 1);
    for (const ns of [ns0, ns1])
      expect((await runTool(setup.w, RESTORE, { netns: ns, stdin: chunks(CHANGE) })).status).toBe(0);
    const lines = await run(2, events, false);
    const [m0, m1] = lines.nss as [Netns, Netns];
    await runTool(lines.w, ['iptables', '-X', 'OWN-CHAIN'], { netns: m1 });
    for (const ns of [m0, m1]) await runTool(lines.w, RESTORE, { netns: ns, stdin: chunks(CHANGE) });
    expect([await setup.save(ns0), await setup.save(ns1)]).toEqual([
      await lines.save(m0),
      await lines.save(m1),
    ]);
    expect([ns0, ns1].map((ns) => kernelView(ns.netfilter.current('filter')))).toEqual(
      [m0, m1].map((ns) => kernelView(ns.netfilter.current('filter'))),
    );
  });

  it('gives every namespace what reading the lines gives, whatever the bodies, packets and edits', async () => {
    const body = fc.record({
      declare: fc.array(fc.nat(CHAINS.length - 1), { maxLength: 4 }),
      rules: fc.array(fc.tuple(fc.nat(4), fc.integer({ min: -2, max: CHAINS.length - 1 })), { maxLength: 6 }),
      deletes: fc.array(fc.nat(CHAINS.length - 1), { maxLength: 2 }),
    });
    const event: fc.Arbitrary<Event> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('restore' as const),
          body,
          // Mostly every namespace in turn, as a cluster's nodes do.
          order: fc.oneof(fc.constant([0, 1, 2]), fc.array(fc.nat(2), { minLength: 1, maxLength: 3 })),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('ping' as const), ns: fc.nat(2) }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('diverge' as const), ns: fc.nat(2), how: fc.nat(3) }),
      },
    );
    let shared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(event, { minLength: 1, maxLength: 8 }),
        async (spaces, events) => {
          const [got, want] = [await run(spaces, events, true), await run(spaces, events, false)];
          expect(got.log).toEqual(want.log);
          expect(got.out).toEqual(want.out);
          shared += got.shares;
        },
      ),
      { numRuns: 80, seed: 21 },
    );
    // The property went through shared tables too.
    expect(shared).toBeGreaterThan(30);
  });
});
