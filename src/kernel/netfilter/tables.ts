import type { BuiltinChain, Hook, Table, TableName } from './types.js';
import { newCounters } from './types.js';

/** Built-in chains per table, as iptable_*.c register them (hook order). */
export const TABLE_HOOKS: Readonly<Record<TableName, readonly Hook[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The order iptables-nft-save walks tables (enum nft_table_type in iptables' nft.h). */
export const SAVE_ORDER: readonly TableName[] = ['mangle', 'security', 'raw', 'filter', 'nat'];

export const isTableName = (name: string): name is TableName => Object.hasOwn(TABLE_HOOKS, name);

export const isHook = (name: string): name is Hook =>
  name === 'PREROUTING' ||
  name === 'INPUT' ||
  name === 'FORWARD' ||
  name === 'OUTPUT' ||
  name === 'POSTROUTING';

/** A fresh table: every built-in chain with policy ACCEPT and no rules. */
export function emptyTable(name: TableName): Table {
  const builtins: BuiltinChain[] = TABLE_HOOKS[name].map((hook) => ({
    kind: 'builtin',
    name: hook,
    policy: 'ACCEPT',
    counters: newCounters(),
    rules: [],
  }));
  return { name, builtins, user: new Map() };
}

const referenceCounts = new WeakMap<Table, ReadonlyMap<string, number>>();

/**
 * chain->use for every chain of the table: how many rules jump or go to
 * it. Counted once per table (tables never change), so listing 40,000
 * chains with their `(N references)` stays linear.
 */
export function chainReferences(table: Table): ReadonlyMap<string, number> {
  let counts = referenceCounts.get(table);
  if (counts) return counts;
  const m = new Map<string, number>();
  // Renamed base chains (Table.foreign) hold references too: the kernel counts them.
  for (const chains of [table.builtins, table.user.values(), table.foreign ?? []])
    for (const c of chains)
      for (const r of c.rules)
        if (r.verdict.kind === 'jump') m.set(r.verdict.chain, (m.get(r.verdict.chain) ?? 0) + 1);
  counts = m;
  referenceCounts.set(table, counts);
  return counts;
}
