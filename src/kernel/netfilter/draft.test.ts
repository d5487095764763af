import { describe, expect, it } from 'vitest';
import type { Rule } from './types.js';
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
