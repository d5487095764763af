import { describe, expect, it } from 'vitest';
import type { Rule } from './types.js';
import { ruleHandles } from './types.js';
import { Netfilter } from './store.js';
import { ACCEPT, bareRule, errorCode as code, jumpRule as jump } from './testing.js';

const accept = (): Rule => bareRule(ACCEPT);

describe('TableDraft chain references', () => {
  it('counts jumps as rules come and go', () => {
    const d = new Netfilter().begin('filter');
    d.newChain('X');
    d.append('INPUT', jump('X'));
    d.append('OUTPUT', jump('X'));
    expect(d.references('X')).toBe(2);
    d.insert('INPUT', 0, jump('X'));
    d.deleteAt('OUTPUT', 0);
    expect(d.references('X')).toBe(2);
    d.replace('INPUT', 0, accept());
    expect(d.references('X')).toBe(1);
    d.flush('INPUT');
    expect(d.references('X')).toBe(0);
    expect(code(() => d.deleteChain('X'))).toBe('ok');
  });

  it('refuses to delete a chain a rule added after the first count jumps to', () => {
    const d = new Netfilter().begin('filter');
    d.newChain('X');
    expect(d.references('X')).toBe(0);
    d.append('FORWARD', jump('X'));
    expect(code(() => d.deleteChain('X'))).toBe('EBUSY');
  });

  it('moves the references with a renamed chain', () => {
    const nf = new Netfilter();
    const made = nf.begin('filter');
    made.newChain('X');
    made.newChain('Y');
    nf.commit(made);
    // A rename names the chain by the handle it had when the batch began.
    const d = nf.begin('filter');
    d.append('Y', jump('X'));
    d.append('INPUT', jump('X'));
    d.renameChain('X', 'Z');
    expect(d.references('Z')).toBe(2);
    expect(d.references('X')).toBe(0);
    expect(d.rules('INPUT')[0].verdict).toEqual({ kind: 'jump', chain: 'Z', goto: false });
    expect(code(() => d.deleteChain('Z'))).toBe('EBUSY');
  });

  it('deletes every user chain of a big table without rescanning it per chain', () => {
    const nf = new Netfilter();
    const d = nf.begin('nat');
    for (let i = 0; i < 5000; i++) {
      d.newChain(`C${i}`);
      d.append('PREROUTING', jump(`C${i}`));
      d.append(`C${i}`, accept());
    }
    nf.commit(d);
    const flush = nf.begin('nat');
    const chains = flush.userChains();
    for (const c of chains) flush.flush(c);
    flush.flush('PREROUTING');
    for (const c of chains) flush.deleteChain(c);
    expect(nf.commit(flush).user.size).toBe(0);
  });
});

describe('TableDraft copy-on-write', () => {
  it('never changes the table it started from, whatever the edit order', () => {
    const nf = new Netfilter();
    const first = nf.begin('filter');
    first.append('INPUT', accept());
    const before = nf.commit(first);
    const d = nf.begin('filter');
    d.setPolicy('INPUT', 'DROP');
    d.append('INPUT', accept());
    d.zero('INPUT');
    expect(before.builtins.find((c) => c.name === 'INPUT')!.rules).toHaveLength(1);
    expect(before.builtins.find((c) => c.name === 'INPUT')!.policy).toBe('ACCEPT');
  });

  it('keeps a built table unchanged when the draft goes on', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.newChain('X');
    d.append('X', accept());
    const built = d.build();
    d.append('X', accept());
    d.append('INPUT', accept());
    expect(built.user.get('X')!.rules).toHaveLength(1);
    expect(built.builtins.find((c) => c.name === 'INPUT')!.rules).toHaveLength(0);
    expect(d.build().user.get('X')!.rules).toHaveLength(2);
  });

  it('reuses unchanged chains as they were', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.newChain('X');
    d.newChain('Y');
    d.append('X', accept());
    const t1 = nf.commit(d);
    const e = nf.begin('filter');
    e.append('Y', accept());
    const t2 = nf.commit(e);
    expect(t2.user.get('X')).toBe(t1.user.get('X'));
    expect(t2.user.get('Y')).not.toBe(t1.user.get('Y'));
  });
});

describe('TableDraft: a table made anew (restore without --noflush)', () => {
  /** A draft of `nf`'s filter table made anew: chains declared, then their rules, as a restore does. */
  const remade = (nf: Netfilter) => {
    const d = nf.begin('filter');
    d.recreate();
    d.setPolicy('INPUT', 'DROP');
    for (const name of ['B', 'A', 'C']) d.declare(name, (n) => n);
    d.append('INPUT', jump('B'));
    d.append('B', jump('A'));
    d.append('B', jump('C'));
    d.append('B', accept());
    d.append('A', jump('C'));
    return d;
  };

  it('commits its chains in the order it declared them, with their rules, jumps and handles', () => {
    const nf = new Netfilter();
    const t = nf.commit(remade(nf));
    expect([...t.user.keys()]).toEqual(['B', 'A', 'C']);
    expect(t.user.get('B')!.rules.map((r) => r.verdict.kind)).toEqual(['jump', 'jump', 'standard']);
    expect(ruleHandles(t, t.user.get('B')!)).toEqual([6, 7, 8]);
    expect(t.user.get('C')!.rules).toHaveLength(0);
    expect(t.builtins.find((c) => c.name === 'INPUT')!.policy).toBe('DROP');
    expect(
      ruleHandles(
        t,
        t.builtins.find((c) => c.name === 'INPUT')!,
      ),
    ).toEqual([5]);
    // The next batch on it reads the table (not the spent draft).
    const e = nf.begin('filter');
    e.append('C', accept());
    expect(nf.commit(e).user.get('C')!.rules).toHaveLength(1);
  });

  it('refuses a loop at commit and leaves the table as it was', () => {
    const nf = new Netfilter();
    const before = nf.commit(remade(nf));
    const d = remade(nf);
    d.append('C', jump('B'));
    // The kernel finds a loop as a jump stack that overflows.
    expect(code(() => nf.commit(d))).toBe('EMLINK');
    expect(nf.current('filter')).toBe(before);
  });

  it('gives a chain made empty and then filled lists of its own', () => {
    const nf = new Netfilter();
    const d = remade(nf);
    d.insert('C', 0, accept());
    const t = nf.commit(d);
    expect(t.user.get('C')!.rules).toHaveLength(1);
    expect(t.user.get('A')!.rules).toHaveLength(1);
  });
});

describe('TableDraft: rule handles kept as a run from the first', () => {
  const accept = (): Rule => bareRule(ACCEPT);

  it('numbers rules alike whether appends follow one another, interleave, or are edited later', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.newChain('X'); // 1
    d.newChain('Y'); // 2
    for (let i = 0; i < 3; i++) d.append('X', accept()); // 3, 4, 5: a run
    d.append('Y', accept()); // 6
    d.append('X', accept()); // 7: after Y's, no run any more
    d.append('Y', accept()); // 8: not after 6 either
    const t1 = nf.commit(d);
    expect(ruleHandles(t1, t1.user.get('X')!)).toEqual([3, 4, 5, 7]);
    expect(ruleHandles(t1, t1.user.get('Y')!)).toEqual([6, 8]);
    // Later batches edit the run of the built table: a list again where needed.
    const e = nf.begin('filter');
    e.insert('Y', 1, accept()); // 9
    e.append('Y', accept()); // 10
    e.deleteAt('X', 0);
    e.append('X', accept()); // 11
    const t2 = nf.commit(e);
    expect(ruleHandles(t2, t2.user.get('Y')!)).toEqual([6, 9, 8, 10]);
    expect(ruleHandles(t2, t2.user.get('X')!)).toEqual([4, 5, 7, 11]);
    // The earlier table is as it was.
    expect(ruleHandles(t1, t1.user.get('Y')!)).toEqual([6, 8]);
  });

  it('goes on with a built run when nothing took a handle since', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.newChain('X'); // 1
    d.append('X', accept()); // 2
    d.append('X', accept()); // 3
    // Kept as a run: no list.
    expect(nf.commit(d).user.get('X')!.handles).toBeUndefined();
    const e = nf.begin('filter');
    e.append('X', accept()); // 4
    const t = nf.commit(e);
    expect(ruleHandles(t, t.user.get('X')!)).toEqual([2, 3, 4]);
    expect(ruleHandles(t, t.user.get('X')!).length).toBe(t.user.get('X')!.rules.length);
  });
});
