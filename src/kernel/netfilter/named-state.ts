import type { Netfilter } from './store.js';
import type { Chain, Rule, TableName, XtModule } from './types.js';

/** Matches whose instances share state by `data.name` within a namespace. */
const NAMED_MATCHES: ReadonlySet<string> = new Set(['recent', 'hashlimit']);
const TABLES: readonly TableName[] = ['raw', 'mangle', 'nat', 'filter', 'security'];

/** Whether the rule has a match whose state is shared by name (what syncNamedState looks for). */
export function hasNamedMatch(rule: Rule): boolean {
  for (const m of rule.matches) if (NAMED_MATCHES.has(m.name)) return true;
  return false;
}

/**
 * One named table: created from the first rule naming it (its checkentry),
 * joined by later ones, gone with the last (destroy).
 */
interface Entry {
  /** The rules' match instances that hold a reference, in the order they joined. */
  refs: Set<XtModule>;
  /** Joined since the state was last touched: their checkentry effects are still due. */
  pending: XtModule[];
  state: unknown;
}

type Registry = Map<string, Map<string, Entry>>;
const registries = new WeakMap<Netfilter, Registry>();

/**
 * Whether a rule of the namespace ever had a named match. Until one has,
 * a commit that adds none leaves nothing to sync (a 100k-rule restore
 * skips the scan of every rule).
 */
export const hasNamedState = (nf: Netfilter): boolean => registries.has(nf);

/** The named matches of one chain's rules, cached per immutable rules array. */
const chainRefs = new WeakMap<readonly Rule[], readonly XtModule[]>();

const NONE: readonly XtModule[] = [];

function namedIn(rules: readonly Rule[]): readonly XtModule[] {
  let refs = chainRefs.get(rules);
  if (!refs) {
    // A plain scan: large restores (100k rules) commit here, most chains name nothing.
    let found: XtModule[] | null = null;
    for (const rule of rules)
      for (const m of rule.matches) if (NAMED_MATCHES.has(m.name)) (found ??= []).push(m);
    refs = found ?? NONE;
    chainRefs.set(rules, refs);
  }
  return refs;
}

const keyOf = (m: XtModule) => m.data.name as string;

/**
 * Called after each commit: rules that appeared take a reference
 * (htable_find_get / recent_table_lookup), and a name nothing refers to
 * any more is freed. nf_tables runs a batch's checkentry before it
 * destroys the rules the batch replaces, so a restore that keeps a name
 * keeps its state, while deleting the last rule and adding a new one in
 * two commands starts afresh.
 */
export function syncNamedState(nf: Netfilter): void {
  const seen = new Map<string, Map<string, XtModule[]>>();
  for (const name of TABLES) {
    const table = nf.current(name);
    if (!table) continue;
    const chains: Pick<Chain, 'rules'>[] = [
      ...table.builtins,
      ...table.user.values(),
      ...(table.foreign ?? []),
    ];
    for (const chain of chains) {
      for (const m of namedIn(chain.rules)) {
        let byName = seen.get(m.name);
        if (!byName) seen.set(m.name, (byName = new Map()));
        const list = byName.get(keyOf(m));
        if (list) list.push(m);
        else byName.set(keyOf(m), [m]);
      }
    }
  }
  let reg = registries.get(nf);
  if (!reg) {
    if (seen.size === 0) return;
    registries.set(nf, (reg = new Map()));
  }
  for (const [match, entries] of reg) {
    for (const name of entries.keys()) if (!seen.get(match)?.has(name)) entries.delete(name);
  }
  for (const [match, byName] of seen) {
    let entries = reg.get(match);
    if (!entries) reg.set(match, (entries = new Map()));
    for (const [name, mods] of byName) {
      const entry = entries.get(name);
      if (!entry) {
        entries.set(name, { refs: new Set(mods), pending: [...mods], state: undefined });
        continue;
      }
      for (const m of mods) if (!entry.refs.has(m)) entry.pending.push(m);
      entry.refs = new Set(mods);
    }
  }
}

/** How a match kind builds its shared state and applies a later rule's checkentry to it. */
export interface NamedKind<T> {
  readonly match: string;
  create(first: XtModule): T;
  join?(state: T, m: XtModule): void;
}

/**
 * The state named `name` of a match kind in this namespace, or undefined
 * when no rule refers to it. Built from the first rule on first use, then
 * brought up to date with the rules that joined since.
 */
export function namedState<T>(nf: Netfilter, kind: NamedKind<T>, name: string): T | undefined {
  const entry = registries.get(nf)?.get(kind.match)?.get(name);
  if (!entry) return undefined;
  if (entry.pending.length > 0) {
    const pending = entry.pending;
    entry.pending = [];
    for (const m of pending) {
      if (entry.state === undefined) entry.state = kind.create(m);
      else kind.join?.(entry.state as T, m);
    }
  }
  return entry.state as T;
}

/** Names of a match kind's live tables, in creation order (what /proc/net/xt_recent lists). */
export function namedStates(nf: Netfilter, match: string): string[] {
  return [...(registries.get(nf)?.get(match)?.keys() ?? [])];
}
