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
 * rule, only for chains changed since `previous`, the table it replaces);
 * only a failing one takes the kernel's rule-by-rule walk, to blame the
 * same rule it does.
 */
export function validateTable(table: Table, previous?: Table): void {
  if (!graphValid(table, previous)) walkTable(table);
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
  /** The rule array summarized: a built Table's arrays never change, so equal arrays mean equal summaries. */
  readonly rules: readonly Rule[];
  readonly hooks: number;
  /** Jump and goto targets in rule order, repeats included (visiting a chain again costs one lookup). */
  readonly jumps: readonly string[];
}

/** A table's chain summaries: user chains by name (what jumps name), built-in chains by hook. */
interface Summaries {
  readonly user: Map<string, ChainSummary>;
  readonly builtins: Map<string, ChainSummary>;
}

/**
 * The summaries of each validated table: the next table of that name
 * takes over those whose rule array it still shares, so a commit re-reads
 * only the chains it changed. One weak entry per table, chains by name
 * underneath (names hash once; arrays would each need an identity hash
 * and a weak entry of their own).
 */
const summariesOf = new WeakMap<Table, Summaries>();

function summarize(rules: readonly Rule[]): ChainSummary {
  let hooks =
    HOOK_BIT.PREROUTING | HOOK_BIT.INPUT | HOOK_BIT.FORWARD | HOOK_BIT.OUTPUT | HOOK_BIT.POSTROUTING;
  const jumps: string[] = [];
  for (let k = 0; k < rules.length; k++) {
    const r = rules[k];
    hooks &= ruleHookMask(r);
    if (r.verdict.kind === 'jump') jumps.push(r.verdict.chain);
  }
  return { rules, hooks, jumps };
}

/** The summaries of the table's chains, reusing `previous`'s where the rules are the same array. */
function summaries(table: Table, previous: Table | undefined): Summaries {
  let own = summariesOf.get(table);
  if (own) return own;
  const old = previous ? summariesOf.get(previous) : undefined;
  const carry = (from: Map<string, ChainSummary> | undefined, to: Map<string, ChainSummary>, c: Chain) => {
    const was = from?.get(c.name);
    to.set(c.name, was !== undefined && was.rules === c.rules ? was : summarize(c.rules));
  };
  own = { user: new Map(), builtins: new Map() };
  for (const c of table.builtins) carry(old?.builtins, own.builtins, c);
  for (const c of table.user.values()) carry(old?.user, own.user, c);
  summariesOf.set(table, own);
  return own;
}

/** What a chain and everything below it need: the hooks all allow, and the levels below it. */
interface Reach {
  readonly hooks: number;
  readonly height: number;
}

/** A chain on the path being searched (a chain met again before it is done is a loop). */
const ON_PATH: Reach = { hooks: 0, height: -1 };

/** One graph check's state: the user chains' summaries, and what each finished one reaches (by name). */
interface Search {
  readonly user: Map<string, ChainSummary>;
  readonly reach: Map<string, Reach>;
}

/**
 * The same checks as the walk, on chains instead of rules: each chain is
 * visited once (a depth-first search memoizing what it reaches). False on
 * anything the walk would reject (a loop, depth 16, a hook an extension
 * refuses, a missing chain); the walk then says which rule to blame.
 */
export function graphValid(table: Table, previous?: Table): boolean {
  const own = summaries(table, previous);
  const search: Search = { user: own.user, reach: new Map() };
  for (const base of table.builtins) {
    const reach = below(search, own.builtins.get(base.name)!, 0);
    if (!reach || (reach.hooks & HOOK_BIT[base.name]) === 0) return false;
  }
  return true;
}

/** A user chain, by the name a jump gives, at this level. */
function visit(search: Search, name: string, level: number): Reach | null {
  if (level === JUMP_STACK_SIZE) return null;
  const known = search.reach.get(name);
  if (known === ON_PATH) return null;
  if (known) return level + known.height < JUMP_STACK_SIZE ? known : null;
  const own = search.user.get(name);
  if (!own) return null;
  search.reach.set(name, ON_PATH);
  const reach = below(search, own, level);
  if (reach) search.reach.set(name, reach);
  return reach;
}

/** What a chain with this summary reaches, itself at this level. */
function below(search: Search, own: ChainSummary, level: number): Reach | null {
  let hooks = own.hooks;
  let height = 0;
  const jumps = own.jumps;
  for (let k = 0; k < jumps.length; k++) {
    const next = visit(search, jumps[k], level + 1);
    if (!next) return null;
    hooks &= next.hooks;
    if (next.height >= height) height = next.height + 1;
  }
  return { hooks, height };
}
