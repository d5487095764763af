import { describe, expect, it } from 'vitest';
import type { Table } from './types.js';
import { ruleHandle } from './types.js';
import { Netfilter } from './store.js';
import type { NftMessage } from './monitor.js';
import { NFT_GROUP, nftListen } from './monitor.js';
import { ACCEPT, bareRule as rule } from './testing.js';

const chainOf = (t: Table, name: string) => t.builtins.find((b) => b.name === name) ?? t.user.get(name)!;
const handles = (t: Table, name: string) =>
  chainOf(t, name).rules.map((_, i) => ruleHandle(t, chainOf(t, name), i));

describe('nf_tables handles (table->hgenerator)', () => {
  it('numbers chains and rules in the order the kernel creates them', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.append('OUTPUT', rule());
    d.append('INPUT', rule());
    const t = nf.commit(d);
    expect(chainOf(t, 'OUTPUT').handle).toBe(1);
    expect(handles(t, 'OUTPUT')).toEqual([2]);
    expect(chainOf(t, 'INPUT').handle).toBe(3);
    expect(handles(t, 'INPUT')).toEqual([4]);
  });

  it('keeps a replaced rule its handle and never reuses a deleted one', () => {
    const nf = new Netfilter();
    let d = nf.begin('filter');
    d.append('OUTPUT', rule());
    d.append('OUTPUT', rule());
    nf.commit(d);
    d = nf.begin('filter');
    d.insert('OUTPUT', 0, rule());
    d.deleteAt('OUTPUT', 1);
    d.replace('OUTPUT', 1, rule());
    expect(handles(nf.commit(d), 'OUTPUT')).toEqual([4, 3]);
  });

  it('gives a policy-created chain a handle, a policy change none', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.setPolicy('INPUT', 'DROP');
    d.setPolicy('INPUT', 'ACCEPT');
    d.newChain('U');
    expect(chainOf(nf.commit(d), 'U').handle).toBe(2);
  });

  it('starts again at 1 in a table made anew by a restore', () => {
    const nf = new Netfilter();
    let d = nf.begin('filter');
    d.append('FORWARD', rule());
    d.append('OUTPUT', rule());
    nf.commit(d);
    d = nf.begin('filter');
    d.recreate();
    d.append('OUTPUT', rule());
    const t = nf.commit(d);
    expect(handles(t, 'OUTPUT')).toEqual([2]);
    expect(chainOf(t, 'FORWARD')).toMatchObject({ hooked: false, handle: 0 });
  });

  it('deletes an idle built-in chain with policy ACCEPT only', () => {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    d.setPolicy('INPUT', 'DROP');
    d.touch('FORWARD');
    d.deleteIdleBuiltin('INPUT');
    d.deleteIdleBuiltin('FORWARD');
    const t = nf.commit(d);
    expect(chainOf(t, 'INPUT')).toMatchObject({ hooked: true });
    expect(chainOf(t, 'FORWARD')).toMatchObject({ hooked: false });
  });
});

describe('ruleset events', () => {
  it('reports a new table, its chain and rule, then the generation', () => {
    const nf = new Netfilter();
    const got: NftMessage[] = [];
    const off = nftListen(nf, NFT_GROUP.events, (m) => got.push(m));
    const d = nf.begin('filter');
    d.append('INPUT', rule(ACCEPT));
    nf.commit(d);
    off();
    expect(got.map((m) => `${m.kind}:${'op' in m ? m.op : ''}`)).toEqual([
      'table:new',
      'chain:new',
      'rule:new',
      'gen:',
    ]);
    expect(got[1]).toMatchObject({ chain: 'INPUT', base: { use: 1, priority: 0, policy: 'ACCEPT' } });
  });

  it('records nothing while nobody listens', () => {
    const d = new Netfilter().begin('filter');
    d.append('INPUT', rule());
    expect(d.changes).toBeNull();
  });
});
