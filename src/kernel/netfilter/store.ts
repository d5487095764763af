import type { Table, TableName } from './types.js';
import { emptyTable } from './tables.js';
import { TableDraft } from './draft.js';
import { hasNamedState, syncNamedState } from './named-state.js';
import { NFT_GROUP, nftHasListener, nftNotify } from './monitor.js';
import { rulesetMessages } from './ruleset-events.js';
import { connbytesForcesAcct } from './matches/connbytes.js';

/**
 * The xtables state of one namespace. As with nf_tables, a table exists
 * only once something wrote to it (iptables-save lists only those); a
 * reader of a missing table sees its empty default.
 */
export class Netfilter {
  private readonly tables = new Map<TableName, Table>();
  /** Table handles (net->nft.table_handle is per namespace); a table made anew takes a new one. */
  private readonly tableHandles = new Map<TableName, number>();
  private lastTableHandle = 0;
  /** The ruleset generation (NFTA_GEN_ID), one more per committed batch. */
  private genid = 1;

  /** `forceAcct`: what a checkentry that turns conntrack accounting on does to the namespace. */
  constructor(private readonly effects?: { forceAcct(): void }) {}

  exists(name: TableName): boolean {
    return this.tables.has(name);
  }

  /** The ruleset generation: changes with every commit, so the packet path may keep what it derived from the tables. */
  get generation(): number {
    return this.genid;
  }

  /** Whether any table is registered: the packet path skips netfilter entirely when not. */
  get active(): boolean {
    return this.tables.size > 0;
  }

  /** The live table, or undefined when nothing created it (the packet path's view). */
  current(name: TableName): Table | undefined {
    return this.tables.get(name);
  }

  /** The current table, or the empty default a reader of a missing table sees. */
  view(name: TableName): Table {
    return this.tables.get(name) ?? emptyTable(name);
  }

  /** Starts a transaction on the table (created on commit if it did not exist). */
  begin(name: TableName): TableDraft {
    return new TableDraft(this.view(name), nftHasListener(this, NFT_GROUP.events));
  }

  /** Validates and swaps in the draft's result at once; throws NfError and changes nothing on failure. */
  /** `comm` names the committing process in the NEWGEN notification (its task comm, 15 characters). */
  commit(draft: TableDraft, comm = 'iptables'): Table {
    // The draft is done with once built (see TableDraft.build).
    const table = draft.build(true);
    const before = this.tables.get(table.name);
    const created = before === undefined;
    this.tables.set(table.name, table);
    // Only a commit adding a named match, or one in a namespace that has had any, can change them.
    if (draft.namedAdded || hasNamedState(this)) syncNamedState(this);
    if (this.effects && connbytesForcesAcct(table, before)) this.effects.forceAcct();
    const remade = draft.changes?.some((c) => c.kind === 'table') ?? false;
    const old = this.tableHandles.get(table.name) ?? 0;
    if (created || remade || old === 0) this.tableHandles.set(table.name, ++this.lastTableHandle);
    this.genid++;
    if (draft.changes && draft.changes.length > 0) {
      const handles = { old, now: this.tableHandles.get(table.name)! };
      for (const msg of rulesetMessages(table, draft.changes, handles, created)) nftNotify(this, msg);
      nftNotify(this, { kind: 'gen', genid: this.genid, comm: comm.slice(0, 15) });
    }
    return table;
  }
}
