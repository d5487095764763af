/**
 * iptables-restore of a body another namespace of the world restored onto
 * the very same table: after a cluster's setup every node's nat table
 * holds one map of user chains (restore-rebase.ts), and an endpoint change
 * then pipes the same partial sync (the same chunk strings) into each,
 * which would apply the same Delta (restore-memo.ts) a chain at a time on
 * every node. A body the memo applied is kept as a transition of the table
 * it started from: its chunks and the table it made. A later restore of the very same chunks onto a table that holds
 * that map, numbered alike (handles, shift), with built-in chains alike,
 * takes the result (TableDraft.rebase with nothing changed): its table
 * shares the other's map, so the next change finds it again; its built-in
 * chains, and their counters, stay its own.
 *
 * The chains the body declared are then held by several namespaces: their
 * rule lists are shared (intern.ts sharedLists), and a packet's first hit
 * on one gives the namespace a copy of its own (ownChain). Anything else
 * (another body, a table unlike the other's, a listener for ruleset
 * events, rules with named state) is left to the rebase, the memo or the
 * line-by-line reading, as before.
 */
import type { Netns } from '../../kernel/netns.js';
import type { World } from '../../kernel/world.js';
import type { Table, TableName, UserChain } from '../../kernel/netfilter/types.js';
import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { sameShift } from '../../kernel/netfilter/draft.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import type { MemoBlock, ReadBody } from './restore-memo.js';
import { memoEnabled, startsWithCommit } from './restore-memo.js';

/** A body the memo applied to `before`, making `after` (a kept copy: draft.ts keptTable). */
interface Transition {
  readonly before: Table;
  readonly after: Table;
  readonly body: ReadBody;
}

/**
 * Each world's latest transitions per table, the latest first. A bounded
 * list, not a map by the user maps they start from: each transition holds
 * the map the next one starts from, and such a map would keep every
 * change ever made alive.
 */
const transitions = new WeakMap<World, Map<TableName, Transition[]>>();

/**
 * Most transitions kept per table: nodes whose tables or bodies differ
 * (services with Local policies) each record their own; past that, the
 * oldest are read in full again.
 */
const MAX_KEPT = 16;

/** Nothing changed: the other namespace's result as it is. */
const NOTHING: ReadonlyMap<string, UserChain | null> = new Map();

/**
 * The body the memo applied to `before` (the namespace's table when the
 * block opened), committed as `after`, as the transition later restores of
 * it onto the same table take. Its declared chains' lists become shared.
 */
export function noteTransition(
  draft: TableDraft,
  body: ReadBody,
  before: Table,
  after: Table,
  netns: Netns,
): void {
  // Named state (recent, hashlimit) is synced by a commit that adds such rules: not one to skip.
  if (!memoEnabled() || draft.namedAdded || before.foreign !== undefined || after.foreign !== undefined)
    return;
  // The body changed user chains only: a namespace taking the result keeps its own built-in chains.
  for (let k = 0; k < after.builtins.length; k++) if (after.builtins[k] !== before.builtins[k]) return;
  for (const name of body.declared) {
    const c = after.user.get(name);
    if (c !== undefined) sharedLists.add(c.rules);
  }
  let byTable = transitions.get(netns.world);
  if (byTable === undefined) transitions.set(netns.world, (byTable = new Map()));
  let list = byTable.get(after.name);
  if (list === undefined) byTable.set(after.name, (list = []));
  list.unshift({ before, after, body });
  if (list.length > MAX_KEPT) list.length = MAX_KEPT;
}

/**
 * The body from texts[from] to its COMMIT as a transition another
 * namespace made from this very table, applied to the block's draft: the
 * body's end and line count, or null with the draft untouched.
 */
export function shareBody(
  block: MemoBlock,
  texts: readonly string[],
  from: number,
  netns: Netns,
): { next: number; lines: number } | null {
  if (!memoEnabled() || block.draft.changes !== null) return null;
  const list = transitions.get(netns.world)?.get(block.name);
  if (list === undefined) return null;
  const current = netns.netfilter.view(block.name);
  for (let k = 0; k < list.length; k++) {
    const t = list[k]!;
    const chunks = t.body.chunks;
    const end = from + chunks.length;
    if (current.user !== t.before.user || current.nextHandle !== t.before.nextHandle) continue;
    if (!sameShift(current.shift, t.before.shift)) continue;
    if (end >= texts.length || !startsWithCommit(texts[end]!)) continue;
    let same = true;
    // Mostly the very strings (every node is piped the proxier's same chunks): a pointer compare each.
    for (let i = 0; same && i < chunks.length; i++) same = texts[from + i] === chunks[i];
    if (!same) continue;
    // Built-in chains alike (TableDraft.rebase), the graph as the other's commit checked it.
    if (!block.draft.rebase(t.before, t.after, NOTHING, t.after.shift, t.after.nextHandle ?? 1)) continue;
    // The latest used first: every node of a cluster restores a change's body in turn.
    if (k > 0) list.unshift(...list.splice(k, 1));
    return { next: end, lines: t.body.lines };
  }
  return null;
}
