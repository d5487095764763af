import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Rule, Table, TableName, UserChain } from './types.js';
import { Netfilter } from './store.js';
import { NfError } from './errors.js';
import type { TableDraft } from './draft.js';
import { emptyTable, TABLE_HOOKS } from './tables.js';
import { graphValid, replayBlame, walkTable } from './validate.js';
import { ACCEPT, blamed, dnatRule as dnat, jumpRule as jump, namedRule } from './testing.js';

/** Commits the draft built by `edit`; the error code and the comment of the blamed rule, or 'ok'. */
function commit(table: TableName, edit: (d: TableDraft) => void): string {
  const nf = new Netfilter();
  const d = nf.begin(table);
  edit(d);
  try {
    nf.commit(d);
    return 'ok';
  } catch (e) {
    if (!(e instanceof NfError)) throw e;
    return blamed(e);
  }
}

/** Chains C0 -> C1 -> ... -> C(n-1), the first jumped to from `from`. */
function ladder(d: TableDraft, n: number, from = 'INPUT'): void {
  for (let i = 0; i < n; i++) d.newChain(`C${i}`);
  d.append(from, jump('C0', 'entry'));
  for (let i = 0; i + 1 < n; i++) d.append(`C${i}`, jump(`C${i + 1}`, `to-C${i + 1}`));
}

describe('validateTable', () => {
  it('accepts 15 levels of user chains below a base chain and refuses 16, blaming the jump to the 16th', () => {
    expect(commit('filter', (d) => ladder(d, 15))).toBe('ok');
    expect(commit('filter', (d) => ladder(d, 16))).toBe('EMLINK to-C15');
  });

  it('refuses a loop reachable from a base chain, blaming the jump that reaches level 16', () => {
    expect(
      commit('filter', (d) => {
        ladder(d, 3);
        d.append('C2', jump('C0', 'back'));
      }),
    ).toBe('EMLINK back');
  });

  it('ignores a loop no base chain reaches', () => {
    expect(
      commit('filter', (d) => {
        d.newChain('A');
        d.newChain('B');
        d.append('A', jump('B'));
        d.append('B', jump('A'));
      }),
    ).toBe('ok');
  });

  it('refuses an extension at a hook it does not allow, reached through user chains, blaming its rule', () => {
    const build = (from: 'PREROUTING' | 'POSTROUTING') =>
      commit('nat', (d) => {
        ladder(d, 2, from);
        d.append('C1', dnat());
      });
    expect(build('PREROUTING')).toBe('ok');
    expect(build('POSTROUTING')).toBe('EINVAL dnat');
  });

  it('checks a chain reached from two hooks against both', () => {
    expect(
      commit('nat', (d) => {
        d.newChain('S');
        d.append('S', dnat());
        d.append('OUTPUT', jump('S', 'from-output'));
        d.append('POSTROUTING', jump('S', 'from-postrouting'));
      }),
    ).toBe('EINVAL dnat');
  });

  it('validates a wide kube-proxy-like graph (10k chains, shared leaves)', () => {
    expect(
      commit('nat', (d) => {
        d.newChain('MASQ');
        d.newChain('SERVICES');
        d.append('PREROUTING', jump('SERVICES'));
        d.append('OUTPUT', jump('SERVICES'));
        for (let i = 0; i < 10_000; i++) {
          d.newChain(`SVC${i}`);
          d.newChain(`SEP${i}`);
          d.append('SERVICES', jump(`SVC${i}`));
          d.append(`SVC${i}`, jump(`SEP${i}`));
          d.append(`SEP${i}`, jump('MASQ'));
          d.append(`SEP${i}`, dnat());
        }
      }),
    ).toBe('ok');
  });
});

describe('graphValid', () => {
  it('agrees with the kernel walk on random graphs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(12), fc.nat(8)), { maxLength: 40 }),
        fc.array(fc.nat(12), { maxLength: 4 }),
        (edges, dnatIn) => {
          const table = randomNat(edges, dnatIn);
          return graphValid(table) === !throws(() => walkTable(table));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('TableDraft graph check', () => {
  /** An edit of a nat draft: chains 0-3 are the built-ins, 4-9 user chains U4..U9; a target < 6 jumps to U(4+target), else DNAT. */
  const edit = fc.tuple(
    fc.constantFrom('append', 'insert', 'delete', 'replace', 'flush'),
    fc.nat(9),
    fc.nat(3),
    fc.nat(6),
  );
  const chainName = (k: number) => (k < 4 ? TABLE_HOOKS.nat[k] : `U${k}`);

  it('accepts exactly the tables the kernel walk accepts, over edits and successive commits', () => {
    fc.assert(
      fc.property(fc.array(fc.array(edit, { maxLength: 25 }), { minLength: 1, maxLength: 3 }), (batches) => {
        const nf = new Netfilter();
        for (const batch of batches) {
          const d = nf.begin('nat');
          for (let k = 4; k <= 9; k++) if (!d.has(`U${k}`)) d.newChain(`U${k}`);
          for (const [op, c, at, t] of batch) {
            const chain = chainName(c);
            const r = t < 6 ? jump(`U${4 + t}`, `${op}-${chain}-${t}`) : dnat();
            throws(() => {
              if (op === 'append') d.append(chain, r);
              else if (op === 'insert') d.insert(chain, at, r);
              else if (op === 'delete') d.deleteAt(chain, at);
              else if (op === 'replace') d.replace(chain, at, r);
              else d.flush(chain);
            });
          }
          let table: Table | undefined;
          // A refusal comes from the kernel walk itself (build walks only when the graph check fails);
          // an accepted table must pass that walk too.
          if (!throws(() => (table = nf.commit(d))) && throws(() => walkTable(table!))) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

/** A nat table: chains 0-3 are the built-ins, 4-12 user chains U4..U12; edges jump from a chain to U(4+to). */
function randomNat(edges: readonly [number, number][], dnatIn: readonly number[]): Table {
  const name = (k: number) => (k < 4 ? TABLE_HOOKS.nat[k] : `U${k}`);
  const rules = new Map<string, Rule[]>();
  const add = (k: number, r: Rule) => rules.set(name(k), [...(rules.get(name(k)) ?? []), r]);
  for (const [from, to] of edges) add(from, jump(name(4 + to)));
  for (const k of dnatIn) add(k, dnat());
  const base = emptyTable('nat');
  const user = new Map<string, UserChain>();
  for (let k = 4; k <= 12; k++)
    user.set(name(k), { kind: 'user', name: name(k), rules: rules.get(name(k)) ?? [] });
  return { ...base, builtins: base.builtins.map((b) => ({ ...b, rules: rules.get(b.name) ?? [] })), user };
}

function throws(fn: () => void): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

describe('replayBlame (the rules a failed batch is blamed for)', () => {
  /** Commits the draft `edit` builds; the comments of the rules the replay blames, with their errno. */
  function blame(edit: (d: TableDraft, added: Rule[]) => void): string[] {
    const nf = new Netfilter();
    const d = nf.begin('filter');
    const added: Rule[] = [];
    edit(d, added);
    try {
      nf.commit(d);
      return [];
    } catch (e) {
      if (!(e instanceof NfError) || !e.table) throw e;
      return replayBlame(e.table, added).map(
        (b) => `${b.error.code} ${String(b.rule.matches[0]?.data['comment'])}`,
      );
    }
  }
  const add = (d: TableDraft, added: Rule[], chain: string, r: Rule) => {
    d.append(chain, r);
    added.push(r);
  };

  it('blames the rule that connects a loop to a base chain, not the loop', () => {
    expect(
      blame((d, added) => {
        d.newChain('a');
        d.newChain('b');
        add(d, added, 'a', jump('b', 'a-b'));
        add(d, added, 'b', jump('a', 'b-a'));
        add(d, added, 'INPUT', jump('a', 'input-a'));
      }),
    ).toEqual(['EMLINK input-a']);
  });

  it('blames the rule that closes a loop already reachable, and every rule added after it', () => {
    expect(
      blame((d, added) => {
        d.newChain('a');
        d.newChain('b');
        add(d, added, 'INPUT', jump('a', 'input-a'));
        add(d, added, 'a', jump('b', 'a-b'));
        add(d, added, 'b', jump('a', 'b-a'));
        add(d, added, 'FORWARD', namedRule(ACCEPT, 'forward'));
      }),
    ).toEqual(['EMLINK b-a', 'EMLINK forward']);
  });

  it('leaves rules that were in the table before the batch unblamed', () => {
    const nf = new Netfilter();
    const first = nf.begin('filter');
    first.newChain('a');
    first.newChain('b');
    first.append('a', jump('b', 'a-b'));
    first.append('b', jump('a', 'b-a'));
    nf.commit(first);
    const d = nf.begin('filter');
    const r = jump('a', 'input-a');
    d.append('INPUT', r);
    try {
      nf.commit(d);
      throw new Error('committed');
    } catch (e) {
      if (!(e instanceof NfError) || !e.table) throw e;
      expect(replayBlame(e.table, [r]).map((b) => b.rule)).toEqual([r]);
    }
  });
});
