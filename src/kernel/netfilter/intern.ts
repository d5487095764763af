/**
 * Hash-consing of parsed rules: every node of a cluster restores the same
 * few hundred thousand kube-proxy lines, which parse to equal rules. A
 * rule parsed once is kept per table by its text, and every restore of
 * that text (in any namespace of the world) puts that same rule object in
 * its chain: what a namespace holds per rule is one array slot. The
 * kernel's counters are per namespace and per rule, so a shared rule has
 * none (UNCOUNTED: zero, frozen); the packet path's first hit on it puts a
 * copy with counters of its own in its place (counted), so a namespace
 * pays for the few rules its packets reach. `-Z` and `[p:b]` lines make
 * rules of their own as before. A world of one namespace does not intern
 * (tools/iptables/fast-rule-intern.ts): nothing would share its rules.
 *
 * Only rules whose parts carry no state of their own are shared: the
 * kernel keeps some per rule instance (limit's bucket, statistic's nth
 * counter, named recent/hashlimit tables, ipset references), and those
 * rules are parsed anew each time.
 */
import type { World } from '../world.js';
import type { Chain, Counters, Rule, Table, TableName, UserChain } from './types.js';
import { chainHandle, handlesIn, newCounters } from './types.js';
import { ChainMap } from './chain-map.js';
import { samePlan } from './compile/index.js';
import { checkedHookMask, hasCheckentry } from './constraints.js';
import { hasNamedMatch } from './named-state.js';

/** Matches whose kernel side keeps nothing per rule instance (kube-proxy's, the CNI plugins', common ones). */
const STATELESS_MATCHES: ReadonlySet<string> = new Set([
  'addrtype',
  'comment',
  'conntrack',
  'icmp',
  'iprange',
  'mark',
  'multiport',
  'physdev',
  'sctp',
  'state',
  'tcp',
  'udp',
]);

/** Targets that keep nothing per rule instance. */
const STATELESS_TARGETS: ReadonlySet<string> = new Set([
  'ACCEPT',
  'CONNMARK',
  'DNAT',
  'DROP',
  'LOG',
  'MARK',
  'MASQUERADE',
  'REDIRECT',
  'REJECT',
  'RETURN',
  'SNAT',
]);

/**
 * Whether a match of that name and data keeps nothing per rule instance:
 * statistic's random mode draws from the world's RNG, its nth mode counts
 * per rule instance.
 */
export const statelessMatch = (name: string, data: Readonly<Record<string, unknown>>): boolean =>
  name === 'statistic' ? data.mode === 'random' : STATELESS_MATCHES.has(name);

/** Whether the rule's parts may be shared by other rules: none of them keeps state of its own. */
export function shareable(rule: Rule): boolean {
  for (const m of rule.matches) if (!statelessMatch(m.name, m.data)) return false;
  const v = rule.verdict;
  return v.kind !== 'target' || STATELESS_TARGETS.has(v.target.name);
}

/**
 * The counters of a rule no packet has hit since it was restored: zero,
 * shared by all such rules and never written (frozen: a write throws).
 */
export const UNCOUNTED: Counters = newCounters();
Object.freeze(UNCOUNTED);

/**
 * The packet path's first hit on rule `i` of a chain whose rule is shared
 * (UNCOUNTED): the rule becomes the namespace's own, same parts and
 * counters of its own, in place. The array is this namespace's (each
 * commit builds its table's arrays; older versions of the same table may
 * share it, and hold the same rule at the same place), so no other
 * namespace sees the change.
 */
export function counted(rules: readonly Rule[], i: number): Rule {
  const own: Rule = { ...rules[i], counters: newCounters() };
  (rules as Rule[])[i] = own;
  countedLists.add(rules);
  return own;
}

/** Lists `counted` changed in place: no longer the copies they were made as (draft.ts sameRulesAs). */
export const countedLists = new WeakSet<readonly Rule[]>();

/**
 * Rule lists the tables of several namespaces hold (a template table's,
 * tools/iptables/restore-rebase.ts): `counted` may not write them, so the
 * packet path's first hit on a shared rule in one first gives the
 * namespace a chain of its own (ownChain).
 */
export const sharedLists = new WeakSet<readonly Rule[]>();

/**
 * The user chain `at` of the namespace's live `table`, as a chain of the
 * namespace's own: a copy of its list (same rules, same plan) with its
 * handles as the table numbers them, put in the table's map in its
 * place. Not a commit (no new generation): the ruleset is the same, only
 * where its counters live changes. The table object is the namespace's
 * own (a commit makes each), so the map is replaced in it.
 */
export function ownChain(table: Table, at: Chain): UserChain {
  const rules = at.rules.slice();
  samePlan(at.rules, rules);
  const { handles, handle0 } = handlesIn(table, at);
  const own: UserChain = {
    kind: 'user',
    name: at.name,
    rules,
    handle: chainHandle(table, at),
    handles,
    handle0,
    source: (at.kind === 'user' ? at.source : undefined) ?? at.rules,
  };
  (table as { user: Table['user'] }).user = ChainMap.updated(table.user, [], [[at.name, own]]);
  return own;
}

/**
 * `parsed` (made for sharing: counters UNCOUNTED) as one namespace's rule,
 * not interned: a shareable rule stays as it is (the packet path's first
 * hit gives it counters of its own, see `counted`), any other gets
 * counters of its own now.
 */
export const unshared = (parsed: ChainRule): ChainRule =>
  shareable(parsed.rule)
    ? parsed
    : { chain: parsed.chain, rule: { ...parsed.rule, counters: newCounters() } };

/** Most distinct lines one world keeps (a safety bound: a cluster of 1,000 nodes has about 400,000). */
const MAX_LINES = 4_000_000;

/** A restore's `-A CHAIN RULE` line, parsed. */
export interface ChainRule {
  readonly chain: string;
  readonly rule: Rule;
}

/**
 * A rule the intern keeps, with what the restore memo found of it for its
 * table (tools/iptables/restore-memo.ts readChunk), found once: a chunk of
 * 10,000 lines read again after a change (its lines known, the chunk not)
 * then reads this object per line, not the rule, its verdict and its
 * matches (each a cache miss in a heap of several GB).
 */
export class InternedRule implements ChainRule {
  /** Whether the rule may be added to its table's user chains (ruleAcceptable without a hook); undefined: not asked yet. */
  acceptable: boolean | undefined = undefined;
  /** The user chain it jumps or goes to, if any (valid once `acceptable` is known). */
  jump: string | undefined = undefined;
  /** Whether it has a named match (recent, hashlimit; valid once `acceptable` is known). */
  named = false;

  /**
   * The rule that came next in its chain when a restore last read it
   * (tools/iptables/restore-memo.ts): a kube-proxy partial sync writes
   * the changed group of KUBE-SERVICES (~2,300 lines of 10,000 services)
   * as a chunk not seen before, lines read before in other chunks; each
   * line is then checked against this one's text, not looked up.
   */
  next: InternedRule | undefined = undefined;

  constructor(
    readonly chain: string,
    readonly rule: Rule,
    /** The line it was parsed from (a flat string: the intern's key). */
    readonly text: string,
  ) {}

  /** The hooks its extensions may run at (ruleHookMask; valid once `acceptable` is known). */
  hooks = 0;

  /** Finds `acceptable`, `hooks`, `jump` and `named` for `table` (ruleAcceptable runs the rule's checkentry functions). */
  learn(table: TableName): void {
    const rule = this.rule;
    const mask = checkedHookMask(table, rule, null);
    // Only rules shared by every namespace (nothing of their own: no state, no counters).
    this.acceptable = rule.counters === UNCOUNTED && mask >= 0;
    this.hooks = mask;
    const v = rule.verdict;
    this.jump = v.kind === 'jump' ? v.chain : undefined;
    this.named = rule.matches.length > 0 && hasNamedMatch(rule);
  }
}

/** One world's parsed rules by table and text. */
export class RuleIntern {
  private readonly tables = new Map<TableName, Map<string, ChainRule>>();
  private size = 0;

  get(table: TableName, text: string): ChainRule | undefined {
    return this.tables.get(table)?.get(text);
  }

  /**
   * Keeps `parsed` for `text` when its rule is shareable, and returns what
   * to use: `parsed` itself, kept, or for a rule that is not shareable a
   * copy with counters of its own. `parsed` is made for sharing: its
   * counters are UNCOUNTED. `text` must not be a slice of a larger string
   * (a restore's whole input): the key would keep that alive (see `flat`).
   */
  put(table: TableName, text: string, parsed: ChainRule): ChainRule {
    if (!shareable(parsed.rule)) return unshared(parsed);
    if (this.size >= MAX_LINES) {
      this.tables.clear();
      this.size = 0;
    }
    let byText = this.tables.get(table);
    if (!byText) this.tables.set(table, (byText = new Map()));
    const kept = new InternedRule(parsed.chain, parsed.rule, text);
    // Now, while the rule just parsed is in the CPU's cache, unless a checkentry would run: a partial
    // sync reads thousands of its lines again in a chunk of their own (restore-memo.ts).
    if (!hasCheckentry(parsed.rule)) kept.learn(table);
    byText.set(text, kept);
    this.size++;
    return kept;
  }
}

const interns = new WeakMap<World, RuleIntern>();

/** The world's intern of parsed rules (its namespaces share them). */
export function ruleIntern(world: World): RuleIntern {
  let intern = interns.get(world);
  if (!intern) interns.set(world, (intern = new RuleIntern()));
  return intern;
}

/**
 * A copy of `text` that shares no storage with a larger string. V8 makes
 * a substring a view into its parent; a rule parsed from a restore line
 * keeps slices of that line, and through it the whole restore input (tens
 * of MB per node on a large cluster). JSON round-tripping makes a new flat
 * string (the lines an intern keeps are ASCII without quotes escaped away).
 */
export const flat = (text: string): string => JSON.parse(JSON.stringify(text)) as string;
