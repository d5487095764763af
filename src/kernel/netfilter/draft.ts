import type { BuiltinChain, Chain, Policy, Rule, Table, UserChain } from './types.js';
import { newCounters } from './types.js';
import { NfError } from './errors.js';
import { ruleAcceptable } from './constraints.js';
import { validateTable } from './validate.js';

interface WorkChain {
  readonly kind: 'builtin' | 'user';
  name: string;
  policy: Policy;
  counters: BuiltinChain['counters'];
  rules: Rule[];
  hooked: boolean;
  policyStats: boolean;
  /** The chain value this was copied from, reused untouched when nothing changed. */
  origin: Chain | null;
}

/**
 * A transaction on one table (one nf_tables batch): edits apply to a
 * working copy, each checked as the kernel checks its netlink message;
 * build() validates the whole graph and yields the new immutable Table.
 * Nothing is visible until the caller swaps the result in.
 */
export class TableDraft {
  private readonly chains = new Map<string, WorkChain>();

  constructor(private readonly base: Table) {
    for (const c of base.builtins) this.chains.set(c.name, this.wrap(c));
    for (const c of base.user.values()) this.chains.set(c.name, this.wrap(c));
  }

  private wrap(c: Chain): WorkChain {
    return {
      kind: c.kind,
      name: c.name,
      policy: c.kind === 'builtin' ? c.policy : 'ACCEPT',
      counters: c.kind === 'builtin' ? c.counters : newCounters(),
      rules: c.rules as Rule[],
      hooked: c.kind === 'builtin' && c.hooked === true,
      policyStats: c.kind === 'builtin' && c.policyStats === true,
      origin: c,
    };
  }

  get tableName(): Table['name'] {
    return this.base.name;
  }

  has(chain: string): boolean {
    return this.chains.has(chain);
  }

  isBuiltin(chain: string): boolean {
    return this.chains.get(chain)?.kind === 'builtin';
  }

  rules(chain: string): readonly Rule[] {
    return this.get(chain).rules;
  }

  /** User chain names as they stand in this draft. */
  userChains(): string[] {
    return [...this.chains.values()].filter((c) => c.kind === 'user').map((c) => c.name);
  }

  private get(chain: string): WorkChain {
    const c = this.chains.get(chain);
    if (!c) throw new NfError('ENOENT');
    return c;
  }

  /** Copy-on-write: the first edit of a chain copies its rule array once. */
  private mutable(chain: string): WorkChain {
    const c = this.get(chain);
    if (c.origin) {
      c.rules = [...c.rules];
      c.origin = null;
    }
    return c;
  }

  /** A built-in chain as a table flush leaves it: policy ACCEPT, zero policy counters. */
  resetBuiltin(chain: string): void {
    const c = this.get(chain);
    if (c.kind !== 'builtin') return;
    c.policy = 'ACCEPT';
    c.counters = { packets: 0n, bytes: 0n };
    c.origin = null;
  }

  /** Creates the built-in chain in the kernel if it is not there yet (no-op for user chains). */
  touch(chain: string): void {
    const c = this.get(chain);
    if (c.kind !== 'builtin' || c.hooked) return;
    c.hooked = true;
    c.origin = null;
  }

  private checkRule(rule: Rule): void {
    if (!ruleAcceptable(this.base.name, rule)) throw new NfError('EINVAL', rule);
    if (rule.verdict.kind === 'jump') {
      const target = this.chains.get(rule.verdict.chain);
      if (!target || target.kind !== 'user') throw new NfError('ENOENT', rule);
    }
  }

  append(chain: string, rule: Rule): void {
    const c = this.get(chain);
    this.checkRule(rule);
    this.mutable(c.name).rules.push(rule);
    this.touch(chain);
  }

  /** Inserts before the 0-based position; E2BIG past the end. */
  insert(chain: string, index: number, rule: Rule): void {
    const c = this.get(chain);
    if (index > c.rules.length) throw new NfError('E2BIG');
    this.checkRule(rule);
    this.mutable(chain).rules.splice(index, 0, rule);
    this.touch(chain);
  }

  replace(chain: string, index: number, rule: Rule): void {
    const c = this.get(chain);
    if (index >= c.rules.length) throw new NfError('E2BIG');
    this.checkRule(rule);
    this.mutable(chain).rules[index] = rule;
    this.touch(chain);
  }

  deleteAt(chain: string, index: number): void {
    const c = this.get(chain);
    if (index >= c.rules.length) throw new NfError('E2BIG');
    this.mutable(chain).rules.splice(index, 1);
  }

  newChain(name: string): void {
    if (this.chains.has(name)) throw new NfError('EEXIST');
    this.chains.set(name, {
      kind: 'user',
      name,
      policy: 'ACCEPT',
      counters: newCounters(),
      rules: [],
      hooked: false,
      policyStats: false,
      origin: null,
    });
  }

  /** EBUSY while rules remain in it or any rule jumps to it; built-ins cannot go. */
  deleteChain(name: string): void {
    const c = this.get(name);
    if (c.kind === 'builtin') throw new NfError('EINVAL');
    if (c.rules.length > 0 || this.references(name) > 0) throw new NfError('EBUSY');
    this.chains.delete(name);
  }

  renameChain(from: string, to: string): void {
    const c = this.get(from);
    if (c.kind === 'builtin') throw new NfError('EINVAL');
    if (this.chains.has(to)) throw new NfError('EEXIST');
    if (this.references(from) > 0) this.retarget(from, to);
    this.chains.delete(from);
    c.name = to;
    c.origin = null;
    this.chains.set(to, c);
  }

  private retarget(from: string, to: string): void {
    for (const c of this.chains.values()) {
      if (!c.rules.some((r) => r.verdict.kind === 'jump' && r.verdict.chain === from)) continue;
      this.mutable(c.name).rules = c.rules.map((r) =>
        r.verdict.kind === 'jump' && r.verdict.chain === from
          ? { ...r, verdict: { ...r.verdict, chain: to } }
          : r,
      );
    }
  }

  /** How many rules jump or go to the chain (chain->use). */
  references(name: string): number {
    let n = 0;
    for (const c of this.chains.values())
      for (const r of c.rules) if (r.verdict.kind === 'jump' && r.verdict.chain === name) n++;
    return n;
  }

  flush(chain: string): void {
    this.mutable(chain).rules = [];
  }

  /** Resets rule counters (and the policy counters of a built-in chain). */
  zero(chain: string, index?: number): void {
    const c = this.mutable(chain);
    if (index !== undefined) {
      if (index >= c.rules.length) throw new NfError('E2BIG');
      c.rules[index] = { ...c.rules[index], counters: newCounters() };
      return;
    }
    c.rules = c.rules.map((r) => ({ ...r, counters: newCounters() }));
    if (c.kind === 'builtin') {
      c.counters = newCounters();
      if (c.hooked) c.policyStats = true;
    }
  }

  setPolicy(chain: string, policy: Policy, counters?: BuiltinChain['counters']): void {
    const c = this.get(chain);
    if (c.kind !== 'builtin') throw new NfError('ENOENT');
    c.policy = policy;
    if (counters) c.counters = counters;
    c.hooked = true;
    c.policyStats = true;
    c.origin = null;
  }

  /** The new table, after nft_table_validate; throws NfError blaming a rule. */
  build(): Table {
    const builtins: BuiltinChain[] = this.base.builtins.map((b) => {
      const c = this.chains.get(b.name)!;
      if (c.origin) return b;
      return {
        kind: 'builtin',
        name: b.name,
        policy: c.policy,
        counters: c.counters,
        rules: c.rules,
        hooked: c.hooked,
        policyStats: c.policyStats,
      };
    });
    const user = new Map<string, UserChain>();
    for (const c of this.chains.values()) {
      if (c.kind !== 'user') continue;
      user.set(c.name, c.origin?.kind === 'user' ? c.origin : { kind: 'user', name: c.name, rules: c.rules });
    }
    const table: Table = { name: this.base.name, builtins, user };
    validateTable(table);
    return table;
  }
}
