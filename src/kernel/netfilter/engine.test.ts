import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { IPPROTO } from '../../net/packet.js';
import { parseIPv4 } from '../../net/ipv4.js';
import type { Rule, Table, Verdict, XtModule } from './types.js';
import { emptyTable } from './tables.js';
import { doTable } from './engine.js';
import { ACCEPT, bareRule as rule, DROP, icmpPacket, inputCtx } from './testing.js';

const ip = (s: string) => parseIPv4(s)!;
const echo = (src: string, extra: Partial<Ipv4Packet> = {}): Ipv4Packet =>
  icmpPacket({ src: ip(src), l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 }, ...extra });

const from = (a: string, invert = false) => ({ addr: ip(a), mask: 0xffffffff, invert });
const RETURN: Verdict = { kind: 'standard', verdict: 'RETURN' };
const jump = (chain: string, goto = false): Verdict => ({ kind: 'jump', chain, goto });
const target = (name: string, data: Record<string, unknown>): Verdict => ({
  kind: 'target',
  target: { name, data },
});
const m = (name: string, data: Record<string, unknown>): XtModule => ({ name, data });

function table(input: Rule[], policy: 'ACCEPT' | 'DROP', user: Record<string, Rule[]> = {}): Table {
  const t = emptyTable('filter');
  return {
    ...t,
    builtins: t.builtins.map((c) =>
      c.name === 'INPUT' ? { ...c, rules: input, policy, hooked: true, policyStats: true } : c,
    ),
    user: new Map(
      Object.entries(user).map(([name, rules]) => [name, { kind: 'user' as const, name, rules }]),
    ),
  };
}

const ctx = (packet: Ipv4Packet) => inputCtx(new World().root, packet);

interface Case {
  name: string;
  build: () => Table;
  packet: Ipv4Packet;
  verdict: 'ACCEPT' | 'DROP';
  /** Packet counts of INPUT's rules, then the policy. */
  counts: number[];
}

const cases: Case[] = [
  {
    name: 'empty chain: policy',
    build: () => table([], 'DROP'),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [1],
  },
  {
    name: 'first match wins',
    build: () => table([rule(ACCEPT, { src: from('10.0.0.1') }), rule(DROP)], 'DROP'),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [1, 0, 0],
  },
  {
    name: 'inverted source falls through',
    build: () => table([rule(ACCEPT, { src: from('10.0.0.1', true) })], 'DROP'),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [0, 1],
  },
  {
    name: 'rule without target only counts',
    build: () => table([rule({ kind: 'none' }), rule({ kind: 'none' })], 'ACCEPT'),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [1, 1, 1],
  },
  {
    name: 'jump then RETURN resumes after the jump',
    build: () => table([rule(jump('X')), rule(DROP)], 'ACCEPT', { X: [rule(RETURN)] }),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [1, 1, 0],
  },
  {
    name: 'goto then end of chain applies the policy',
    build: () => table([rule(jump('X', true)), rule(DROP)], 'ACCEPT', { X: [] }),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [1, 0, 1],
  },
  {
    name: 'RETURN in the built-in chain: policy',
    build: () => table([rule(RETURN), rule(ACCEPT)], 'DROP'),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [1, 0, 1],
  },
  {
    name: 'protocol mismatch',
    build: () => table([rule(DROP, { proto: IPPROTO.TCP })], 'ACCEPT'),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [0, 1],
  },
  {
    name: 'icmp type match',
    build: () =>
      table(
        [rule(DROP, { proto: 1, matches: [m('icmp', { type: 8, code: [0, 255], inv: false })] })],
        'ACCEPT',
      ),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [1, 0],
  },
  {
    name: 'MARK continues, mark match sees it',
    build: () =>
      table(
        [
          rule(target('MARK', { value: 1, mask: 0xffffffff })),
          rule(DROP, { matches: [m('mark', { value: 1, mask: 0xffffffff, inv: false })] }),
        ],
        'ACCEPT',
      ),
    packet: echo('10.0.0.1'),
    verdict: 'DROP',
    counts: [1, 1, 0],
  },
  {
    name: 'length range',
    build: () => table([rule(DROP, { matches: [m('length', { min: 0, max: 83, inv: false })] })], 'ACCEPT'),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [0, 1],
  },
  {
    name: 'unknown match never matches',
    build: () => table([rule(DROP, { matches: [m('nosuch', {})] })], 'ACCEPT'),
    packet: echo('10.0.0.1'),
    verdict: 'ACCEPT',
    counts: [0, 1],
  },
];

describe('doTable', () => {
  for (const c of cases) {
    it(c.name, () => {
      const t = c.build();
      const x = ctx(c.packet);
      expect(doTable(t, x)).toBe(c.verdict);
      const input = t.builtins.find((b) => b.name === 'INPUT')!;
      expect([...input.rules.map((r) => Number(r.counters.packets)), Number(input.counters.packets)]).toEqual(
        c.counts,
      );
    });
  }

  it('counts bytes as the IP total length', () => {
    const t = table([rule({ kind: 'none' })], 'ACCEPT');
    doTable(t, ctx(echo('10.0.0.1', { totalLength: 1500 })));
    expect(t.builtins.find((b) => b.name === 'INPUT')!.rules[0].counters.bytes).toBe(1500n);
  });

  it('a chain never created in the kernel is not on the hook', () => {
    const t = emptyTable('filter');
    const x = ctx(echo('10.0.0.1'));
    expect(doTable({ ...t, builtins: t.builtins.map((b) => ({ ...b, policy: 'DROP' as const })) }, x)).toBe(
      'ACCEPT',
    );
  });

  it('statistic nth matches every Nth packet starting at --packet', () => {
    const t = table(
      [rule(DROP, { matches: [m('statistic', { mode: 'nth', every: 3, packet: 0 })] })],
      'ACCEPT',
    );
    const verdicts = Array.from({ length: 6 }, () => doTable(t, ctx(echo('10.0.0.1'))));
    expect(verdicts).toEqual(['DROP', 'ACCEPT', 'ACCEPT', 'DROP', 'ACCEPT', 'ACCEPT']);
  });

  it('limit lets the burst through, then one per period', () => {
    const t = table([rule(ACCEPT, { matches: [m('limit', { avg: 10000, burst: 2 })] })], 'DROP');
    const x = () => ctx(echo('10.0.0.1'));
    expect([doTable(t, x()), doTable(t, x()), doTable(t, x())]).toEqual(['ACCEPT', 'ACCEPT', 'DROP']);
  });
});
