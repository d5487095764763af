import type { Chain, Hook, Rule, Table } from './types.js';
import { NfError } from './errors.js';
import { HOOK_BIT, ruleAllowedAt, ruleHookMask } from './constraints.js';

/** NFT_JUMP_STACK_SIZE: a base chain is level 0; reaching level 16 is -EMLINK. */
const JUMP_STACK_SIZE = 16;

/**
 * nft_table_validate: walk every base chain and everything it reaches,
 * checking each extension's hook mask and the jump depth (which is also
 * how loops are caught: a loop reachable from a base chain never ends).
 * Chains no base chain reaches are not checked, as in the kernel.
 *
 * A table passes in time linear in its chains and rules (and, rule by
 * rule, only for chains changed since the last check); only a failing one
 * takes the kernel's rule-by-rule walk, to blame the same rule it does.
 */
export function validateTable(table: Table): void {
  if (!graphValid(table)) walkTable(table);
}

/** The kernel's rule-by-rule walk: throws NfError blaming the rule it stops at. */
export function walkTable(table: Table): void {
  for (const base of table.builtins) {
    const seen = new Map<string, number>();
    walk(table, base, base.name, 0, seen);
  }
}

function walk(table: Table, chain: Chain, hook: Hook, level: number, seen: Map<string, number>): void {
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

/** What one chain's own rules contribute: the hooks they all allow, the chains they jump to. */
interface ChainSummary {
  readonly hooks: number;
  readonly jumps: readonly string[];
}

/** Summaries by rule array: a built Table's arrays never change, so unchanged chains keep theirs. */
const summaries = new WeakMap<readonly Rule[], ChainSummary>();

function summary(rules: readonly Rule[]): ChainSummary {
  let s = summaries.get(rules);
  if (s) return s;
  let hooks =
    HOOK_BIT.PREROUTING | HOOK_BIT.INPUT | HOOK_BIT.FORWARD | HOOK_BIT.OUTPUT | HOOK_BIT.POSTROUTING;
  const jumps = new Set<string>();
  for (const r of rules) {
    hooks &= ruleHookMask(r);
    if (r.verdict.kind === 'jump') jumps.add(r.verdict.chain);
  }
  s = { hooks, jumps: [...jumps] };
  summaries.set(rules, s);
  return s;
}

/** What a chain and everything below it need: the hooks all allow, and the levels below it. */
interface Reach {
  readonly hooks: number;
  readonly height: number;
}

/** One graph check's state: what each finished chain reaches, and the chains on the current path. */
interface Search {
  readonly table: Table;
  readonly done: Map<Chain, Reach>;
  readonly onPath: Set<Chain>;
}

/**
 * The same checks as the walk, on chains instead of rules: each chain is
 * visited once (a depth-first search memoizing what it reaches). False on
 * anything the walk would reject (a loop, depth 16, a hook an extension
 * refuses, a missing chain); the walk then says which rule to blame.
 */
export function graphValid(table: Table): boolean {
  const search: Search = { table, done: new Map(), onPath: new Set() };
  for (const base of table.builtins) {
    const reach = visit(search, base, 0);
    if (!reach || (reach.hooks & HOOK_BIT[base.name]) === 0) return false;
  }
  return true;
}

function visit(search: Search, chain: Chain, level: number): Reach | null {
  if (level === JUMP_STACK_SIZE) return null;
  const known = search.done.get(chain);
  if (known) return level + known.height < JUMP_STACK_SIZE ? known : null;
  if (search.onPath.has(chain)) return null;
  search.onPath.add(chain);
  const own = summary(chain.rules);
  let hooks = own.hooks;
  let height = 0;
  for (const name of own.jumps) {
    const next = search.table.user.get(name);
    const below = next ? visit(search, next, level + 1) : null;
    if (!below) return null;
    hooks &= below.hooks;
    if (below.height >= height) height = below.height + 1;
  }
  search.onPath.delete(chain);
  const reach: Reach = { hooks, height };
  search.done.set(chain, reach);
  return reach;
}
