import type { Chain, Hook, Rule, Table } from './types.js';
import { NfError } from './errors.js';
import { HOOK_BIT, ruleAllowedAt, ruleHookMask } from './constraints.js';

/** NFT_JUMP_STACK_SIZE: a base chain is level 0; reaching level 16 is -EMLINK. */
const JUMP_STACK_SIZE = 16;

/*
 * nft_table_validate: walk every base chain and everything it reaches,
 * checking each extension's hook mask and the jump depth (which is also
 * how loops are caught: a loop reachable from a base chain never ends).
 * Chains no base chain reaches are not checked, as in the kernel.
 *
 * A table passes in time linear in its chains and rules (nodesValid, on
 * chains as nodes: a TableDraft's own, whose jumps it resolved as rules
 * were added); only a failing one takes the kernel's rule-by-rule walk
 * (walkTable), to blame the same rule it does.
 */

/** The kernel's rule-by-rule walk: throws NfError blaming the rule it stops at (and naming the table). */
export function walkTable(table: Table): void {
  try {
    walkBases(table);
  } catch (e) {
    if (e instanceof NfError) e.table ??= table;
    throw e;
  }
}

function walkBases(table: Table): void {
  for (const base of table.builtins) {
    const seen = new Map<string, number>();
    walk(table, base, base.name, 0, seen);
  }
  // Renamed base chains are walked from their hook as well.
  for (const base of table.foreign ?? []) walk(table, base, base.hook, 0, new Map());
}

function walk(
  table: Table,
  chain: { readonly name: string; readonly rules: readonly Rule[] },
  hook: Hook,
  level: number,
  seen: Map<string, number>,
): void {
  if (level === JUMP_STACK_SIZE) throw new NfError('EMLINK');
  // A chain already checked at this level or deeper passed with less headroom.
  const prev = seen.get(chain.name);
  if (prev !== undefined && prev >= level) return;
  seen.set(chain.name, level);
  for (const rule of chain.rules) {
    if (!ruleAllowedAt(hook, rule)) throw new NfError('EINVAL', rule);
    if (rule.verdict.kind !== 'jump') continue;
    const next = table.user.get(rule.verdict.chain);
    if (!next) throw new NfError('ENOENT', rule);
    try {
      walk(table, next, hook, level + 1, seen);
    } catch (e) {
      // The kernel blames the jump that led into trouble.
      if (e instanceof NfError && e.rule === null) throw new NfError(e.code, rule);
      throw e;
    }
  }
}

/**
 * A chain as the graph check sees it: what its own rules need and where
 * they lead, with room for one search's marks (a search writes them on
 * every chain it reaches, so it needs no map of its own).
 */
export interface ChainNode {
  /** The hooks at which the chain's own rules may all run (HOOK_BIT mask). */
  readonly hooks: number;
  /**
   * The first chain its rules jump or go to, if any: held here rather than
   * in `targets` (most of a restore's chains jump to one chain: no list).
   */
  readonly target: ChainNode | null;
  /** The other chains its rules jump or go to, repeats allowed; null when one names no chain. */
  readonly targets: readonly ChainNode[] | null;
  /** The search that last reached the chain; its findings are valid for that search only. */
  search: number;
  /** What the chain and everything below it allow (once done). */
  reach: number;
  /** Levels below the chain (once done); -1 while it is on the search's path. */
  height: number;
}

/** Numbers searches, so marks a search left behind never read as the current one's. */
let searches = 0;

/**
 * The same checks as the walk, on chains instead of rules: each chain is
 * visited once (a depth-first search memoizing what it reaches). False on
 * anything the walk would reject (a loop, depth 16, a hook an extension
 * refuses, a missing chain); the walk then says which rule to blame.
 * `bases` are the base chains, at the hooks `hooks` (same order).
 */
export function nodesValid(bases: readonly ChainNode[], hooks: readonly Hook[]): boolean {
  const search = ++searches;
  for (let k = 0; k < bases.length; k++)
    if (!visit(bases[k], 0, search) || (bases[k].reach & HOOK_BIT[hooks[k]]) === 0) return false;
  return true;
}

function visit(node: ChainNode, level: number, search: number): boolean {
  if (level === JUMP_STACK_SIZE) return false;
  if (node.search === search) return node.height >= 0 && level + node.height < JUMP_STACK_SIZE;
  const targets = node.targets;
  if (targets === null) return false;
  node.search = search;
  node.height = -1;
  let reach = node.hooks;
  let height = 0;
  const first = node.target;
  if (first !== null) {
    if (!visit(first, level + 1, search)) return false;
    reach &= first.reach;
    height = first.height + 1;
  }
  for (let k = 0; k < targets.length; k++) {
    const next = targets[k];
    if (!visit(next, level + 1, search)) return false;
    reach &= next.reach;
    if (next.height >= height) height = next.height + 1;
  }
  node.reach = reach;
  node.height = height;
  return true;
}

/** All hooks: what a chain without rules allows. */
export const ALL_HOOKS =
  HOOK_BIT.PREROUTING | HOOK_BIT.INPUT | HOOK_BIT.FORWARD | HOOK_BIT.OUTPUT | HOOK_BIT.POSTROUTING;

/** The graph check on a built table: its chains as nodes, jumps resolved by name. */
export function graphValid(table: Table): boolean {
  type Node = ChainNode & { targets: ChainNode[] | null };
  const node = (c: Chain): Node => ({
    hooks: c.rules.reduce((m, r) => m & ruleHookMask(r), ALL_HOOKS),
    target: null,
    targets: [],
    search: 0,
    reach: 0,
    height: 0,
  });
  const bases = table.builtins.map(node);
  const user = new Map<string, Node>();
  for (const c of table.user.values()) user.set(c.name, node(c));
  const link = (c: Chain, n: Node) => {
    for (const r of c.rules) {
      if (r.verdict.kind !== 'jump') continue;
      const next = user.get(r.verdict.chain);
      if (next && n.targets) n.targets.push(next);
      else n.targets = null;
    }
  };
  table.builtins.forEach((c, k) => link(c, bases[k]));
  for (const c of table.user.values()) link(c, user.get(c.name)!);
  return nodesValid(
    bases,
    table.builtins.map((b) => b.name),
  );
}

/** A rule of a failed batch and the error its NEWRULE message got in the replay. */
export interface Blame {
  readonly rule: Rule;
  readonly error: NfError;
}

/** Rule walks spent on the errno of each blamed rule before the rest reuse the last one. */
const BLAME_BUDGET = 2_000_000;

/**
 * The rules a batch that failed validation at commit is blamed for, in
 * batch order. nf_tables_commit answers -EAGAIN and nfnetlink replays the
 * batch with validation after every NEWRULE: the first rule after which
 * the table no longer validates fails, stays in the (aborted) table, and
 * so every rule added after it fails as well (measured: `-A a -j b`,
 * `-A b -j a`, `-A INPUT -j a`, `-A FORWARD -j ACCEPT` blames the last two
 * lines). A batch whose final table validates is never replayed, so a
 * loop undone later in the batch is no error. `added`: the rules the
 * batch added, in order; the table as it stood after each is the failed
 * table without the rules added later (a rule the batch added and then
 * deleted is missing from it: a simplification).
 */
export function replayBlame(table: Table, added: readonly Rule[]): Blame[] {
  const present = new Set<Rule>();
  for (const c of chainsOf(table)) for (const r of c.rules) present.add(r);
  const order = added.filter((r) => present.has(r));
  const index = new Map<Rule, number>();
  order.forEach((r, k) => index.set(r, k));
  const failure = (k: number): NfError | null => {
    try {
      walkBases(upTo(table, index, k));
      return null;
    } catch (e) {
      if (e instanceof NfError) return e;
      throw e;
    }
  };
  // Adding rules never makes a failing table pass: the first failing prefix by bisection.
  let lo = 0;
  let hi = order.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failure(mid)) hi = mid;
    else lo = mid + 1;
  }
  const size = present.size || 1;
  const blamed: Blame[] = [];
  let last: NfError | null = null;
  for (let k = lo; k < order.length; k++) {
    const error = (k - lo) * size < BLAME_BUDGET ? failure(k) : null;
    // Not the batch's doing (the table failed without its rules): the caller blames as the walk does.
    if (k === lo && error === null) return [];
    last = error ?? last!;
    blamed.push({ rule: order[k], error: last });
  }
  return blamed;
}

function chainsOf(table: Table): readonly { readonly rules: readonly Rule[] }[] {
  return [...table.builtins, ...table.user.values(), ...(table.foreign ?? [])];
}

/** The table with the rules the batch had added up to position `k` (and every rule it did not add). */
function upTo(table: Table, index: ReadonlyMap<Rule, number>, k: number): Table {
  const keep = <C extends { readonly rules: readonly Rule[] }>(c: C): C => ({
    ...c,
    rules: c.rules.filter((r) => (index.get(r) ?? -1) <= k),
  });
  return {
    ...table,
    builtins: table.builtins.map(keep),
    user: new Map([...table.user].map(([name, c]) => [name, keep(c)])),
    ...(table.foreign ? { foreign: table.foreign.map(keep) } : {}),
  };
}

/*
 * The graph check carried from commit to commit, so a batch that rewrites
 * a few chains of a table of 100,000 checks those chains and what they
 * reach, not the table. Each chain keeps, from the last commit, the hooks
 * of the base chains that reach it (`reach`) and the longest jump path to
 * it from one (`depth`). Both may overstate (a jump removed since is not
 * subtracted: that would need every chain's callers) but never understate,
 * since every jump `p -> c` of a reached `p` keeps `reach(c) ⊇ reach(p)`
 * and `depth(c) > depth(p)`: so a table in which no chain's `reach` leaves
 * its rules' hooks and no `depth` reaches 16 passes the kernel's walk. A
 * batch only has to restore that closure along the jumps it changed; when
 * the closure finds trouble (which may be an overstatement), the caller
 * runs the exact check on the whole table and starts the values afresh.
 * A loop reachable from a base chain shows as a depth reaching 16.
 */

/** One chain's node in the carried graph. */
export interface GraphNode {
  /** The hooks at which the chain's own rules may all run (HOOK_BIT mask). */
  hooks: number;
  /** The user chains its rules jump or go to, by name; null when one names no chain. */
  targets: readonly string[] | null;
  /** The hooks of the base chains reaching it (at least those). */
  reach: number;
  /** The longest jump path from a base chain (at least that); -1 when none reaches it. */
  depth: number;
}

/**
 * The carried graph of one committed table (see above). Never changed: a
 * commit makes the next table's state, sharing what it did not change
 * (persistent maps, chain-map.ts), so tables of other namespaces made
 * from this one (restore-rebase.ts) may share it too.
 */
export interface GraphState {
  /** The table it describes. */
  readonly table: Table;
  /** The built-in chains' nodes, as `table.builtins` (reach: their own hook; depth 0). */
  readonly bases: readonly GraphNode[];
  /** User chains' nodes by name. */
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** chain->use for every chain that has any. */
  readonly refs: ReadonlyMap<string, number>;
}

/**
 * Restores the closure after a batch: `changed` holds the new nodes of the
 * user chains whose rules changed (null: deleted), with the reach and depth
 * they had (a new chain: 0 and -1); `bases` the new nodes of the built-in
 * chains whose rules changed (null where unchanged). Returns the nodes to
 * store (changed ones and those whose reach or depth grew), or null when
 * the table may fail the check: the caller then checks it whole.
 */
export function carryGraph(
  state: GraphState,
  changed: Map<string, GraphNode | null>,
  bases: readonly (GraphNode | null)[],
): Map<string, GraphNode | null> | null {
  const out = changed;
  const queue: GraphNode[] = [];
  for (const n of changed.values()) if (n !== null && n.depth >= 0) queue.push(n);
  for (const b of bases) if (b !== null) queue.push(b);
  // Changed nodes are the batch's own objects; any other that grows is copied first.
  while (queue.length > 0) {
    const p = queue.pop()!;
    const targets = p.targets;
    if (targets === null) return null;
    for (let k = 0; k < targets.length; k++) {
      const name = targets[k];
      const n = out.has(name) ? out.get(name)! : state.nodes.get(name);
      if (n === null || n === undefined) return null;
      const reach = n.reach | p.reach;
      const depth = n.depth > p.depth ? n.depth : p.depth + 1;
      if (depth >= JUMP_STACK_SIZE) return null;
      if (reach === n.reach && depth === n.depth) continue;
      let m = n;
      if (!out.has(name)) out.set(name, (m = { ...n }));
      m.reach = reach;
      m.depth = depth;
      queue.push(m);
    }
  }
  for (const n of out.values()) if (n !== null && n.depth >= 0 && (n.reach & ~n.hooks) !== 0) return null;
  for (const b of bases) if (b !== null && (b.reach & ~b.hooks) !== 0) return null;
  return out;
}

/**
 * Exact reach and depth of every node, from the base chains down (the
 * graph passed the check: what the bases reach has no loop). `nodes`
 * come with hooks and targets; unreached ones end with 0 and -1.
 */
export function settleGraph(
  bases: readonly GraphNode[],
  hooks: readonly Hook[],
  nodes: Map<string, GraphNode>,
): void {
  for (const n of nodes.values()) {
    n.reach = 0;
    n.depth = -1;
  }
  // Reverse postorder of what the bases reach is an order in which every caller comes first.
  const done = new Set<GraphNode>();
  const post: GraphNode[] = [];
  const dfs = (n: GraphNode) => {
    done.add(n);
    for (const t of n.targets ?? []) {
      const m = nodes.get(t)!;
      if (!done.has(m)) dfs(m);
    }
    post.push(n);
  };
  bases.forEach((b, k) => {
    b.reach = HOOK_BIT[hooks[k]];
    b.depth = 0;
    dfs(b);
  });
  for (let i = post.length - 1; i >= 0; i--) {
    const p = post[i];
    if (p.depth < 0) continue;
    for (const t of p.targets ?? []) {
      const n = nodes.get(t)!;
      n.reach |= p.reach;
      if (n.depth <= p.depth) n.depth = p.depth + 1;
    }
  }
}
