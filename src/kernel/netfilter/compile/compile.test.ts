import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Link } from '../../link/link.js';
import type { Ipv4Packet, L4Header } from '../../../net/packet.js';
import { World } from '../../world.js';
import type { NfCtx } from '../context.js';
import { doTable, ruleMismatch } from '../engine.js';
import { NfTrace } from '../../trace/nf-trace.js';
import type { TraceRecorder } from '../../trace/recorder.js';
import type { TraceEvent } from '../../trace/events.js';
import type { AddrMatch, Rule, Table, UserChain, Verdict, XtModule } from '../types.js';
import { Counters, newCounters } from '../types.js';
import { ChainPlan, COMMIT_COMPILE_RULES, planFor, setNaiveClassifier } from './index.js';
import { Netfilter } from '../store.js';
import { ACCEPT, bareRule, inputCtx } from '../testing.js';

const ADDRS = [0x0a000001, 0x0a000002, 0x0a000003, 0x0a000102, 0xc0a80001, 0xc0a80002];
const MASKS = [0xffffffff, 0xffffffff, 0xffffff00, 0xffff0000, 0];
const PORTS = [53, 80, 443, 8080];
const MARKS = [0, 1, 2, 0x4000, 0x4001];
const IFACES = ['eth0', 'eth1', 'veth+', 'lo', ''];
const USER = ['U0', 'U1', 'U2', 'U3'];

const addr = (invertP: number) =>
  fc.record({
    addr: fc.constantFrom(...ADDRS),
    mask: fc.constantFrom(...MASKS),
    invert: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < invertP),
  }) as fc.Arbitrary<AddrMatch>;
const port = fc.constantFrom(...PORTS);
const portRange = fc.oneof(
  port.map((p) => [p, p] as const),
  fc.constantFrom([0, 100] as const, [400, 9000] as const),
);

const match: fc.Arbitrary<XtModule> = fc.oneof(
  fc.constant({ name: 'comment', data: { comment: 'x' } }),
  fc
    .record({ dport: portRange, dportInv: fc.boolean(), sport: fc.option(portRange, { nil: undefined }) })
    .map((data) => ({ name: 'tcp', data })),
  fc.record({ dport: portRange, dportInv: fc.boolean() }).map((data) => ({ name: 'udp', data })),
  fc
    .record({
      value: fc.constantFrom(...MARKS),
      mask: fc.constantFrom(0xffffffff, 0x4000, 0xff),
      inv: fc.boolean(),
    })
    .map((data) => ({ name: 'mark', data })),
  fc
    .record({ probability: fc.constantFrom(0x40000000, 0x2aaaaaab, 0x7fffffff), inv: fc.boolean() })
    .map((d) => ({ name: 'statistic', data: { mode: 'random', ...d } })),
  fc
    .record({ every: fc.integer({ min: 2, max: 4 }), packet: fc.nat(1) })
    .map((d) => ({ name: 'statistic', data: { mode: 'nth', ...d } })),
  // Stateful: each evaluation spends bytes, so it must run exactly when the walk would run it.
  fc
    .record({ quota: fc.constantFrom('0', '100', '5000', '20000'), inv: fc.boolean() })
    .map((data) => ({ name: 'quota', data })),
);

/** Verdicts of a rule in chain `level` (-1: the built-in): jumps only go deeper, so the graph stays acyclic. */
const verdict = (level: number): fc.Arbitrary<Verdict> => {
  const options: fc.Arbitrary<Verdict>[] = [
    fc.constant({ kind: 'none' }),
    fc.constantFrom('ACCEPT', 'DROP', 'RETURN').map((v) => ({ kind: 'standard', verdict: v }) as const),
    fc
      .record({ value: fc.constantFrom(...MARKS), mask: fc.constantFrom(0xffffffff, 0x4000) })
      .map((data) => ({ kind: 'target', target: { name: 'MARK', data } }) as const),
  ];
  const deeper = USER.slice(level + 1);
  if (deeper.length > 0)
    options.push(
      fc
        .record({ chain: fc.constantFrom(...deeper), goto: fc.double({ min: 0, max: 1, noNaN: true }) })
        .map(({ chain, goto }) => ({ kind: 'jump', chain, goto: goto < 0.15 }) as const),
    );
  return fc.oneof(...options);
};

/** Any rule, with every field random. */
const anyRule = (level: number): fc.Arbitrary<Rule> =>
  fc.record({
    src: fc.option(addr(0.2), { nil: null }),
    dst: fc.option(addr(0.2), { nil: null }),
    inIface: fc.option(
      fc.record({
        name: fc.constantFrom(...IFACES),
        invert: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.2),
      }),
      { nil: null },
    ),
    outIface: fc.constant(null),
    proto: fc.constantFrom(0, 6, 17, 1),
    protoInvert: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x < 0.1),
    fragment: fc.constant(null),
    matches: fc.array(match, { maxLength: 3 }),
    verdict: verdict(level),
    counters: fc.constant(newCounters()),
  });

/** kube-proxy's shape: `-d IP/32 -p tcp --dport P -j ...`, so long keyed runs form. */
const serviceRule = (level: number, keyOn: string): fc.Arbitrary<Rule> =>
  fc
    .record({
      dst: fc.constantFrom(...ADDRS),
      proto: fc.constantFrom(6, 17),
      dport: port,
      pre: fc.array(match, { maxLength: 1 }),
      verdict: verdict(level),
      mark: fc.constantFrom(...MARKS),
      iif: fc.constantFrom('eth0', 'eth1'),
    })
    .map((r): Rule =>
      bareRule(r.verdict, {
        dst: keyOn === 'dst' ? { addr: r.dst, mask: 0xffffffff, invert: false } : null,
        inIface: keyOn === 'iif' ? { name: r.iif, invert: false } : null,
        proto: r.proto,
        matches: [
          ...(keyOn === 'mark'
            ? [{ name: 'mark', data: { value: r.mark, mask: 0xffffffff, inv: false } }]
            : []),
          ...r.pre,
          { name: r.proto === 6 ? 'tcp' : 'udp', data: { dport: [r.dport, r.dport], dportInv: false } },
        ],
      }),
    );

/** A chain mostly keyed on one dimension (as real ones are), with random rules in between. */
const rules = (level: number) =>
  fc
    .constantFrom('dst', 'dport', 'mark', 'iif')
    .chain((keyOn) =>
      fc.array(
        fc.oneof(
          { weight: 1, arbitrary: anyRule(level) },
          { weight: 6, arbitrary: serviceRule(level, keyOn) },
        ),
        { maxLength: 40 },
      ),
    );

const table: fc.Arbitrary<Table> = fc
  .record({
    policy: fc.constantFrom('ACCEPT', 'DROP'),
    base: rules(-1),
    user: fc.tuple(...USER.map((_, k) => rules(k))),
  })
  .map(({ policy, base, user }) => ({
    name: 'mangle',
    builtins: [
      {
        kind: 'builtin',
        name: 'PREROUTING',
        policy,
        counters: newCounters(),
        rules: base,
        hooked: true,
        policyStats: true,
      },
    ],
    user: new Map(USER.map((name, k): [string, UserChain] => [name, { kind: 'user', name, rules: user[k] }])),
  }));

const packet: fc.Arbitrary<{ packet: Ipv4Packet; iif: string | null }> = fc
  .record({
    src: fc.constantFrom(...ADDRS),
    dst: fc.constantFrom(...ADDRS, 0x08080808),
    protocol: fc.constantFrom(6, 17, 1),
    sport: fc.constantFrom(...PORTS, 40000),
    dport: fc.constantFrom(...PORTS, 9999),
    mark: fc.constantFrom(...MARKS),
    iif: fc.constantFrom('eth0', 'eth1', 'veth7', 'lo', null),
  })
  .map(({ src, dst, protocol, sport, dport, mark, iif }) => {
    const l4: L4Header =
      protocol === 6
        ? { kind: 'tcp', sport, dport, seq: 0, ack: 0, flags: 2, window: 100, headerLength: 20 }
        : protocol === 17
          ? { kind: 'udp', sport, dport }
          : { kind: 'icmp', type: 8, code: 0, id: sport, seq: 1 };
    const p: Ipv4Packet = {
      src,
      dst,
      protocol,
      ttl: 64,
      tos: 0,
      id: 1,
      totalLength: 60 + dport,
      dontFragment: true,
      l4,
      mark,
    };
    return { packet: p, iif };
  });

/** Runs the packets through a copy of the table; what every observer could see afterwards. */
function run(
  t: Table,
  packets: readonly { packet: Ipv4Packet; iif: string | null }[],
  naive: boolean,
  steps?: TraceEvent[][],
) {
  setNaiveClassifier(naive);
  const copy = structuredClone(t);
  // structuredClone keeps an object's fields, not its class: the copy's counters become Counters again.
  for (const c of [...copy.builtins, ...copy.user.values()]) {
    if (c.kind === 'builtin') Object.setPrototypeOf(c.counters, Counters.prototype);
    for (const r of c.rules) Object.setPrototypeOf(r.counters, Counters.prototype);
  }
  const world = new World({ seed: 7 });
  const netns = world.createNetns('t');
  const seen = packets.map(({ packet, iif }) => {
    // Traced: each packet's steps as NfTrace reports them (only rule, ruled-out, chain and verdict here).
    const events: TraceEvent[] = [];
    steps?.push(events);
    const rec = {
      events,
      push(_n: unknown, _id: number, e: TraceEvent) {
        events.push(e);
        // A ruled-out run is checked as it is reported, against the packet as it is then (a MARK may change it later).
        if (e.type !== 'ruled-out') return;
        const chain = [...copy.builtins, ...copy.user.values()].find((c) => c.name === e.chain)!;
        for (let i = e.from; i <= e.to; i++)
          if (ruleMismatch(chain.rules[i - 1], ctx.packet, ctx) === null)
            throw new Error(`${e.chain} rule ${i} was ruled out but matches`);
      },
    };
    const ctx: NfCtx = inputCtx(netns, packet, {
      hook: 'PREROUTING',
      in: iif === null ? null : ({ name: iif } as Link),
      route: { input: true, local: false, broadcast: false },
      table: 'mangle',
      trace: steps ? new NfTrace(rec as unknown as TraceRecorder, netns, 1, 'PREROUTING') : null,
    });
    const v = doTable(copy, ctx);
    return { v, mark: ctx.packet.mark };
  });
  const counters = [...copy.builtins, ...copy.user.values()].map((c) => c.rules.map((r) => r.counters));
  return { seen, counters, policy: copy.builtins[0].counters, rng: world.rng.u32() };
}

afterEach(() => setNaiveClassifier(false));

describe('compiled chains', () => {
  it('agree with the rule-by-rule walk on verdicts, counters, marks and random draws', () => {
    let indexed = 0;
    fc.assert(
      fc.property(table, fc.array(packet, { minLength: 1, maxLength: 12 }), (t, packets) => {
        for (const c of [...t.builtins, ...t.user.values()])
          if (ChainPlan.compile(c.rules).indexed) indexed++;
        expect(run(t, packets, false)).toEqual(run(t, packets, true));
      }),
      { numRuns: 400 },
    );
    // The property is only worth something if compiled plans were really exercised.
    expect(indexed).toBeGreaterThan(100);
  });

  it('a traced packet sees the same walk: ruled-out runs and evaluated rules cover each chain in order', () => {
    let ruledOut = 0;
    fc.assert(
      fc.property(table, fc.array(packet, { minLength: 1, maxLength: 6 }), (t, packets) => {
        const steps: TraceEvent[][] = [];
        expect(run(t, packets, false, steps)).toEqual(run(t, packets, true));
        steps.forEach((events) => {
          // Where the walk is in each chain it entered: the next rule a step must start at.
          const at: { chain: string; next: number }[] = [];
          for (const e of events) {
            if (e.type === 'chain') {
              if (e.via === 'return') at.pop();
              else if (e.via === 'goto') at[at.length - 1] = { chain: e.chain, next: 1 };
              else at.push({ chain: e.chain, next: 1 });
            } else if (e.type === 'rule') {
              expect(e.index).toBe(at.at(-1)!.next);
              at.at(-1)!.next = e.index + 1;
            } else if (e.type === 'ruled-out') {
              ruledOut++;
              expect(e.from).toBe(at.at(-1)!.next);
              expect(e.to).toBeGreaterThanOrEqual(e.from);
              at.at(-1)!.next = e.to + 1;
            }
          }
        });
      }),
      { numRuns: 300 },
    );
    expect(ruledOut).toBeGreaterThan(100);
  });

  it('indexes a kube-proxy KUBE-SERVICES run by destination and skips to the one candidate', () => {
    const svc = (k: number): Rule =>
      bareRule(ACCEPT, {
        dst: { addr: 0x0a600000 + k, mask: 0xffffffff, invert: false },
        proto: 6,
        matches: [{ name: 'tcp', data: { dport: [80, 80] } }],
      });
    const list = Array.from({ length: 1000 }, (_, k) => svc(k));
    const plan = planFor(list)!;
    expect(plan.stats).toEqual({ blocks: 1, indexed: 1000 });
    const ctx = { packet: { dst: 0x0a600000 + 700 } } as NfCtx;
    expect(plan.next(0, ctx)).toBe(700);
    expect(plan.next(701, ctx)).toBe(1000);
  });

  it('compiles a long chain when a commit makes it, a short one on its first packet', () => {
    const compile = vi.spyOn(ChainPlan, 'compile');
    try {
      const nf = new Netfilter();
      const d = nf.begin('filter');
      d.newChain('LONG');
      d.newChain('SHORT');
      const rule = (k: number) => bareRule(ACCEPT, { dst: { addr: k, mask: 0xffffffff, invert: false } });
      for (let k = 0; k < COMMIT_COMPILE_RULES; k++) d.append('LONG', rule(k));
      for (let k = 0; k < COMMIT_COMPILE_RULES - 1; k++) d.append('SHORT', rule(k));
      for (let k = 0; k < COMMIT_COMPILE_RULES; k++) d.append('INPUT', rule(k));
      const table = nf.commit(d);
      // LONG and INPUT, not SHORT.
      expect(compile.mock.calls.map(([rules]) => rules.length)).toEqual([
        COMMIT_COMPILE_RULES,
        COMMIT_COMPILE_RULES,
      ]);
      compile.mockClear();
      planFor(table.user.get('LONG')!.rules);
      planFor(table.builtins.find((b) => b.name === 'INPUT')!.rules);
      expect(compile).not.toHaveBeenCalled();
      planFor(table.user.get('SHORT')!.rules);
      expect(compile).toHaveBeenCalledTimes(1);
      // A commit that leaves LONG alone keeps its list, hence its plan; SHORT, now long, compiles.
      compile.mockClear();
      const next = nf.begin('filter');
      next.append('SHORT', rule(99));
      const after = nf.commit(next);
      expect(after.user.get('LONG')!.rules).toBe(table.user.get('LONG')!.rules);
      expect(compile.mock.calls.map(([rules]) => rules.length)).toEqual([COMMIT_COMPILE_RULES]);
    } finally {
      compile.mockRestore();
    }
  });

  it('compiles a rule list once and a new list (a commit) anew', () => {
    const list: Rule[] = Array.from({ length: 10 }, () =>
      bareRule({ kind: 'none' }, { dst: { addr: 1, mask: 0xffffffff, invert: false } }),
    );
    expect(planFor(list)).toBe(planFor(list));
    expect(planFor(list.slice())).not.toBe(planFor(list));
    setNaiveClassifier(true);
    expect(planFor(list)).toBeNull();
  });
});
