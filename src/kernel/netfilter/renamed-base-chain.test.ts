import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import type { Rule } from './types.js';
import { Netfilter } from './store.js';
import { doTable } from './engine.js';
import { chainReferences } from './tables.js';
import {
  ACCEPT,
  bareRule,
  DROP,
  errorCode as code,
  icmpPacket,
  inputCtx,
  jumpRule as jump,
} from './testing.js';

const accept = () => bareRule(ACCEPT);
const drop = () => bareRule(DROP);
const input = () => inputCtx(new World().root, icmpPacket());

/** A filter table whose INPUT (with `rules`) was renamed to FOO, committed one edit at a time. */
function renamedInput(...rules: Rule[]): Netfilter {
  const nf = new Netfilter();
  let d = nf.begin('filter');
  for (const r of rules) d.append('INPUT', r);
  nf.commit(d);
  d = nf.begin('filter');
  d.renameChain('INPUT', 'FOO');
  nf.commit(d);
  return nf;
}

describe('a renamed built-in chain (iptables -E INPUT FOO)', () => {
  it('keeps its hook, rules and handle under the new name; INPUT reads as never created', () => {
    const nf = renamedInput(drop());
    const t = nf.current('filter')!;
    expect(t.foreign?.map((f) => [f.name, f.hook, f.rules.length, f.handle])).toEqual([
      ['FOO', 'INPUT', 1, 1],
    ]);
    const builtin = t.builtins.find((b) => b.name === 'INPUT')!;
    expect([builtin.hooked, builtin.rules.length, builtin.handle]).toEqual([false, 0, 0]);
    expect(doTable(t, input())).toBe('DROP');
    expect(t.foreign![0].rules[0].counters.packets).toBe(1n);
  });

  it('runs after a built-in made anew at the same hook: the newest hook of equal priority comes first', () => {
    const nf = renamedInput(drop());
    const d = nf.begin('filter');
    d.append('INPUT', accept());
    nf.commit(d);
    const t = nf.current('filter')!;
    // Measured: the new INPUT counts the packet, then the renamed chain drops it.
    expect(doTable(t, input())).toBe('DROP');
    expect(t.builtins.find((b) => b.name === 'INPUT')!.rules[0].counters.packets).toBe(1n);
    expect(t.foreign![0].rules[0].counters.packets).toBe(1n);
  });

  it('is skipped once the caller is done (the nat hook, when the flow got its binding)', () => {
    const nf = renamedInput(drop());
    const d = nf.begin('filter');
    d.append('INPUT', accept());
    nf.commit(d);
    const t = nf.current('filter')!;
    expect(doTable(t, input(), () => true)).toBe('ACCEPT');
    expect(t.foreign![0].rules[0].counters.packets).toBe(0n);
  });

  it('is refused to a name the kernel has, and a built-in never created cannot be renamed', () => {
    const nf = renamedInput(accept());
    const d = nf.begin('filter');
    expect(code(() => d.newChain('FOO'))).toBe('EEXIST');
    d.newChain('u');
    nf.commit(d);
    const d2 = nf.begin('filter');
    expect(code(() => d2.renameChain('u', 'FOO'))).toBe('EEXIST');
    expect(code(() => d2.renameChain('FORWARD', 'BAR'))).toBe('ENOENT');
  });

  it('names a chain by the handle the batch began with: one made in the batch is not found', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.newChain('u');
    expect(code(() => d.renameChain('u', 'v'))).toBe('ENOENT');
    nf.commit(d);
    const again = nf.begin('filter');
    again.recreate();
    again.newChain('u');
    expect(code(() => again.renameChain('u', 'v'))).toBe('ENOENT');
  });

  it('holds its jumps as references and empties with a whole-table flush; a table made anew drops it', () => {
    const nf = new Netfilter();
    let d = nf.begin('filter');
    d.newChain('u');
    d.append('INPUT', jump('u'));
    nf.commit(d);
    d = nf.begin('filter');
    d.renameChain('INPUT', 'FOO');
    expect(d.references('u')).toBe(1);
    expect(code(() => d.deleteChain('u'))).toBe('EBUSY');
    nf.commit(d);
    expect(chainReferences(nf.current('filter')!).get('u')).toBe(1);
    d = nf.begin('filter');
    d.flushForeign();
    expect(d.references('u')).toBe(0);
    nf.commit(d);
    expect(nf.current('filter')!.foreign![0].rules).toEqual([]);
    d = nf.begin('filter');
    d.recreate();
    expect(nf.commit(d).foreign).toBeUndefined();
  });
});
