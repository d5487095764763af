import { describe, expect, it } from 'vitest';
import { traceLines } from './format.js';
import type { TraceMessage } from '../../kernel/netfilter/monitor.js';
import type { Rule } from '../../kernel/netfilter/types.js';
import { newCounters } from '../../kernel/netfilter/types.js';

const rule: Rule = {
  src: null,
  dst: null,
  inIface: null,
  outIface: null,
  proto: 1,
  protoInvert: false,
  fragment: null,
  matches: [],
  verdict: { kind: 'standard', verdict: 'RETURN' },
  counters: newCounters(1n, 84n),
};

const msg = (m: Partial<TraceMessage>): TraceMessage => ({
  kind: 'trace',
  type: 'rule',
  id: 0x1062221c,
  table: 'filter',
  chain: 'B',
  handle: 7,
  rule,
  verdict: 'RETURN',
  packet: null,
  ...m,
});

describe('xtables-monitor trace lines', () => {
  it('prints NFT_RETURN as a number and the rule as iptables -S does', () => {
    expect(traceLines(msg({}), false)).toBe(
      ' TRACE: 2 1062221c filter:B:rule:0x7:0xfffffffb  -4 -t filter -A B -p icmp -j RETURN\n',
    );
  });
  it('prints counters with -c', () => {
    expect(traceLines(msg({}), true)).toContain('-4 -t filter [1:84] -A B');
  });
  it('prints a jump with its chain and a policy with a trailing space', () => {
    expect(traceLines(msg({ verdict: 'JUMP', target: 'X', rule: null }), false)).toBe(
      ' TRACE: 2 1062221c filter:B:rule:0x7:JUMP:X \n',
    );
    expect(traceLines(msg({ type: 'policy', chain: 'OUTPUT', verdict: 'DROP', rule: null }), false)).toBe(
      ' TRACE: 2 1062221c filter:OUTPUT:policy:DROP \n',
    );
  });
});
