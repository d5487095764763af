import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { runTool } from '../../../tools/testing.js';
import { findCommand } from '../../../tools/registry.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { hashlimit, hashlimitProcRead } from './hashlimit.js';
import { inputCtx } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

const ipt = (w: World, ...args: string[]) => runTool(w, ['iptables', ...args]);
const pkt = (src: string, dport = 80): Ipv4Packet => ({
  src: parseIPv4(src)!,
  dst: parseIPv4('10.0.0.2')!,
  protocol: 17,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 128,
  dontFragment: false,
  l4: { kind: 'udp', sport: 1000, dport },
});
const ctx = (w: World) => inputCtx(w.root, pkt('10.0.0.1'));
const ruleMatch = (w: World, n = 0) =>
  w.root.netfilter.view('filter').builtins.find((c) => c.name === 'INPUT')!.rules[n].matches[0];

/** Sends a packet every `everyMs` and returns which ones matched. */
function run(w: World, n: number, everyMs: number, src = '10.0.0.1'): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) {
    out.push(hashlimit.match(pkt(src), ctx(w), ruleMatch(w)));
    w.clock.advanceTo(w.clock.now + everyMs);
  }
  return out;
}

describe('hashlimit match', () => {
  it('lets a burst through, then one packet per period', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'hashlimit',
      '--hashlimit-upto',
      '1/sec',
      '--hashlimit-burst',
      '3',
      '--hashlimit-name',
      'a',
    );
    // Every 0.3s: credit for 3, then one more each second (at 1.2s and 2.1s).
    expect(run(w, 8, 300)).toEqual([true, true, true, false, true, false, false, true]);
  });

  it('keeps one bucket per source with --hashlimit-mode srcip, one for all without', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'hashlimit',
      '--hashlimit-upto',
      '1/min',
      '--hashlimit-burst',
      '1',
      '--hashlimit-mode',
      'srcip',
      '--hashlimit-name',
      'a',
    );
    expect(run(w, 2, 10, '10.0.0.1')).toEqual([true, false]);
    expect(run(w, 1, 10, '10.0.0.9')).toEqual([true]);
    expect(
      hashlimitProcRead(w.root.netfilter, w, 'a')
        ?.split('\n')
        .map((l) => l.split(' ')[1]),
    ).toEqual(['10.0.0.1:0->0.0.0.0:0', '10.0.0.9:0->0.0.0.0:0', undefined]);
  });

  it('matches over the limit with --hashlimit-above', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'hashlimit',
      '--hashlimit-above',
      '2/sec',
      '--hashlimit-burst',
      '2',
      '--hashlimit-name',
      'a',
    );
    expect(run(w, 4, 300)).toEqual([false, false, false, true]);
  });

  it('forgets an idle bucket once garbage collection has run after it expired', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'hashlimit',
      '--hashlimit-upto',
      '1/hour',
      '--hashlimit-burst',
      '1',
      '--hashlimit-name',
      'a',
      '--hashlimit-htable-expire',
      '2000',
    );
    expect(run(w, 2, 1000)).toEqual([true, false]);
    w.clock.advanceTo(w.clock.now + 3000);
    expect(run(w, 1, 0)).toEqual([true]);
  });

  it('counts bytes in byte mode: a second of credit, refilled twice from a 2kb burst', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'hashlimit',
      '--hashlimit-upto',
      '1kb/s',
      '--hashlimit-burst',
      '2kb',
      '--hashlimit-name',
      'b',
    );
    // 128-byte packets (nine 16-byte chunks), all at once: 7 fit in each full credit.
    expect(run(w, 40, 0).filter(Boolean).length).toBe(21);
  });

  it.each([
    [['--hashlimit-upto', '1/day'], 'Numerical result out of range'],
    [['--hashlimit-upto', '1/s', '--hashlimit-htable-expire', '0'], 'Invalid argument'],
    [['--hashlimit-upto', '1/s', '--hashlimit-htable-gcinterval', '0'], 'Invalid argument'],
    [['--hashlimit-upto', '1/s', '--hashlimit-srcmask', '33'], 'Invalid argument'],
  ])('refuses %j at checkentry (%s)', async (opts, msg) => {
    const w = new World();
    const r = await ipt(w, '-A', 'INPUT', '-m', 'hashlimit', '--hashlimit-name', 'x', ...opts);
    expect(r.stderr).toBe(`iptables v1.8.9 (nf_tables):  RULE_APPEND failed (${msg}): rule in chain INPUT\n`);
    expect(r.status).toBe(4);
  });
});
