import type { IPv4 } from '../../net/ipv4.js';
import type { Link } from '../link/link.js';
import type { ErrnoName } from '../errno.js';
import type { Route } from './route.js';
import { RT_SCOPE_UNIVERSE, RT_TABLE_LOCAL, RT_TABLE_MAIN, TYPE_PROPS } from './route.js';
import type { FibTable, TableFlow, TableHit } from './table.js';
import type { Rule as PolicyRule, RuleList, RuleFlow } from './rules.js';
import { ruleMatches } from './rules.js';

/** struct flowi4 as fib_lookup sees it. */
export interface LookupKey {
  readonly dst: IPv4;
  readonly src: IPv4;
  readonly tos: number;
  readonly mark: number;
  readonly iif: Link | null;
  readonly oif: Link | null;
  readonly scope: number;
}

/** `rule`: the policy rule whose table answered (absent while no custom rule exists). */
export type LookupOutcome =
  { ok: true; route: Route; table: number; rule?: PolicyRule } | { ok: false; error: ErrnoName };

/** What fib_lookup needs from the FIB. */
export interface FibState {
  readonly rules: RuleList;
  /** fib_has_custom_rules: once a rule is added or deleted, local and main are separate tables. */
  readonly customRules: boolean;
  table(id: number): FibTable | undefined;
}

/**
 * fib_table_lookup over one or more tables walked as one trie: at each
 * prefix length, the aliases of earlier tables come first. That is how the
 * merged local+main trie behaves before any custom rule exists.
 */
export function lookupTables(tables: readonly FibTable[], flow: TableFlow): TableHit {
  if (tables.length === 1) return tables[0].lookup(flow);
  let best: { hit: TableHit; len: number } | null = null;
  for (const t of tables) {
    const hit = t.lookupWithLen(flow);
    if (hit.len < 0) continue;
    if (!best || hit.len > best.len) best = hit;
  }
  return best ? best.hit : { kind: 'miss' };
}

/** lookupTables over exactly two tables, without the array (the merged local+main trie of every lookup). */
function lookupTables2(a: FibTable, b: FibTable, flow: TableFlow): TableHit {
  const ha = a.lookupWithLen(flow);
  const hb = b.lookupWithLen(flow);
  if (ha.len < 0 && hb.len < 0) return { kind: 'miss' };
  return hb.len > ha.len ? hb.hit : ha.hit;
}

/** fib_lookup: the policy rules in order, each consulting its table. */
export function fibLookup(fib: FibState, key: LookupKey): LookupOutcome {
  const flow: TableFlow = { dst: key.dst, tos: key.tos, oif: key.oif, scope: key.scope };
  if (!fib.customRules) {
    const local = fib.table(RT_TABLE_LOCAL);
    const main = fib.table(RT_TABLE_MAIN);
    const hit =
      local && main
        ? lookupTables2(local, main, flow)
        : lookupTables(local ? [local] : main ? [main] : [], flow);
    if (hit.kind === 'route') return { ok: true, route: hit.route, table: RT_TABLE_MAIN };
    return { ok: false, error: hit.kind === 'error' ? hit.error : 'ENETUNREACH' };
  }
  const rflow: RuleFlow = {
    src: key.src,
    dst: key.dst,
    tos: key.tos,
    mark: key.mark,
    iif: key.iif,
    oif: key.oif,
  };
  const rules = fib.rules.list();
  let i = 0;
  while (i < rules.length) {
    const rule = rules[i++];
    if (!ruleMatches(rule, rflow)) continue;
    if (rule.action === 'goto') {
      // An unresolved goto is skipped; targets always lie further down.
      const target = fib.rules.gotoTarget(rule);
      if (target) i = rules.indexOf(target);
      continue;
    }
    if (rule.action === 'nop') continue;
    if (rule.action === 'unreachable') return { ok: false, error: 'ENETUNREACH' };
    if (rule.action === 'prohibit') return { ok: false, error: 'EACCES' };
    if (rule.action === 'blackhole') return { ok: false, error: 'EINVAL' };
    const table = fib.table(rule.table);
    if (!table) continue;
    const hit = table.lookup(flow);
    if (hit.kind === 'miss') continue;
    if (hit.kind === 'error') return { ok: false, error: hit.error };
    if (rule.suppressPrefixLen >= 0 && hit.route.len <= rule.suppressPrefixLen) continue;
    return { ok: true, route: hit.route, table: rule.table, rule };
  }
  return { ok: false, error: 'ENETUNREACH' };
}

export const universeKey = (dst: IPv4, extra: Partial<LookupKey> = {}): LookupKey => ({
  dst,
  src: 0,
  tos: 0,
  mark: 0,
  iif: null,
  oif: null,
  scope: RT_SCOPE_UNIVERSE,
  ...extra,
});

export const isErrorType = (route: Route): boolean => TYPE_PROPS[route.type].error !== null;
