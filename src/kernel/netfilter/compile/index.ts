import type { Rule, Table, UserChain, Verdict } from '../types.js';
import { ChainPlan } from './plan.js';

export { ChainPlan } from './plan.js';

/**
 * Compiled plans by rule list. A published chain's rule list is never
 * edited in place (a commit copies it first, see TableDraft.own), so a
 * plan stays right for as long as its list is reachable, and every commit
 * that changes a chain gives it a new list, hence a new plan: the
 * nf_tables generation, without a counter to bump. Compiling happens on
 * a chain's first packet, never during a restore; a list that nodes
 * share shares its plan.
 */
const plans = new WeakMap<readonly Rule[], ChainPlan>();

let naive = false;

/**
 * Walk every chain rule by rule instead (the reference the compiled form
 * is tested and benchmarked against).
 */
export function setNaiveClassifier(on: boolean): void {
  naive = on;
}

/** The chain's plan, compiled on first use; null when chains are walked naively. */
export function planFor(rules: readonly Rule[]): ChainPlan | null {
  if (naive) return null;
  let plan = plans.get(rules);
  if (plan === undefined) {
    plan = ChainPlan.compile(rules);
    plans.set(rules, plan);
  }
  return plan;
}

/**
 * Jump targets resolved once per table. A rule names its target chain;
 * looking the name up among 40,000 chains for every packet costs more
 * than the rest of the jump (names cut from a restore's input compare
 * slowly), and a table never changes, so the answer is kept per
 * table and rule verdict. Null: no such chain (the walker drops).
 */
const jumpTargets = new WeakMap<Table, Map<Verdict, UserChain | null>>();

export function jumpTarget(table: Table, v: Verdict & { readonly kind: 'jump' }): UserChain | undefined {
  let targets = jumpTargets.get(table);
  if (!targets) jumpTargets.set(table, (targets = new Map()));
  let target = targets.get(v);
  if (target === undefined) targets.set(v, (target = table.user.get(v.chain) ?? null));
  return target ?? undefined;
}
