import type { Table, TableName } from './types.js';
import { emptyTable } from './tables.js';
import { TableDraft } from './draft.js';
import { syncNamedState } from './named-state.js';

/**
 * The xtables state of one namespace. As with nf_tables, a table exists
 * only once something wrote to it (iptables-save lists only those); a
 * reader of a missing table sees its empty default.
 */
export class Netfilter {
  private readonly tables = new Map<TableName, Table>();

  exists(name: TableName): boolean {
    return this.tables.has(name);
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
    return new TableDraft(this.view(name));
  }

  /** Validates and swaps in the draft's result at once; throws NfError and changes nothing on failure. */
  commit(draft: TableDraft): Table {
    const table = draft.build();
    this.tables.set(table.name, table);
    syncNamedState(this);
    return table;
  }
}
