import type { Rule } from '../types.js';
import { ChainPlan } from './plan.js';

export { ChainPlan } from './plan.js';

/**
 * Compiled plans by rule list. A published chain's rule list is never
 * edited in place (a commit copies it first, see TableDraft.own), so a
 * plan stays right for as long as its list is reachable, and every commit
 * that changes a chain gives it a new list, hence a new plan: the
 * nf_tables generation, without a counter to bump. Compiling happens on
 * a chain's first packet, never during a restore; a list that nodes
 * share shares its plan. The plan rides on the list itself under a
 * private symbol (a property load, where a WeakMap lookup per chain
 * entered costs more than the rules it skips in a short chain); a
 * frozen list keeps it in a WeakMap instead.
 */
const PLAN = Symbol('nf_chain_plan');
const frozen = new WeakMap<readonly Rule[], ChainPlan>();

let naive = false;

/**
 * Walk every chain rule by rule instead (the reference the compiled form
 * is tested and benchmarked against).
 */
export function setNaiveClassifier(on: boolean): void {
  naive = on;
}

/**
 * `copy` (a copy of `rules`, the same rules but for counters) takes the
 * plan of `rules`: plans do not depend on counters, and a namespace's copy
 * of a shared chain should not compile its rules again.
 */
export function samePlan(rules: readonly Rule[], copy: readonly Rule[]): void {
  const plan = (rules as { [PLAN]?: ChainPlan })[PLAN] ?? frozen.get(rules);
  if (plan === undefined) return;
  if (Object.isExtensible(copy)) Object.defineProperty(copy, PLAN, { value: plan });
  else frozen.set(copy, plan);
}

/** The chain's plan, compiled on first use; null when chains are walked naively. */
export function planFor(rules: readonly Rule[]): ChainPlan | null {
  if (naive) return null;
  const cached = (rules as { [PLAN]?: ChainPlan })[PLAN] ?? frozen.get(rules);
  if (cached !== undefined) return cached;
  const plan = ChainPlan.compile(rules);
  if (Object.isExtensible(rules)) Object.defineProperty(rules, PLAN, { value: plan });
  else frozen.set(rules, plan);
  return plan;
}
