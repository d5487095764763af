import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Table } from './types.js';
import { NfError } from './errors.js';
import { TableDraft } from './draft.js';
import { emptyTable } from './tables.js';
import { ACCEPT, blamed, dnatRule as dnat, jumpRule as jump, namedRule } from './testing.js';

/** Builds the batch on `table`: the new table, or the error code and the comment of the blamed rule. */
function batch(table: Table, edit: (d: TableDraft) => void): Table | string {
  const d = new TableDraft(table);
  try {
    edit(d);
    return d.build();
  } catch (e) {
    if (!(e instanceof NfError)) throw e;
    return blamed(e);
  }
}

const ok = (t: Table | string): Table => {
  if (typeof t === 'string') throw new Error(t);
  return t;
};

/** The same table as a value no draft built: its batches are checked whole. */
const uncarried = (t: Table): Table => ({ ...t });

describe('graph check carried between batches', () => {
  it('finds a loop a later batch closes through chains an earlier one made', () => {
    const t1 = ok(
      batch(emptyTable('filter'), (d) => {
        for (const c of ['A', 'B', 'C']) d.newChain(c);
        d.append('INPUT', jump('A', 'entry'));
        d.append('A', jump('B', 'a-b'));
        d.append('B', jump('C', 'b-c'));
      }),
    );
    const close = (d: TableDraft) => d.append('C', jump('A', 'back'));
    expect(batch(t1, close)).toBe(batch(uncarried(t1), close));
    expect(batch(t1, close)).toMatch(/^EMLINK/);
    // The failed batch left the carried graph as it was: the next one still passes.
    const t2 = ok(batch(t1, (d) => d.append('C', namedRule(ACCEPT))));
    // A loop no base chain reaches is no error, until one does.
    const t3 = ok(
      batch(t2, (d) => {
        d.newChain('X');
        d.newChain('Y');
        d.append('X', jump('Y'));
        d.append('Y', jump('X'));
      }),
    );
    expect(batch(t3, (d) => d.append('B', jump('X', 'into-loop')))).toMatch(/^EMLINK/);
  });

  it('refuses a 16th level a later batch adds below 15 an earlier one made', () => {
    const t1 = ok(
      batch(emptyTable('filter'), (d) => {
        for (let i = 0; i < 15; i++) d.newChain(`C${i}`);
        d.append('INPUT', jump('C0'));
        for (let i = 0; i + 1 < 15; i++) d.append(`C${i}`, jump(`C${i + 1}`));
      }),
    );
    const deeper = (d: TableDraft) => {
      d.newChain('C15');
      d.append('C14', jump('C15', 'to-C15'));
    };
    expect(batch(t1, deeper)).toBe('EMLINK to-C15');
    expect(batch(uncarried(t1), deeper)).toBe('EMLINK to-C15');
  });

  it('keeps references across batches: a chain still jumped to cannot go, one no longer jumped to can', () => {
    const t1 = ok(
      batch(emptyTable('filter'), (d) => {
        d.newChain('A');
        d.newChain('B');
        d.append('INPUT', jump('A'));
        d.append('A', jump('B'));
        d.append('OUTPUT', jump('B'));
      }),
    );
    expect(batch(t1, (d) => d.deleteChain('B'))).toBe('EBUSY');
    const t2 = ok(batch(t1, (d) => d.flush('A')));
    expect(new TableDraft(t2).references('B')).toBe(1);
    expect(batch(t2, (d) => d.deleteChain('B'))).toBe('EBUSY');
    const t3 = ok(batch(t2, (d) => d.flush('OUTPUT')));
    expect(new TableDraft(t3).references('B')).toBe(0);
    const t4 = ok(batch(t3, (d) => d.deleteChain('B')));
    expect(t4.user.has('B')).toBe(false);
    // Made again under the same name, it starts with no references and no place in the graph.
    const t5 = ok(batch(t4, (d) => d.newChain('B')));
    expect(new TableDraft(t5).references('B')).toBe(0);
  });

  it('refuses a chain with a restricted target once a hook it may not run at reaches it', () => {
    const t1 = ok(
      batch(emptyTable('nat'), (d) => {
        d.newChain('SVC');
        d.newChain('SEP');
        d.append('PREROUTING', jump('SVC', 'pre'));
        d.append('SVC', jump('SEP', 'svc-sep'));
        d.append('SEP', dnat());
      }),
    );
    // POSTROUTING has no DNAT: reaching SEP from it fails, though neither SVC nor SEP changed.
    const post = (d: TableDraft) => d.append('POSTROUTING', jump('SVC', 'post'));
    expect(batch(t1, post)).toBe(batch(uncarried(t1), post));
    expect(batch(t1, post)).toBe('EINVAL dnat');
    // OUTPUT allows it.
    ok(batch(t1, (d) => d.append('OUTPUT', jump('SVC', 'out'))));
    // A DNAT rule added under a chain POSTROUTING already reaches fails as well.
    const t2 = ok(
      batch(t1, (d) => {
        d.newChain('MASQ');
        d.append('POSTROUTING', jump('MASQ'));
      }),
    );
    expect(batch(t2, (d) => d.append('MASQ', dnat()))).toBe('EINVAL dnat');
  });

  it('gives the verdicts of the whole check on random batch sequences', () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('new' as const), chain: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('del' as const), chain: fc.constantFrom(...names) }),
      fc.record({ kind: fc.constant('flush' as const), chain: fc.constantFrom(...names, 'PREROUTING') }),
      fc.record({
        kind: fc.constant('jump' as const),
        chain: fc.constantFrom(...names, 'PREROUTING', 'POSTROUTING', 'OUTPUT'),
        to: fc.constantFrom(...names),
      }),
      fc.record({ kind: fc.constant('dnat' as const), chain: fc.constantFrom(...names) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 4 }), { maxLength: 12 }), (batches) => {
        let carried = emptyTable('nat');
        for (const ops of batches) {
          const edit = (d: TableDraft) => {
            for (const o of ops) {
              try {
                if (o.kind === 'new') d.newChain(o.chain);
                else if (o.kind === 'del') d.deleteChain(o.chain);
                else if (o.kind === 'flush') d.flush(o.chain);
                else if (o.kind === 'jump') d.append(o.chain, jump(o.to));
                else d.append(o.chain, dnat());
              } catch (e) {
                if (!(e instanceof NfError)) throw e;
              }
            }
          };
          const whole = batch(uncarried(carried), edit);
          const got = batch(carried, edit);
          expect(typeof got === 'string' ? got : 'ok').toBe(typeof whole === 'string' ? whole : 'ok');
          if (typeof got !== 'string') carried = got;
        }
      }),
      { numRuns: 300 },
    );
  });
});
