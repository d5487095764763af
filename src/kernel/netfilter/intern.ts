/**
 * Hash-consing of parsed rules: every node of a cluster restores the same
 * few hundred thousand kube-proxy lines, which parse to equal rules. A
 * rule parsed once is kept per table by its text, and every later restore
 * of that text (in any namespace of the world) gets a rule sharing all its
 * parts with the first: addresses, matches and their options, verdict,
 * target. Only its counters are its own (a rule's counters are per
 * namespace and per rule, as the kernel's are), made on its first hit, so
 * what a namespace holds per rule is one small record.
 *
 * Only rules whose parts carry no state of their own are shared: the
 * kernel keeps some per rule instance (limit's bucket, statistic's nth
 * counter, named recent/hashlimit tables, ipset references), and those
 * rules are parsed anew each time.
 */
import type { World } from '../world.js';
import type { Counters, Rule, TableName } from './types.js';
import { newCounters } from './types.js';

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

/** Whether the rule's parts may be shared by other rules: none of them keeps state of its own. */
export function shareable(rule: Rule): boolean {
  for (const m of rule.matches) {
    if (m.name === 'statistic') {
      // random draws from the world's RNG; nth counts per rule instance.
      if (m.data.mode !== 'random') return false;
    } else if (!STATELESS_MATCHES.has(m.name)) return false;
  }
  const v = rule.verdict;
  return v.kind !== 'target' || STATELESS_TARGETS.has(v.target.name);
}

/**
 * The counters of a rule no packet has hit since it was restored: zero,
 * shared by all such rules and never written (frozen: a write throws).
 * The packet path gives a rule counters of its own on its first hit
 * (countersOf), so a namespace holding 300,000 rules pays for the few its
 * packets reach.
 */
export const UNCOUNTED: Counters = Object.freeze(newCounters());

/** A rule with the parts of `template` and counters of its own (zero until its first hit). */
export const sharing = (template: Rule): Rule => ({ ...template, counters: UNCOUNTED });

/** The rule's counters to bump: its own, made on its first hit (see UNCOUNTED). */
export function countersOf(rule: Rule): Counters {
  const c = rule.counters;
  if (c !== UNCOUNTED) return c;
  // The rule object is its namespace's alone (sharing makes one per restored line): only its counters were shared.
  return ((rule as { counters: Counters }).counters = newCounters());
}

/** Most distinct lines one world keeps (a safety bound: a cluster of 1,000 nodes has about 400,000). */
const MAX_LINES = 4_000_000;

/** A restore's `-A CHAIN RULE` line, parsed. */
export interface ChainRule {
  readonly chain: string;
  readonly rule: Rule;
}

/** One world's parsed rules by table and text. */
export class RuleIntern {
  private readonly tables = new Map<TableName, Map<string, ChainRule>>();
  private size = 0;

  get(table: TableName, text: string): ChainRule | undefined {
    return this.tables.get(table)?.get(text);
  }

  /**
   * Keeps `parsed` for `text` when its rule is shareable. `text` must not
   * be a slice of a larger string (a restore's whole input): the key
   * would keep that alive (see `flat`). Whether it was kept.
   */
  put(table: TableName, text: string, parsed: ChainRule): boolean {
    if (!shareable(parsed.rule)) return false;
    if (this.size >= MAX_LINES) {
      this.tables.clear();
      this.size = 0;
    }
    let byText = this.tables.get(table);
    if (!byText) this.tables.set(table, (byText = new Map()));
    byText.set(text, parsed);
    this.size++;
    return true;
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
