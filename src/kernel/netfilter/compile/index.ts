import type { Rule } from '../types.js';
import { ChainPlan } from './plan.js';

export { ChainPlan } from './plan.js';

/**
 * Compiled plans by rule list. A published chain's rule list is never
 * edited in place (a commit copies it first, see TableDraft.own), so a
 * plan stays right for as long as its list is reachable, and every commit
 * that changes a chain gives it a new list, hence a new plan: the
 * nf_tables generation, without a counter to bump. A long chain is
 * compiled by the commit that makes it (prepareChain), a short one on
 * its first packet; a list that nodes share shares its plan. The plan
 * rides on the list itself under a private symbol (a property load,
 * where a WeakMap lookup per chain entered costs more than the rules it
 * skips in a short chain); a frozen list keeps it in a WeakMap instead.
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

/**
 * Chains at least this long are compiled when committed (prepareChain):
 * a shorter one costs its first packet less than a millisecond.
 */
export const COMMIT_COMPILE_RULES = 64;

/**
 * A chain a commit built: nf_tables makes each changed chain's rule blob
 * at commit (nf_tables_commit_chain_prepare), not on its first packet,
 * and so does this for a long chain. Its first packet then finds the
 * plan made while the rules were fresh in memory: KUBE-SERVICES' 10,000
 * rules took 15 ms to compile on the first trace after a 1,000-node
 * build, against 1-2 ms at the commit that wrote them. A list the table
 * shares with another (a rebased node's, a chain refilled as it was)
 * finds its plan made.
 */
export function prepareChain(rules: readonly Rule[]): void {
  if (rules.length >= COMMIT_COMPILE_RULES) planFor(rules);
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
