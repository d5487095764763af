import { afterEach, describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import { World } from '../../world.js';
import { doTable } from '../engine.js';
import type { Rule, Table, Verdict } from '../types.js';
import { newCounters } from '../types.js';
import { ChainPlan, setNaiveClassifier } from '../compile/index.js';
import { bareRule, inputCtx } from '../testing.js';

const target = (name: string, data: Record<string, unknown>): Verdict => ({
  kind: 'target',
  target: { name, data },
});
const NEW_TARGETS: readonly Verdict[] = [
  target('DSCP', { dscp: 0x2e }),
  target('CLASSIFY', { priority: 0x10010 }),
  target('CHECKSUM', { fill: true }),
  target('NFLOG', { group: 5 }),
  target('TCPMSS', { mss: 1000 }),
  target('ECN', { ece: 1, cwr: 1, ect: 2 }),
  target('NFQUEUE', { num: 3, total: 1, bypass: true }),
  target('NFQUEUE', { num: 4, total: 1 }),
];

/** A kube-proxy-sized run of `-d IP -p tcp` rules (indexed by destination), every 7th one with a new target. */
function table(): Table {
  const rules: Rule[] = Array.from({ length: 300 }, (_, k) =>
    bareRule(k % 7 === 0 ? NEW_TARGETS[(k / 7) % NEW_TARGETS.length] : { kind: 'none' }, {
      dst: { addr: 0x0a000000 + (k % 40), mask: 0xffffffff, invert: false },
      proto: 6,
    }),
  );
  return {
    name: 'mangle',
    builtins: [
      {
        kind: 'builtin',
        name: 'POSTROUTING',
        policy: 'ACCEPT',
        counters: newCounters(),
        rules,
        hooked: true,
        policyStats: true,
      },
    ],
    user: new Map(),
  };
}

const syn = (dst: number): Ipv4Packet => ({
  src: 0x0a010101,
  dst,
  protocol: 6,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 44,
  dontFragment: true,
  l4: {
    kind: 'tcp',
    sport: 40000,
    dport: 80,
    seq: 0,
    ack: 0,
    flags: 2,
    window: 100,
    headerLength: 24,
    options: { mss: 1460 },
  },
});

function run(naive: boolean) {
  setNaiveClassifier(naive);
  const t = table();
  const netns = new World({ seed: 1 }).createNetns('t');
  const seen = Array.from({ length: 45 }, (_, k) => {
    const ctx = inputCtx(netns, syn(0x0a000000 + k), { hook: 'POSTROUTING', table: 'mangle', trace: null });
    const verdict = doTable(t, ctx);
    return { verdict, tos: ctx.packet.tos, l4: ctx.packet.l4 };
  });
  return { seen, counters: t.builtins[0].rules.map((r) => r.counters) };
}

afterEach(() => setNaiveClassifier(false));

describe('DSCP, CLASSIFY, CHECKSUM, NFLOG, TCPMSS, ECN, NFQUEUE in a compiled chain', () => {
  it('give the verdicts, rewrites and counters of the rule-by-rule walk', () => {
    expect(ChainPlan.compile(table().builtins[0].rules).indexed).toBe(true);
    const compiled = run(false);
    expect(compiled).toEqual(run(true));
    const verdicts = new Set(compiled.seen.map((s) => s.verdict));
    // Both NFQUEUE outcomes (no listener: drop; --queue-bypass: accept) really happened.
    expect(verdicts).toEqual(new Set(['ACCEPT', 'DROP']));
    expect(compiled.seen.some((s) => s.tos === 0xb8)).toBe(true);
    expect(compiled.seen.some((s) => s.l4?.kind === 'tcp' && s.l4.options?.mss === 1000)).toBe(true);
  });
});
