import type { Netfilter } from '../store.js';
import type { Table } from '../types.js';
import { SAVE_ORDER } from '../tables.js';

/** Extensions whose checkentry takes a conntrack reference (nf_ct_netns_get). */
const CT_MATCHES: ReadonlySet<string> = new Set([
  'state',
  'conntrack',
  'connmark',
  'connbytes',
  'connlimit',
  'helper',
]);
const CT_TARGETS: ReadonlySet<string> = new Set([
  'CONNMARK',
  'CT',
  'DNAT',
  'SNAT',
  'MASQUERADE',
  'REDIRECT',
  'NETMAP',
]);

const cache = new WeakMap<Table, boolean>();

/** Whether this table keeps conntrack alive in its namespace. Tables are immutable: cached per value. */
function tableNeeds(table: Table): boolean {
  let v = cache.get(table);
  if (v !== undefined) return v;
  // A nat chain alone takes no reference (found by experiment): its rules
  // see nothing until a NAT target or a conntrack match turns tracking on.
  v = false;
  const chains = [...table.builtins, ...table.user.values(), ...(table.foreign ?? [])];
  for (const chain of chains) {
    if (v) break;
    for (const rule of chain.rules) {
      if (rule.matches.some((m) => CT_MATCHES.has(m.name))) v = true;
      else if (rule.verdict.kind === 'target' && CT_TARGETS.has(rule.verdict.target.name)) v = true;
      if (v) break;
    }
  }
  cache.set(table, v);
  return v;
}

/**
 * Whether conntrack's hooks are registered in the namespace: as in the
 * kernel, only while something holds a reference to it (a
 * state/conntrack/connmark match, a CONNMARK/CT/NAT target).
 */
export function conntrackNeeded(nf: Netfilter): boolean {
  // Asked at every hook of every packet: the answer is kept for the tables it was computed from.
  let seen = lastSeen.get(nf);
  if (!seen) lastSeen.set(nf, (seen = { tables: SAVE_ORDER.map(() => null), needed: false }));
  let same = true;
  for (let k = 0; k < SAVE_ORDER.length; k++) {
    const table = nf.current(SAVE_ORDER[k]) ?? null;
    if (table !== seen.tables[k]) {
      seen.tables[k] = table;
      same = false;
    }
  }
  if (same) return seen.needed;
  seen.needed = seen.tables.some((t) => t !== null && tableNeeds(t));
  return seen.needed;
}

/** Per namespace: the tables conntrackNeeded last answered for (SAVE_ORDER), and its answer. */
const lastSeen = new WeakMap<Netfilter, { tables: (Table | null)[]; needed: boolean }>();

/** Whether the nat hooks are registered: a nat table with at least one base chain. */
export function natHooked(nf: Netfilter): boolean {
  const table = nf.current('nat');
  return table !== undefined && (table.builtins.some((c) => c.hooked) || (table.foreign?.length ?? 0) > 0);
}
