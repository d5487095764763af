import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { runTool } from '../../../tools/testing.js';
import { findCommand } from '../../../tools/registry.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { recent, recentTable } from './recent.js';
import { in4Pton, in6Pton, recentNames, recentProcRead, recentProcWrite } from './recent-proc.js';
import { icmpPacket, inputCtx } from '../testing.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore']) await findCommand(c);
});

const ipt = (w: World, ...args: string[]) => runTool(w, ['iptables', ...args]);
const from = (src: string, ttl = 64): Ipv4Packet =>
  icmpPacket({ src: parseIPv4(src)!, ttl, l4: { kind: 'icmp', type: 8, code: 0, id: 1, seq: 1 } });
const ctx = (w: World) => inputCtx(w.root, from('10.0.0.1'));

/** The rule's recent match instance, as the kernel holds it. */
function ruleMatch(w: World, n = 0) {
  return w.root.netfilter.view('filter').builtins.find((c) => c.name === 'INPUT')!.rules[n].matches[0];
}

describe('recent match', () => {
  it('matches --update after --hitcount stamps within --seconds, and refreshes only when it matches', async () => {
    const w = new World();
    await ipt(
      w,
      '-A',
      'INPUT',
      '-m',
      'recent',
      '--name',
      'x',
      '--update',
      '--seconds',
      '10',
      '--hitcount',
      '3',
    );
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'x', '--set');
    const update = ruleMatch(w, 0);
    const set = ruleMatch(w, 1);
    const c = ctx(w);
    const seen: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      seen.push(recent.match(from('10.0.0.1'), c, update));
      recent.match(from('10.0.0.1'), c, set);
      w.clock.advanceTo(w.clock.now + 100);
    }
    expect(seen).toEqual([false, false, false, true, true]);
    // Stamps older than --seconds no longer count.
    w.clock.advanceTo(w.clock.now + 20_000);
    expect(recent.match(from('10.0.0.1'), c, update)).toBe(false);
  });

  it('keeps entries per masked source, with the mask of the rule that created the list', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'net', '--set', '--mask', '255.255.255.0');
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'net', '--rcheck', '--mask', '255.255.255.255');
    const c = ctx(w);
    recent.match(from('10.0.0.1'), c, ruleMatch(w, 0));
    expect(recent.match(from('10.0.0.99'), c, ruleMatch(w, 1))).toBe(true);
    expect(recentProcRead(w.root, 'net')).toMatch(/^src=10\.0\.0\.0 ttl: 64 /);
  });

  it('with --rttl matches only the TTL the address was set with', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--set');
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--rcheck', '--rttl');
    const c = ctx(w);
    recent.match(from('10.0.0.1', 64), c, ruleMatch(w, 0));
    expect(recent.match(from('10.0.0.1', 63), c, ruleMatch(w, 1))).toBe(false);
    expect(recent.match(from('10.0.0.1', 64), c, ruleMatch(w, 1))).toBe(true);
  });

  it('--remove matches and forgets; an inverted --rcheck matches unknown sources', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--set');
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--remove');
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '!', '--rcheck');
    const c = ctx(w);
    recent.match(from('10.0.0.1'), c, ruleMatch(w, 0));
    expect(recent.match(from('10.0.0.1'), c, ruleMatch(w, 2))).toBe(false);
    expect(recent.match(from('10.0.0.1'), c, ruleMatch(w, 1))).toBe(true);
    expect(recent.match(from('10.0.0.1'), c, ruleMatch(w, 2))).toBe(true);
  });
});

describe('recent lists follow the rules naming them', () => {
  it('exists while a rule names it, survives a restore, starts afresh after the last rule went', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'a', '--rcheck');
    expect(recentNames(w.root)).toEqual(['a']);
    recentProcWrite(w.root, 'a', '+1.2.3.4\n', 0);
    const saved = (await runTool(w, ['iptables-save'])).stdout;
    await runTool(w, ['iptables-restore'], { stdin: saved });
    expect(recentProcRead(w.root, 'a')).toContain('src=1.2.3.4');
    await ipt(w, '-F', 'INPUT');
    expect(recentTable(w.root.netfilter, 'a')).toBeUndefined();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'a', '--rcheck');
    expect(recentProcRead(w.root, 'a')).toBe('');
  });

  it('is emptied when a rule needing more stamps joins', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'a', '--set');
    recentProcWrite(w.root, 'a', '+1.2.3.4\n', 0);
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'a', '--rcheck', '--hitcount', '20');
    expect(recentProcRead(w.root, 'a')).toContain('1.2.3.4');
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--name', 'a', '--rcheck', '--hitcount', '40');
    expect(recentProcRead(w.root, 'a')).toBe('');
  });

  it('refuses what recent_mt_check refuses', async () => {
    const w = new World();
    for (const args of [
      ['--set', '--seconds', '5'],
      ['--remove', '--hitcount', '2'],
      ['--rcheck', '--hitcount', '65536'],
      ['--rcheck', '--name', 'a/b'],
      ['--rcheck', '--name', ''],
    ]) {
      const r = await ipt(w, '-A', 'INPUT', '-m', 'recent', ...args);
      expect(r.stderr).toBe(
        'iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain INPUT\n',
      );
      expect(r.status).toBe(4);
    }
  });
});

describe('/proc/net/xt_recent writes', () => {
  it('takes one command per write at offset 0', async () => {
    const w = new World();
    await ipt(w, '-A', 'INPUT', '-m', 'recent', '--rcheck');
    expect(recentProcWrite(w.root, 'DEFAULT', '+1.2.3.4\n', 0)).toEqual({ ok: true, written: 9 });
    expect(recentProcWrite(w.root, 'DEFAULT', '+1.2.3.5\n', 9)).toEqual({ ok: false, error: 'ESPIPE' });
    expect(recentProcWrite(w.root, 'DEFAULT', 'x\n', 0)).toEqual({ ok: false, error: 'EINVAL' });
    expect(recentProcWrite(w.root, 'DEFAULT', '+1.2.3\n', 0)).toEqual({ ok: false, error: 'EINVAL' });
    expect(recentProcWrite(w.root, 'DEFAULT', '/\n', 0)).toEqual({ ok: true, written: 2 });
    expect(recentProcRead(w.root, 'DEFAULT')).toBe('');
  });

  it.each([
    ['1.2.3.4', 0x01020304],
    ['0.0.0.0\nrest', 0],
    ['1.2.3.4 ', null],
    ['1.2.3.256', null],
    ['1.2..4', null],
  ])('in4_pton(%j)', (text, want) => expect(in4Pton(text)).toBe(want));

  it.each([
    ['::1', '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['fe80::1:2', 'fe80:0000:0000:0000:0000:0000:0001:0002'],
    ['::ffff:1.2.3.4', '0000:0000:0000:0000:0000:ffff:0102:0304'],
    ['1:2:3:4:5:6:7:8', '0001:0002:0003:0004:0005:0006:0007:0008'],
    ['1::2::3', null],
    ['12345::', null],
  ])('in6_pton(%j)', (text, want) => expect(in6Pton(text)).toBe(want));
});
