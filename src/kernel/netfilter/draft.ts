import { isDeepStrictEqual } from 'node:util';
import type {
  BuiltinChain,
  Chain,
  ForeignBaseChain,
  HandleShift,
  Hook,
  Policy,
  Rule,
  Table,
  UserChain,
  Verdict,
} from './types.js';
import { chainHandle, handlesIn, newCounters, ruleHandle, shiftOf } from './types.js';
import { ChainMap } from './chain-map.js';
import { NfError } from './errors.js';
import { checkedHookMask, ruleHookMask } from './constraints.js';
import type { ChainNode, GraphNode, GraphState } from './validate.js';
import { ALL_HOOKS, carryGraph, nodesValid, settleGraph, walkTable } from './validate.js';
import { HOOK_BIT } from './constraints.js';
import type { RulesetChange } from './monitor.js';
import { hasNamedMatch } from './named-state.js';
import { countedLists } from './intern.js';
import { prepareChain } from './compile/index.js';

/**
 * A chain as the transaction edits it. It is also its own node for the
 * graph check at build: its rules' hook mask and jump targets are kept
 * up to date by appends and inserts (the target was just looked up to
 * check the rule), so a restore's table is checked without looking a
 * single chain up by name again.
 */
interface WorkChain extends ChainNode {
  readonly kind: 'builtin' | 'user';
  name: string;
  rules: Rule[];
  /**
   * The nf_tables handle of each rule, parallel to `rules` (copied with
   * it); RUN: `handle0` and the ones after it (see handlesOf).
   */
  handles: number[];
  handle0: number;
  /** The chain's own handle, 0 while a built-in chain is not created. */
  handle: number;
  /** A built-in chain's policy state; null for a user chain (a restore makes 40,000: three fields fewer each). */
  b: BuiltinState | null;
  /** The chain value to reuse as is when nothing changed since; null after any change. */
  origin: Chain | null;
  /** `rules` belongs to an immutable Table: copy before the first edit. */
  shared: boolean;
  hooks: number;
  target: WorkChain | null;
  targets: WorkChain[] | null;
  /** `hooks`, `target` and `targets` describe `rules`; false after an edit other than adding a rule (recomputed at build). */
  graphed: boolean;
  /** Its index in the draft's `declared` chains; -1 for one it did not make. */
  order: number;
  /** The restore memo list `sourceOf` is a copy of (UserChain.source): valid while `rules` is `sourceOf`. */
  source: readonly Rule[] | null;
  sourceOf: readonly Rule[] | null;
  /**
   * The base table's user chain of its name, which it wraps (undefined for
   * one the batch made, or renamed): what build and carry compare it with,
   * without looking the name up in the base's map again.
   */
  was: UserChain | undefined;
  /** `-j` to it as rules of this batch say it (jumpVerdict), made on first need; null after a rename. */
  jump: Verdict | null;
  /** The restore memo fill that gave it its rules in this batch, if one did. */
  fill: DeclaredFill | null;
}

/** What a built-in chain has that a user chain has not. */
interface BuiltinState {
  policy: Policy;
  counters: BuiltinChain['counters'];
  hooked: boolean;
  policyStats: boolean;
}

/** One chain's rules for TableDraft.fillDeclared, and where they stand among the block's rules. */
export interface DeclaredFill {
  readonly chain: string;
  readonly rules: readonly Rule[];
  /** The block's rule index of each rule, or null: they are consecutive from `start`. */
  readonly at: readonly number[] | null;
  readonly start: number;
  /** The chains its rules jump to that the block does not declare (those it declares are there). */
  readonly external: readonly string[];
  /** Whether a rule of it has a named match, when its reader knows (else found from its rules). */
  readonly named?: boolean;
  /** Its rules' graph shape (shapeOf), when its reader knows: a rule's hook mask is found once per parsed rule. */
  readonly shape?: { readonly hooks: number; readonly targets: readonly string[] };
  /**
   * What drafts derived from the fill, for every namespace it fills (see
   * FillDerived): kept on the fill itself, which each node's restore of
   * the body reads anyway, rather than in maps keyed by it. Undefined
   * until the first fill.
   */
  derived?: FillDerived;
}

/** What fillDeclared derives from a DeclaredFill once for all namespaces. */
export interface FillDerived {
  /** The handles its rules last took (`handles`), from which handle on (`base`; see fillHandles). */
  base: number;
  handles: number[];
  /** Whether a rule of it has a named match (namedIn). */
  readonly named: boolean;
  /** A restore memo list found to hold its very rules (sameLists), if any. */
  sameAs: readonly Rule[] | null;
  /** Its rules' graph shape (graphShape), once asked for. */
  shape: { hooks: number; targets: readonly string[] } | null;
}

/**
 * Chain names compared last character first: kube-proxy's differ in their
 * hashed tail, and most names a restore compares are slices of its text,
 * whose full comparison costs more than two character reads.
 */
const sameName = (a: string, b: string): boolean =>
  a.length === b.length && a.charCodeAt(a.length - 1) === b.charCodeAt(b.length - 1) && a === b;

/**
 * The rules, handles and jump targets of a chain made empty: one list of
 * each for all (a restore makes ~40,000 chains), never written. A chain
 * holding them is `shared` (own() copies before an edit); append and
 * plus() make a list anew for a first entry.
 */
const NO_RULES: Rule[] = [];
const NO_HANDLES: number[] = [];
/**
 * A chain's handles as a run, `handle0` and the ones after it, one per
 * rule: what a restore's appends give each chain, kept without a list.
 */
const RUN: number[] = [];

/**
 * The handles of a chain the base table shares with its template, until
 * asked for (WorkChain.unshift): a flush (every sync's KUBE-SERVICES)
 * never needs its 10,000 old handles shifted.
 */
const SHIFTED: number[] = [];

/** The chain's handles as a list of its own to edit (a run written out). */
function handlesOf(c: WorkChain): number[] {
  if (c.handles !== RUN) return c.handles;
  const n = c.rules.length;
  const handles = new Array<number>(n);
  for (let i = 0; i < n; i++) handles[i] = c.handle0 + i;
  return (c.handles = handles);
}

/** The handles of a chain as a built Table keeps them: a list, or a run from its first (handle0). */
const builtHandles = (c: WorkChain): number[] | undefined => (c.handles === RUN ? undefined : c.handles);
const builtHandle0 = (c: WorkChain): number | undefined => (c.handles === RUN ? c.handle0 : undefined);
const NO_TARGETS: WorkChain[] = [];

/**
 * The list with `x` added at its end. A short one is made anew at its
 * exact size: V8 gives an array pushed to from empty room for 17, and a
 * restore's 37k two-rule chains (rules, handles, jump targets) would keep
 * ~13 MB of empty slots alive through every young collection.
 */
function plus<T>(list: T[], x: T): T[] {
  switch (list.length) {
    case 0:
      return [x];
    case 1:
      return [list[0], x];
    case 2:
      return [list[0], list[1], x];
  }
  list.push(x);
  return list;
}

/**
 * `was` when `rules` holds the same rule objects in the same order (a chain
 * refilled as it was), else `rules`. `source`: the restore memo list `was`
 * is a copy of, if any (UserChain.source).
 */
function sameRulesAs(
  was: readonly Rule[] | undefined,
  source: readonly Rule[] | null | undefined,
  rules: Rule[],
): Rule[] {
  if (was === undefined || was === rules || was.length !== rules.length || rules.length === 0) return rules;
  // A namespace's copy of a restore memo's list, unchanged since: the comparison of the two lists, once.
  if (source && !countedLists.has(was)) return sameLists(source, rules) ? (was as Rule[]) : rules;
  for (let i = 0; i < rules.length; i++) if (was[i] !== rules[i]) return rules;
  return was as Rule[];
}

/** The restore memo list a chain's rules are a copy of, while they are (WorkChain.source). */
const sourceOf = (c: WorkChain): readonly Rule[] | null => (c.sourceOf === c.rules ? c.source : null);

/** What fillDeclared derives from the fill, made on its first use. */
function derivedOf(f: DeclaredFill): FillDerived {
  return (f.derived ??= {
    base: -1,
    handles: [],
    named: f.named ?? namedIn(f.rules),
    sameAs: null,
    shape: null,
  });
}

/**
 * The handles of a fill's rules when the block's rules start at `base`:
 * one list for every namespace filling it from the same handle (the
 * nodes of a cluster, whose tables have the same history, do), never
 * written (an edit copies a chain's handles with its rules).
 */
function fillHandles(f: DeclaredFill, d: FillDerived, base: number): number[] {
  if (d.base === base) return d.handles;
  const n = f.rules.length;
  const handles = new Array<number>(n);
  const at = f.at;
  if (at === null) for (let i = 0; i < n; i++) handles[i] = base + f.start + i;
  else for (let i = 0; i < n; i++) handles[i] = base + at[i]!;
  d.base = base;
  d.handles = handles;
  return handles;
}

/**
 * Whether a chain a flush emptied (`r`) is refilled by `f` with the very
 * rules it held (sameRulesAs): known without a lookup when the list it
 * is a copy of is the one found so before.
 */
function refilledSame(
  r: { rules: readonly Rule[]; source: readonly Rule[] | null },
  f: DeclaredFill,
  d: FillDerived,
): boolean {
  if (r.source !== null && r.source === d.sameAs && !countedLists.has(r.rules)) return true;
  if (sameRulesAs(r.rules, r.source, f.rules as Rule[]) !== r.rules) return false;
  // Found through the source's comparison (sameLists): that comparison holds for good.
  if (r.source !== null && !countedLists.has(r.rules)) d.sameAs = r.source;
  return true;
}

/** Hooks and jump targets of lists that never change (restore memo lists), shared by every graph node made of them. */
const graphShapes = new WeakMap<readonly Rule[], { hooks: number; targets: readonly string[] }>();

function graphShape(rules: readonly Rule[]): { hooks: number; targets: readonly string[] } {
  let shape = graphShapes.get(rules);
  if (shape === undefined) graphShapes.set(rules, (shape = shapeOf(rules)));
  return shape;
}

function shapeOf(rules: readonly Rule[]): { hooks: number; targets: readonly string[] } {
  let hooks = ALL_HOOKS;
  const targets: string[] = [];
  for (const r of rules) {
    hooks &= ruleHookMask(r);
    const to = jumpTarget(r);
    if (to !== undefined) targets.push(to);
  }
  return { hooks, targets };
}

/** A memo fill's graph shape (graphShape of its rules), kept on the fill. */
function fillShape(f: DeclaredFill): { hooks: number; targets: readonly string[] } {
  if (f.shape !== undefined) return f.shape;
  const d = derivedOf(f);
  return (d.shape ??= shapeOf(f.rules));
}

/** Lists that never change, by pairs: whether they hold the same rules. */
const sameListPairs = new WeakMap<readonly Rule[], WeakMap<readonly Rule[], boolean>>();

/** Whether two lists that never change (restore memo lists) hold the same rules, compared once per pair. */
function sameLists(a: readonly Rule[], b: readonly Rule[]): boolean {
  if (a === b) return true;
  let byB = sameListPairs.get(a);
  if (byB === undefined) sameListPairs.set(a, (byB = new WeakMap()));
  let same = byB.get(b);
  if (same === undefined) {
    same = a.length === b.length;
    for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
    byB.set(b, same);
  }
  return same;
}

/** The same rule but for its counters: the packet path's counted copy of a shared rule (intern.ts counted). */
const sameParts = (a: Rule, b: Rule): boolean =>
  a.verdict === b.verdict &&
  a.matches === b.matches &&
  a.src === b.src &&
  a.dst === b.dst &&
  a.inIface === b.inIface &&
  a.outIface === b.outIface &&
  a.proto === b.proto &&
  a.protoInvert === b.protoInvert &&
  a.fragment === b.fragment;

/** Most user chains a table may have for `alike` to compare it (it compares every rule). */
export const ALIKE_CHAINS = 256;

/** The same rule but for counters, part by part (rules each namespace parsed itself). */
const sameRule = (a: Rule, b: Rule): boolean =>
  sameParts(a, b) ||
  (a.proto === b.proto &&
    a.protoInvert === b.protoInvert &&
    sameData(a.src, b.src) &&
    sameData(a.dst, b.dst) &&
    sameData(a.inIface, b.inIface) &&
    sameData(a.outIface, b.outIface) &&
    sameData(a.fragment, b.fragment) &&
    sameData(a.verdict, b.verdict) &&
    sameData(a.matches, b.matches));

/**
 * isDeepStrictEqual for what parsed rules hold (primitives, arrays, plain
 * objects), by hand: every node's restore compares its built-in chains'
 * rules with another node's (restore-share.ts), and the generic walk cost
 * it ~1 us per part. Anything else goes to isDeepStrictEqual.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!(i in a) || !(i in b) || !sameData(a[i], b[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.prototype || Object.getPrototypeOf(b) !== proto) return isDeepStrictEqual(a, b);
  if (Object.getOwnPropertySymbols(a).length > 0 || Object.getOwnPropertySymbols(b).length > 0)
    return isDeepStrictEqual(a, b);
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (
      !Object.prototype.hasOwnProperty.call(b, k) ||
      !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
    )
      return false;
  return true;
}

/** The same chain as the kernel holds it but for counters: name, handles, rules. */
function sameChain(ta: Table, a: Chain, tb: Table, b: Chain): boolean {
  const n = a.rules.length;
  if (a.name !== b.name || chainHandle(ta, a) !== chainHandle(tb, b) || n !== b.rules.length) return false;
  for (let i = 0; i < n; i++)
    if (!sameRule(a.rules[i]!, b.rules[i]!) || ruleHandle(ta, a, i) !== ruleHandle(tb, b, i)) return false;
  return true;
}

/**
 * Whether two small tables are alike (the same chains, policies, rules and
 * handles; counters aside): what a batch makes of one, it makes of the other.
 */
function alike(a: Table, b: Table): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.foreign || b.foreign || (a.nextHandle ?? 1) !== (b.nextHandle ?? 1))
    return false;
  // The very same user chains, numbered alike (tables sharing their map): the built-in chains tell.
  const shared = a.user === b.user && sameShift(a.shift, b.shift);
  if (!shared && (a.user.size !== b.user.size || a.user.size > ALIKE_CHAINS)) return false;
  for (let k = 0; k < a.builtins.length; k++) {
    const x = a.builtins[k]!;
    const y = b.builtins[k]!;
    if (
      x.policy !== y.policy ||
      (x.hooked === true) !== (y.hooked === true) ||
      (x.policyStats === true) !== (y.policyStats === true) ||
      !sameChain(a, x, b, y)
    )
      return false;
  }
  if (shared) return true;
  for (const [name, x] of a.user) {
    const y = b.user.get(name);
    if (y === undefined || !sameChain(a, x, b, y)) return false;
  }
  return true;
}

/** Whether two tables' handle shifts number the same chains alike (none: no shift, HandleShift). */
export function sameShift(a: HandleShift | undefined, b: HandleShift | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.template !== b.template) return false;
  const n = a.from.length;
  if (b.from.length !== n) return false;
  for (let k = 0; k < n; k++) if (a.from[k] !== b.from[k] || a.by[k] !== b.by[k]) return false;
  return true;
}

/** Whether a rule of the list has a named match, kept per list (restore-chunks hands the same lists again). */
const named = new WeakMap<readonly Rule[], boolean>();
function namedIn(rules: readonly Rule[]): boolean {
  let has = named.get(rules);
  if (has === undefined)
    named.set(rules, (has = rules.some((r) => r.matches.length > 0 && hasNamedMatch(r))));
  return has;
}

/** The names of the chains a graphed chain's rules jump to (`target`, then `targets`). */
function targetNames(c: WorkChain): string[] {
  const names = c.targets!.map((t) => t.name);
  if (c.target !== null) names.unshift(c.target.name);
  return names;
}

/** The user chain a rule jumps or goes to, if any. */
const jumpTarget = (r: Rule): string | undefined => (r.verdict.kind === 'jump' ? r.verdict.chain : undefined);

/** The rule with its jump to `from` pointed at `to` (itself when it does not jump there). */
const retargeted = (r: Rule, from: string, to: string): Rule =>
  r.verdict.kind === 'jump' && r.verdict.chain === from ? { ...r, verdict: { ...r.verdict, chain: to } } : r;

/** A built-in chain as never created (unhooked, or renamed away): no hook, handle, policy or counters of its own. */
function uncreate(c: WorkChain): void {
  c.origin = null;
  c.b = { policy: 'ACCEPT', counters: newCounters(), hooked: false, policyStats: false };
  c.handle = 0;
}

/**
 * The carried jump graph of each table a draft built (validate.ts): the
 * next batch from that table checks only what it changed.
 */
const graphStates = new WeakMap<Table, GraphState>();

/**
 * The table as it is now, in an object of its own, with its carried
 * graph: what another namespace's batch may take as `after` (rebase). The
 * namespace's live object does not stay as it was: the packet path's
 * first hit on a shared chain puts the namespace's own copy in its map
 * (intern.ts ownChain), which no other namespace may take.
 */
export function keptTable(table: Table): Table {
  const kept: Table = { ...table };
  const state = graphStates.get(table);
  if (state !== undefined) graphStates.set(kept, { ...state, table: kept });
  return kept;
}

/**
 * A transaction on one table (one nf_tables batch): edits apply to a
 * working copy, each checked as the kernel checks its netlink message;
 * build() validates the whole graph and yields the new immutable Table.
 * Nothing is visible until the caller swaps the result in.
 */
export class TableDraft {
  /**
   * The chains this batch touched (the built-ins always), by their name
   * now. A chain of the base table is wrapped on first lookup, so a batch
   * editing a few chains of 100,000 wraps those few (copy-on-write).
   */
  private chains = new Map<string, WorkChain>();
  /** Names of base user chains the batch deleted or renamed (a chain made again under one is in `chains`). */
  private readonly gone = new Set<string>();
  /** The base table's carried graph, when there is one. */
  private readonly state: GraphState | null;
  /** A chain renamed or the table made anew: the graph is checked whole at build. */
  private whole = false;
  /**
   * chain->use for every chain, built on first need and then kept up to
   * date by each edit, so deleting or renaming a chain does not rescan
   * the table (a restore deletes every user chain of the old table).
   * With a carried graph, only the counts this batch changed (0 for none),
   * over `refBase`, the base table's.
   */
  private refs: Map<string, number> | null = null;
  private refBase: ReadonlyMap<string, number> | null = null;
  /** Renamed base chains (Table.foreign): only the kernel knows their names. */
  private foreign: ForeignBaseChain[];
  /** recreate() ran: no chain of this draft is one the kernel had. */
  private recreated = false;
  /** table->hgenerator: the next chain or rule handle. */
  private nextHandle: number;
  /**
   * The edits as nf_tables messages, kept only while someone listens for
   * ruleset events (null otherwise: a restore records nothing).
   */
  readonly changes: RulesetChange[] | null;
  /** A rule with a named match (recent, hashlimit) joined the table: the commit syncs their state. */
  namedAdded = false;
  /**
   * Chains a flush emptied whose old rules may come back as they were:
   * the references of the first `kept` came back with them, those of the
   * others are taken off (settle) before anything reads or changes the
   * chain otherwise. `counted`: the index existed at the flush (else there
   * is nothing to take off).
   */
  private readonly refilling = new Map<
    WorkChain,
    { rules: readonly Rule[]; source: readonly Rule[] | null; kept: number; counted: boolean; same: boolean }
  >();

  /** The table rebase() made for this batch, and its carried graph: what build() gives. */
  private rebased: GraphState | null = null;

  constructor(
    private readonly base: Table,
    journal = false,
  ) {
    this.nextHandle = base.nextHandle ?? 1;
    this.changes = journal ? [] : null;
    for (const c of base.builtins) this.chains.set(c.name, this.wrap(c));
    this.foreign = base.foreign ? [...base.foreign] : [];
    this.state = graphStates.get(base) ?? null;
    if (this.state) {
      this.refs = new Map();
      this.refBase = this.state.refs;
    }
  }

  /** The chain by its name in this batch, wrapped on first touch. */
  private lookup(name: string): WorkChain | undefined {
    const c = this.chains.get(name);
    // After recreate() no base chain is left: a restore's ~40,000 new names look in one map, not three.
    if (c !== undefined || this.recreated || this.gone.has(name)) return c;
    const b = this.base.user.get(name);
    if (b === undefined) return undefined;
    const w = this.wrap(b);
    this.chains.set(name, w);
    return w;
  }

  /** The chain by its name in this batch, without wrapping it. */
  private peek(name: string): WorkChain | Chain | undefined {
    return this.chains.get(name) ?? (this.gone.has(name) ? undefined : this.base.user.get(name));
  }

  /** Every chain of the batch: the touched ones, then the base's untouched ones. */
  private *all(): Generator<WorkChain | Chain> {
    yield* this.chains.values();
    for (const c of this.base.user.values()) if (!this.gone.has(c.name) && !this.chains.has(c.name)) yield c;
  }

  /** Wraps every chain (a whole-table operation). */
  private wrapAll(): void {
    for (const name of this.base.user.keys()) this.lookup(name);
  }

  /** A name the kernel has for a renamed base chain. */
  private isForeign(name: string): boolean {
    return this.foreign.length > 0 && this.foreign.some((f) => f.name === name);
  }

  private note(change: RulesetChange): void {
    this.changes?.push(change);
  }

  private noteChain(c: WorkChain, op: 'new' | 'del', policy = c.b?.policy ?? 'ACCEPT'): void {
    this.changes?.push({ kind: 'chain', op, chain: c.name, base: c.kind === 'builtin', policy });
  }

  private noteRules(c: WorkChain, op: 'new' | 'del', rules: readonly Rule[] = c.rules): void {
    if (this.changes) for (const rule of rules) this.changes.push({ kind: 'rule', op, chain: c.name, rule });
  }

  private wrap(c: Chain): WorkChain {
    // A chain shared with a template table: its handles as this table numbers them, when asked for.
    const shifted = shiftOf(this.base, c) !== undefined;
    const h = shifted ? { handles: SHIFTED, handle0: undefined } : c;
    return {
      // Spelled out, field by field in make()'s order, so every WorkChain has one shape (a spread
      // here gave wrapped chains a shape of their own, and every draft call on a chain a
      // polymorphic read). Its graph node is not known yet: computed from its rules at build.
      kind: c.kind,
      name: c.name,
      jump: null,
      order: -1,
      rules: c.rules as Rule[],
      handles: (h.handles ?? (h.handle0 !== undefined ? RUN : NO_HANDLES)) as number[],
      handle0: h.handle0 ?? 0,
      shared: true,
      origin: c,
      graphed: false,
      hooks: ALL_HOOKS,
      target: null,
      targets: null,
      search: 0,
      reach: 0,
      height: 0,
      handle: chainHandle(this.base, c),
      source: c.kind === 'user' ? (c.source ?? null) : null,
      sourceOf: c.rules,
      was: c.kind === 'user' ? c : undefined,
      fill: null,
      b:
        c.kind === 'builtin'
          ? {
              policy: c.policy,
              counters: c.counters,
              hooked: c.hooked === true,
              policyStats: c.policyStats === true,
            }
          : null,
    };
  }

  get tableName(): Table['name'] {
    return this.base.name;
  }

  /**
   * The chains last looked up, most recent first: a restore names the
   * same chain on line after line (parse, checks, append) and, on each,
   * the chain it jumps to, often one every chain uses (KUBE-MARK-MASQ);
   * most lookups end here rather than in the map.
   */
  private recent0: WorkChain | undefined = undefined;
  private recent1: WorkChain | undefined = undefined;
  private recent2: WorkChain | undefined = undefined;
  /**
   * The user chains this draft made, in order, and the one after the
   * chain last appended to: iptables-save prints a table's rule groups in
   * the order it declares the chains, so the chain a restore's `-A` turns
   * to next is most often that one (one name comparison instead of a
   * lookup in a map of tens of thousands). Emptied when a chain is
   * deleted, so no entry is ever a chain the draft lost.
   */
  private declared: WorkChain[] = [];
  private cursor = 0;

  private find(chain: string): WorkChain | undefined {
    const r0 = this.recent0;
    if (r0 !== undefined && sameName(r0.name, chain)) return r0;
    const r1 = this.recent1;
    let c: WorkChain | undefined;
    if (r1 !== undefined && sameName(r1.name, chain)) c = r1;
    else {
      const r2 = this.recent2;
      if (r2 !== undefined && sameName(r2.name, chain)) c = r2;
      else {
        const next = this.declared[this.cursor];
        if (next !== undefined && sameName(next.name, chain)) c = next;
        else {
          c = this.lookup(chain);
          if (c === undefined) return undefined;
        }
      }
    }
    // c is now the most recent; the one it displaced moves down one place.
    if (c !== r1) this.recent2 = r1;
    this.recent1 = r0;
    this.recent0 = c;
    return c;
  }

  has(chain: string): boolean {
    return this.find(chain) !== undefined;
  }

  isBuiltin(chain: string): boolean {
    return this.find(chain)?.kind === 'builtin';
  }

  /** The chain is in the kernel: a user chain, or a built-in once created. */
  created(chain: string): boolean {
    const c = this.find(chain);
    return c !== undefined && (c.kind === 'user' || c.b!.hooked);
  }

  /** A user chain of this draft (what `-j NAME` may name). */
  isUser(chain: string): boolean {
    return this.find(chain)?.kind === 'user';
  }

  /** isUser without taking the chain into the batch (a check of many names the batch does not edit). */
  hasUser(chain: string): boolean {
    return this.peek(chain)?.kind === 'user';
  }

  /**
   * `-j CHAIN` to a user chain of this draft, undefined when it is none
   * (isUser). Rules jumping to the same chain share one verdict (a Rule
   * never changes), which names it by the chain's own string: a restore's
   * rule keeps no slice of its line, and the append's check of the target
   * compares the name by identity.
   */
  jumpVerdict(chain: string): Verdict | undefined {
    const c = this.find(chain);
    if (c === undefined || c.kind !== 'user') return undefined;
    return (c.jump ??= { kind: 'jump', chain: c.name, goto: false });
  }

  rules(chain: string): readonly Rule[] {
    return this.get(chain).rules;
  }

  /** The chains the kernel has (user chains and created built-ins), oldest first, as nft lists them. */
  kernelChains(): string[] {
    return (
      [...this.all()]
        // A built-in is always a WorkChain (the constructor wraps them all).
        .filter((c) => c.kind === 'user' || (c as WorkChain).b!.hooked)
        .map((c) => ({ c, handle: 'shared' in c ? c.handle : chainHandle(this.base, c) }))
        .sort((a, b) => a.handle - b.handle)
        .map(({ c }) => c)
        .map((c) => c.name)
    );
  }

  /** User chain names as they stand in this draft. */
  userChains(): string[] {
    const names: string[] = [];
    for (const c of this.all()) if (c.kind === 'user') names.push(c.name);
    return names;
  }

  private get(chain: string): WorkChain {
    const c = this.find(chain);
    if (!c) throw new NfError('ENOENT');
    return c;
  }

  /** A chain the base shares with its template: its handles as this table numbers them, written out. */
  private unshift(c: WorkChain): void {
    if (c.handles !== SHIFTED) return;
    const h = handlesIn(this.base, c.was!);
    c.handles = (h.handles ?? (h.handle0 !== undefined ? RUN : NO_HANDLES)) as number[];
    c.handle0 = h.handle0 ?? 0;
  }

  /** Copy-on-write: the first edit of a chain copies its rule array once. */
  private own(c: WorkChain): Rule[] {
    this.unshift(c);
    if (this.refilling.size > 0) this.settle(c);
    if (c.shared) {
      c.rules = c.rules.slice();
      // A run is a value: nothing to copy.
      if (c.handles !== RUN) c.handles = c.handles.slice();
      c.shared = false;
    }
    c.origin = null;
    return c.rules;
  }

  /** Keeps the reference index in step with rules entering (+1) or leaving (-1) the table. */
  private count(rule: Rule, delta: 1 | -1): void {
    if (!this.refs) return;
    const to = jumpTarget(rule);
    if (to !== undefined) this.refs.set(to, this.refOf(to) + delta);
  }

  private refOf(name: string): number {
    const v = this.refs!.get(name);
    return v !== undefined ? v : (this.refBase?.get(name) ?? 0);
  }

  /** Sets a count of the index, if there is one yet (0 when the chain has gone). */
  private setRef(name: string, uses: number): void {
    if (!this.refs) return;
    if (this.refBase !== null || uses > 0) this.refs.set(name, uses);
    else this.refs.delete(name);
  }

  private countAll(rules: readonly Rule[], delta: 1 | -1): void {
    if (this.refs) for (const r of rules) this.count(r, delta);
  }

  /**
   * The index with the rules `was` leaving and `now` entering the table:
   * countAll of each, but each target's count read and written once, and
   * not at all where they cancel (the table's index is a map of every
   * chain: a lookup there costs more than one in a map of a few).
   */
  private recount(was: readonly Rule[], now: readonly Rule[]): void {
    if (!this.refs) return;
    const net = new Map<string, number>();
    for (const r of was) {
      const to = jumpTarget(r);
      if (to !== undefined) net.set(to, (net.get(to) ?? 0) - 1);
    }
    for (const r of now) {
      const to = jumpTarget(r);
      if (to !== undefined) net.set(to, (net.get(to) ?? 0) + 1);
    }
    for (const [to, d] of net) if (d !== 0) this.refs.set(to, this.refOf(to) + d);
  }

  /** A built-in chain as a table flush leaves it: policy ACCEPT, zero policy counters. */
  resetBuiltin(chain: string): void {
    const c = this.get(chain);
    if (c.b === null) return;
    c.origin = null;
    c.b.policy = 'ACCEPT';
    c.b.counters = newCounters();
  }

  /** Creates the built-in chain in the kernel if it is not there yet (no-op for user chains). */
  touch(chain: string): void {
    this.hook(this.get(chain));
  }

  private hook(c: WorkChain): void {
    if (c.b === null || c.b.hooked) return;
    c.origin = null;
    c.b.hooked = true;
    c.handle = this.nextHandle++;
    this.noteChain(c, 'new', 'ACCEPT');
  }

  /** The user chain the rule checkRule last checked jumps to, if any. */
  private checked: WorkChain | undefined = undefined;

  /**
   * The rule's checks as it is added: its hook mask (ruleHookMask, found
   * by the same pass); the user chain it jumps to, if any, is `checked`.
   */
  private checkRule(rule: Rule, c: WorkChain): number {
    const hook = c.kind === 'builtin' ? (c.name as Hook) : null;
    const mask = checkedHookMask(this.base.name, rule, hook);
    if (mask < 0) throw new NfError('EINVAL', rule);
    if (!this.namedAdded && rule.matches.length > 0) this.namedAdded = hasNamedMatch(rule);
    const to = jumpTarget(rule);
    if (to === undefined) {
      this.checked = undefined;
      return mask;
    }
    const target = this.find(to);
    if (target?.kind !== 'user') throw new NfError('ENOENT', rule);
    this.checked = target;
    return mask;
  }

  /** A rule joined the chain: its part of the chain's graph node (`mask`, `target`: what checkRule found). */
  private graphAdd(c: WorkChain, mask: number, target: WorkChain | undefined): void {
    if (!c.graphed) return;
    c.hooks &= mask;
    if (target === undefined) return;
    if (c.target === null) c.target = target;
    else c.targets = plus(c.targets!, target);
  }

  append(chain: string, rule: Rule): void {
    const c = this.get(chain);
    if (c.order >= 0 && this.declared[c.order] === c) this.cursor = c.order + 1;
    const mask = this.checkRule(rule, c);
    const target = this.checked;
    this.hook(c);
    if (this.refilling.size > 0) this.settle(c);
    if (c.rules.length === 0) {
      // Its first rule (a restore's every chain): a list of its own, nothing to copy first.
      c.rules = [rule];
      c.handles = RUN;
      c.handle0 = this.nextHandle++;
      c.shared = false;
      c.origin = null;
    } else {
      const rules = this.own(c);
      const h = this.nextHandle++;
      // The handle after the chain's last one (no other chain took one since): the run goes on.
      if (c.handles !== RUN || c.handle0 + rules.length !== h) c.handles = plus(handlesOf(c), h);
      c.rules = plus(rules, rule);
    }
    this.count(rule, 1);
    this.graphAdd(c, mask, target);
    this.changes?.push({ kind: 'rule', op: 'new', chain: c.name, rule });
  }

  /** Inserts before the 0-based position; E2BIG past the end. */
  insert(chain: string, index: number, rule: Rule): void {
    const c = this.get(chain);
    if (index > c.rules.length) throw new NfError('E2BIG');
    const mask = this.checkRule(rule, c);
    const target = this.checked;
    this.hook(c);
    const rules = this.own(c);
    handlesOf(c).splice(index, 0, this.nextHandle++);
    rules.splice(index, 0, rule);
    this.count(rule, 1);
    this.noteRules(c, 'new', [rule]);
    // The graph check does not depend on the order of a chain's jumps.
    this.graphAdd(c, mask, target);
  }

  replace(chain: string, index: number, rule: Rule): void {
    const c = this.get(chain);
    if (index >= c.rules.length) throw new NfError('E2BIG');
    this.checkRule(rule, c);
    this.hook(c);
    const rules = this.own(c);
    this.count(rules[index], -1);
    // NLM_F_REPLACE: the new rule takes the old one's handle.
    this.noteRules(c, 'del', [rules[index]]);
    this.noteRules(c, 'new', [rule]);
    rules[index] = rule;
    this.count(rule, 1);
    c.graphed = false;
  }

  deleteAt(chain: string, index: number): void {
    const c = this.get(chain);
    if (index >= c.rules.length) throw new NfError('E2BIG');
    const rules = this.own(c);
    handlesOf(c).splice(index, 1);
    const [gone] = rules.splice(index, 1);
    this.count(gone, -1);
    this.noteRules(c, 'del', [gone]);
    c.graphed = false;
  }

  newChain(name: string): void {
    if (!this.free(name)) throw new NfError('EEXIST');
    this.make(name);
  }

  /**
   * A restore's `:NAME -` line: the user chain flushed when the batch has
   * one of that name, else made, named `kept(name)`. One lookup for both
   * (has() then newChain() make two, and a restore declares ~40,000).
   */
  declare(name: string, kept: (name: string) => string): void {
    // After recreate() every chain is in `chains`, and a declared name is most often new: no
    // recent chain to compare it with first (find), nor a renamed base chain to look for.
    const c = this.recreated ? this.chains.get(name) : this.find(name);
    if (c !== undefined) this.flushChain(c);
    else if (this.foreign.length > 0 && this.isForeign(name)) throw new NfError('EEXIST');
    else this.make(kept(name));
  }

  /** A new user chain of a name no chain has. */
  private make(name: string): void {
    const c: WorkChain = {
      // What a restore reads of every chain first (name, jump verdict, rules), then its graph
      // node (visited at build), then what a built-in or a memo fill needs: fewer cache lines.
      kind: 'user',
      name,
      jump: null,
      order: this.declared.length,
      rules: NO_RULES,
      handles: NO_HANDLES,
      handle0: 0,
      shared: true,
      origin: null,
      graphed: true,
      hooks: ALL_HOOKS,
      target: null,
      targets: NO_TARGETS,
      search: 0,
      reach: 0,
      height: 0,
      handle: this.nextHandle++,
      source: null,
      sourceOf: null,
      was: undefined,
      fill: null,
      b: null,
    };
    this.declared.push(c);
    this.chains.set(name, c);
    this.noteChain(c, 'new');
  }

  /** A name no chain of the batch has (nor a renamed base chain). */
  private free(name: string): boolean {
    return this.peek(name) === undefined && !this.isForeign(name);
  }

  /** EBUSY while rules remain in it or any rule jumps to it; built-ins cannot go. */
  deleteChain(name: string): void {
    const c = this.get(name);
    if (c.kind === 'builtin') throw new NfError('EINVAL');
    if (c.rules.length > 0 || this.references(name) > 0) throw new NfError('EBUSY');
    this.chains.delete(name);
    if (this.base.user.has(name)) this.gone.add(name);
    this.noteChain(c, 'del');
    if (this.recent0 === c) this.recent0 = undefined;
    if (this.recent1 === c) this.recent1 = undefined;
    if (this.recent2 === c) this.recent2 = undefined;
    if (c.order >= 0) {
      this.declared = [];
      this.cursor = 0;
    }
    this.setRef(name, 0);
  }

  /**
   * NFT_MSG_NEWCHAIN by handle with a new name. iptables names the chain by
   * the handle it read from the kernel, so a chain this batch made (or
   * deleted and made again, or a table made anew) is not found: ENOENT.
   */
  renameChain(from: string, to: string): void {
    const c = this.get(from);
    if (!this.fromKernel(c)) throw new NfError('ENOENT');
    if (!this.free(to)) throw new NfError('EEXIST');
    this.whole = true;
    if (c.kind === 'builtin') {
      this.detach(c, to);
      return;
    }
    const uses = this.references(from);
    if (uses > 0) this.retarget(from, to);
    this.chains.delete(from);
    if (this.base.user.has(from)) this.gone.add(from);
    this.unshift(c);
    c.origin = null;
    c.name = to;
    c.jump = null;
    c.was = undefined;
    this.chains.set(to, c);
    // NEWCHAIN with the new name is how the kernel reports a rename.
    this.noteChain(c, 'new');
    this.setRef(from, 0);
    if (uses > 0) this.setRef(to, uses);
  }

  /** The chain is the one the kernel had when the batch began (same handle). */
  private fromKernel(c: WorkChain): boolean {
    if (this.recreated) return false;
    const was =
      c.kind === 'user' ? this.base.user.get(c.name) : this.base.builtins.find((b) => b.name === c.name);
    if (was === undefined || (was.kind === 'builtin' && was.hooked !== true)) return false;
    return chainHandle(this.base, was) === c.handle;
  }

  /**
   * A built-in chain renamed (NFT_MSG_NEWCHAIN by handle): the base chain
   * keeps its hook, handle, rules, policy and counters under the new name,
   * where iptables no longer sees it; the built-in reads as never created,
   * for the next edit to make anew. ENOENT for one not created.
   */
  private detach(c: WorkChain, to: string): void {
    const b = c.b!;
    if (!b.hooked) throw new NfError('ENOENT');
    this.foreign.push({
      kind: 'builtin',
      name: to,
      hook: c.name as Hook,
      policy: b.policy,
      counters: b.counters,
      rules: c.rules,
      hooked: true,
      policyStats: b.policyStats,
      handle: c.handle,
      handles: handlesOf(c),
    });
    this.changes?.push({ kind: 'chain', op: 'new', chain: to, base: false, policy: b.policy });
    uncreate(c);
    c.rules = [];
    c.handles = [];
    c.shared = false;
    c.hooks = ALL_HOOKS;
    c.target = null;
    c.targets = NO_TARGETS;
    c.graphed = true;
  }

  /**
   * A DELRULE for the whole table (`iptables -F` without -v) also empties
   * the renamed base chains, which no iptables listing shows.
   */
  flushForeign(): void {
    if (this.foreign.length === 0) return;
    for (const f of this.foreign) this.countAll(f.rules, -1);
    this.foreign = this.foreign.map((f) => ({ ...f, rules: [], handles: [] }));
  }

  /** Points every jump to `from` at `to` (the index is moved by the caller). */
  private retarget(from: string, to: string): void {
    this.foreign = this.foreign.map((f) =>
      f.rules.some((r) => jumpTarget(r) === from)
        ? { ...f, rules: f.rules.map((r) => retargeted(r, from, to)) }
        : f,
    );
    this.wrapAll();
    for (const c of this.chains.values()) {
      if (!c.rules.some((r) => jumpTarget(r) === from)) continue;
      const rules = this.own(c);
      for (let i = 0; i < rules.length; i++) rules[i] = retargeted(rules[i], from, to);
    }
  }

  /** How many rules jump or go to the chain (chain->use). */
  references(name: string): number {
    this.settleAll();
    if (!this.refs) {
      this.refs = new Map();
      for (const c of this.all()) this.countAll(c.rules, 1);
      for (const f of this.foreign) this.countAll(f.rules, 1);
    }
    return this.refOf(name);
  }

  flush(chain: string): void {
    this.flushChain(this.get(chain));
  }

  private flushChain(c: WorkChain): void {
    this.settle(c);
    // Nothing to flush (kube-proxy declares several chains it leaves empty on every sync): the chain
    // stays as it was, so the commit keeps its value and the carried graph check skips it.
    if (c.rules.length === 0) return;
    // Its rules may come back as they were (see reappend): their references are taken off when they do not.
    if (c.kind === 'user' && this.changes === null)
      this.refilling.set(c, {
        rules: c.rules,
        source: sourceOf(c),
        kept: 0,
        counted: this.refs !== null,
        same: true,
      });
    else this.countAll(c.rules, -1);
    this.noteRules(c, 'del');
    c.rules = [];
    c.handles = [];
    c.shared = false;
    c.origin = null;
    c.hooks = ALL_HOOKS;
    c.target = null;
    c.targets = NO_TARGETS;
    c.graphed = true;
  }

  /**
   * Appends `rules` to a user chain a flush emptied in this batch, when
   * they are the very rules it held, in order, from where the chain now
   * ends (kube-proxy's syncs rewrite KUBE-SERVICES whole, with the same
   * rules; iptables/restore-chunks.ts): what `append` of each would do,
   * without looking each jump target up (each was a user chain of the
   * base table, and the batch has deleted none) nor counting references
   * (the flush did not take them off). False, having changed nothing,
   * for anything else: the caller appends them one by one.
   */
  reappend(chain: string, rules: readonly Rule[]): boolean {
    const c = this.find(chain);
    const r = c === undefined ? undefined : this.refilling.get(c);
    if (c === undefined || r === undefined || this.gone.size > 0 || this.recreated) return false;
    if (r.kept !== c.rules.length || r.kept + rules.length > r.rules.length) return false;
    // The same rules, or the same but for counters (a packet's first hit gave the namespace its own copy).
    let same = r.same;
    for (let i = 0; i < rules.length; i++) {
      const was = r.rules[r.kept + i]!;
      if (was === rules[i]) continue;
      if (!sameParts(was, rules[i]!)) return false;
      same = false;
    }
    r.same = same;
    if (!this.namedAdded) this.namedAdded = namedIn(rules);
    const handles = handlesOf(c);
    for (const rule of rules) {
      c.rules.push(rule);
      handles.push(this.nextHandle++);
    }
    r.kept += rules.length;
    // Its graph node is worked out from its rules at build, when the whole table is checked.
    c.graphed = false;
    return true;
  }

  /**
   * A restore block's rules, each chain's list at once (the restore memo,
   * tools/iptables/restore-memo.ts): what `append` of every rule would do,
   * the block's `count` rules taking the next handles in their line order
   * (a fill's rule i is the block's rule `start + i`, or `at[i]`). Each
   * chain must be a user chain this batch declared, still empty; the
   * caller has checked the rules for this table. Their jump targets must
   * be user chains of the batch: the block's declared chains, or its
   * `external` ones (checked here for rules the chain did not hold
   * before). Throws EINVAL for a chain that is not such a chain,
   * ENOENT for a missing target (the draft is then half done: drop it).
   */
  fillDeclared(fills: readonly DeclaredFill[], count: number): void {
    const base = this.nextHandle;
    for (const f of fills) {
      const c = this.get(f.chain);
      if (c.kind !== 'user' || c.rules.length !== 0) throw new NfError('EINVAL');
      const d = derivedOf(f);
      const handles = fillHandles(f, d, base);
      const r = this.refilling.get(c);
      // Refilled with the very rules it held (a kube-proxy sync rewriting KUBE-SERVICES): their references
      // stay, and so do the chains they jump to (a deletion in this batch checks it has none).
      if (r !== undefined && r.kept === 0 && refilledSame(r, f, d)) {
        this.refilling.delete(c);
        // The base table's list (copied before an edit).
        c.rules = r.rules as Rule[];
        c.shared = true;
        c.source = r.source;
        c.sourceOf = r.rules;
      } else {
        for (const to of f.external)
          if (this.peek(to)?.kind !== 'user')
            throw new NfError(
              'ENOENT',
              f.rules.find((r) => jumpTarget(r) === to),
            );
        // What the flush took off and the fill puts back, netted (settle, then countAll): a chain
        // refilled with a few rules more or less keeps most of its targets' counts.
        if (r !== undefined && r.counted) {
          this.refilling.delete(c);
          this.recount(r.kept === 0 ? r.rules : r.rules.slice(r.kept), f.rules);
        } else {
          this.settle(c);
          this.countAll(f.rules, 1);
        }
        // A list of its own: the packet path's first hit on a shared rule puts a counted copy in its place.
        c.rules = f.rules.slice();
        c.source = f.rules;
        c.sourceOf = c.rules;
        // Never written but by the packet path's `counted` (countedLists): an edit copies it first.
        c.shared = true;
      }
      c.handles = handles;
      c.origin = null;
      c.graphed = false;
      if (!this.namedAdded) this.namedAdded = d.named;
      c.fill = f;
      this.noteRules(c, 'new');
    }
    this.nextHandle = base + count;
  }

  /**
   * This batch as the one that made `after` from `before` in another
   * namespace, told by its differences (tools/iptables/restore-rebase.ts):
   * `after`'s user chains, shared (their handles shifted by `shift`), with
   * the `changed` ones set (null: not there), this draft's base's built-in
   * chains, and `nextHandle`. Only for a draft nothing has touched, whose
   * base is `alike` to `before`; checked as a commit checks (every jump's
   * target there, a chain gone unreferenced, the graph carried on from
   * `after`'s), in time proportional to the changes. False, changing
   * nothing, when it cannot vouch for the result: the caller then applies
   * the batch itself. build() then gives the table.
   */
  rebase(
    before: Table,
    after: Table,
    changed: ReadonlyMap<string, UserChain | null>,
    shift: HandleShift | undefined,
    nextHandle: number,
  ): boolean {
    const state = graphStates.get(after);
    if (state === undefined || this.recreated || this.gone.size > 0 || this.changes !== null) return false;
    if (this.chains.size !== this.base.builtins.length || after.foreign) return false;
    for (const c of this.chains.values()) if (c.origin === null) return false;
    if (!alike(this.base, before)) return false;
    const there = (name: string): boolean => {
      const c = changed.get(name);
      return c === undefined ? after.user.has(name) : c !== null;
    };
    // Reference counts and graph nodes of the changed chains, against `after`'s.
    const net = new Map<string, number>();
    const nodes = new Map<string, GraphNode | null>();
    for (const [name, c] of changed) {
      const was = after.user.get(name);
      if (was !== undefined)
        for (const r of was.rules) {
          const to = jumpTarget(r);
          if (to !== undefined) net.set(to, (net.get(to) ?? 0) - 1);
        }
      if (c === null) {
        if (was !== undefined) nodes.set(name, null);
        continue;
      }
      let hooks = ALL_HOOKS;
      const targets: string[] = [];
      for (const r of c.rules) {
        hooks &= ruleHookMask(r);
        const to = jumpTarget(r);
        if (to === undefined) continue;
        if (!there(to)) return false;
        targets.push(to);
        net.set(to, (net.get(to) ?? 0) + 1);
      }
      const old = state.nodes.get(name);
      nodes.set(name, { hooks, targets, reach: old?.reach ?? 0, depth: old?.depth ?? -1 });
    }
    const goneRefs: string[] = [];
    const setRefs: [string, number][] = [];
    for (const [to, d] of net) {
      const uses = (state.refs.get(to) ?? 0) + d;
      if (uses < 0 || (uses > 0 && !there(to))) return false;
      if (d === 0) continue;
      if (uses === 0) goneRefs.push(to);
      else setRefs.push([to, uses]);
    }
    for (const [name, c] of changed)
      if (c === null && (state.refs.get(name) ?? 0) + (net.get(name) ?? 0) > 0) return false;
    const out = carryGraph(
      state,
      nodes,
      this.base.builtins.map(() => null),
    );
    if (out === null) return false;
    const removed: string[] = [];
    const set: [string, UserChain][] = [];
    for (const [name, c] of changed)
      if (c === null) removed.push(name);
      else {
        set.push([name, c]);
        prepareChain(c.rules);
      }
    const table: Table = {
      name: this.base.name,
      builtins: this.base.builtins,
      user: ChainMap.updated(after.user, removed, set),
      nextHandle,
      ...(shift !== undefined ? { shift } : {}),
    };
    const gone: string[] = [];
    const carried: [string, GraphNode][] = [];
    for (const [name, n] of out)
      if (n === null) gone.push(name);
      else carried.push([name, n]);
    this.rebased = {
      table,
      bases: state.bases,
      nodes: ChainMap.updated(state.nodes, gone, carried),
      refs: ChainMap.updated(state.refs, goneRefs, setRefs),
    };
    return true;
  }

  /** The references a flush left to take off: those of its rules that did not come back. */
  private settle(c: WorkChain): void {
    if (this.refilling.size === 0) return;
    const r = this.refilling.get(c);
    if (r === undefined) return;
    this.refilling.delete(c);
    if (r.counted) for (let i = r.kept; i < r.rules.length; i++) this.count(r.rules[i], -1);
    // Refilled with all it held and nothing else: its old array again (it never changes, copied before an edit).
    if (r.same && r.kept === r.rules.length && c.rules.length === r.kept) {
      c.rules = r.rules as Rule[];
      c.shared = true;
    }
  }

  private settleAll(): void {
    for (const c of [...this.refilling.keys()]) this.settle(c);
  }

  /** Resets rule counters (and the policy counters of a built-in chain). */
  zero(chain: string, index?: number): void {
    const c = this.get(chain);
    const rules = this.own(c);
    if (index !== undefined) {
      if (index >= rules.length) throw new NfError('E2BIG');
      rules[index] = { ...rules[index], counters: newCounters() };
      return;
    }
    for (let i = 0; i < rules.length; i++) rules[i] = { ...rules[i], counters: newCounters() };
    if (c.b !== null) {
      c.b.counters = newCounters();
      if (c.b.hooked) c.b.policyStats = true;
      if (c.b.hooked) this.noteChain(c, 'new');
    }
  }

  setPolicy(chain: string, policy: Policy, counters?: BuiltinChain['counters']): void {
    const c = this.get(chain);
    const b = c.b;
    if (b === null) throw new NfError('ENOENT');
    this.hook(c);
    c.origin = null;
    b.policy = policy;
    if (counters) b.counters = counters;
    b.policyStats = true;
    this.noteChain(c, 'new');
  }

  /**
   * iptables -X also deletes a built-in chain that has no rule and the
   * ACCEPT policy (found by experiment: it is gone from the hook, and the
   * next edit creates it with a new handle); one with policy DROP stays.
   */
  deleteIdleBuiltin(chain: string): void {
    const c = this.get(chain);
    if (c.b === null || !c.b.hooked || c.rules.length > 0 || c.b.policy !== 'ACCEPT') return;
    this.unhook(c);
  }

  private unhook(c: WorkChain): void {
    this.noteChain(c, 'del');
    uncreate(c);
  }

  /**
   * The table deleted and made anew in one batch (iptables-restore
   * without --noflush): every rule and user chain goes, built-in chains
   * leave their hooks until a line creates them again, and handles start
   * over from 1 (a new table has a new generator).
   */
  recreate(): void {
    const existed = this.base.nextHandle !== undefined;
    this.wrapAll();
    this.whole = true;
    const order = [...this.chains.values()].sort((a, b) => a.handle - b.handle);
    // nft_flush_table: every rule, then every chain, then the table.
    for (const c of order) this.flush(c.name);
    for (const c of order) {
      if (c.kind === 'user') this.deleteChain(c.name);
      else if (c.b!.hooked) this.unhook(c);
    }
    this.foreign = [];
    this.recreated = true;
    if (existed) {
      this.note({ kind: 'table', op: 'del' });
      this.note({ kind: 'table', op: 'new' });
    }
    this.nextHandle = 1;
  }

  /**
   * The new table, after nft_table_validate; throws NfError blaming a rule.
   * The result shares every rule array with this draft, which therefore
   * copies an array again before its next edit: a built Table never changes.
   * `last`: the caller drops the draft once the table is built (a commit),
   * so a table made anew may take the draft's own map of its chains (see
   * handOver); the draft is then spent, whether the build passes or not.
   */
  build(last = false): Table {
    if (this.rebased !== null) {
      graphStates.set(this.rebased.table, this.rebased);
      return this.rebased.table;
    }
    this.settleAll();
    const builtins: BuiltinChain[] = this.base.builtins.map((b) => {
      const c = this.chains.get(b.name)!;
      if (c.origin) return c.origin as BuiltinChain;
      const state = c.b!;
      prepareChain(c.rules);
      const chain: BuiltinChain = {
        kind: 'builtin',
        name: b.name,
        policy: state.policy,
        counters: state.counters,
        rules: c.rules,
        hooked: state.hooked,
        policyStats: state.policyStats,
        handle: c.handle,
        handles: builtHandles(c),
        handle0: builtHandle0(c),
      };
      c.origin = chain;
      c.shared = true;
      return chain;
    });
    if (last && this.recreated && this.foreign.length === 0) {
      // A table made anew: checked on the draft's chains, then (when it passes) given their map.
      const valid = this.graphValid();
      const user = valid ? this.handOver() : this.freshUser();
      const table: Table = { name: this.base.name, builtins, user, nextHandle: this.nextHandle };
      if (!valid) walkTable(table);
      return table;
    }
    const user = this.recreated ? this.freshUser() : this.updatedUser();
    const shift = this.recreated ? undefined : this.base.shift;
    const table: Table = {
      name: this.base.name,
      builtins,
      user,
      nextHandle: this.nextHandle,
      ...(shift !== undefined ? { shift } : {}),
    };
    if (this.foreign.length > 0) return this.withForeign(table);
    const state = this.whole ? null : this.state;
    if (state !== null && this.carry(state, table)) return table;
    if (!this.graphValid()) walkTable(table);
    // A table made anew (a restore without --noflush) is not carried: it
    // costs the restore a fifth more, and the next batch on it, checked
    // whole, starts the carried graph.
    if (!this.recreated) this.remember(table);
    return table;
  }

  /** The chain's value in the built table (the one it had, when nothing changed since). */
  private userChain(c: WorkChain): UserChain {
    if (!c.origin) {
      this.unshift(c);
      // Refilled with the very rules it held (each kube-proxy sync rewrites KUBE-SERVICES whole):
      // the base's array again, which the carried graph check then skips.
      const was = this.recreated || this.gone.has(c.name) ? undefined : c.was;
      if (was !== undefined && was.rules !== c.rules) {
        c.rules = sameRulesAs(was.rules, was.source, c.rules);
        if (c.rules === was.rules) [c.source, c.sourceOf] = [was.source ?? null, was.rules];
      }
      const source = sourceOf(c) ?? undefined;
      prepareChain(c.rules);
      c.origin = {
        kind: 'user',
        name: c.name,
        rules: c.rules,
        handle: c.handle,
        handles: builtHandles(c),
        handle0: builtHandle0(c),
        source,
      };
    }
    c.shared = true;
    return c.origin as UserChain;
  }

  /**
   * The user chains of a table made anew (recreate): every one is a chain
   * of this batch, in `chains`' order, so the map is made in one pass,
   * without pairs for ChainMap.updated to copy.
   */
  private freshUser(): ReadonlyMap<string, UserChain> {
    const map = new Map<string, UserChain>();
    for (const c of this.chains.values()) if (c.kind === 'user') map.set(c.name, this.userChain(c));
    return ChainMap.of(map);
  }

  /**
   * freshUser for a draft built for the last time: `chains` itself, its
   * entries turned into the table's (a built-in's deleted), so a restore
   * of 40,000 chains does not fill a second map of them. The draft keeps
   * nothing of it (every later use fails as on a draft with no chain).
   */
  private handOver(): ReadonlyMap<string, UserChain> {
    const map = this.chains as Map<string, WorkChain | UserChain>;
    this.chains = new Map();
    this.recent0 = this.recent1 = this.recent2 = this.checked = undefined;
    this.declared = [];
    this.cursor = 0;
    // Setting an entry it has keeps its place (and the map its size): one pass, no growth.
    for (const c of map.values())
      if (c.kind === 'user') map.set(c.name, this.userChain(c as WorkChain));
      else map.delete(c.name);
    return ChainMap.of(map as Map<string, UserChain>);
  }

  /** The base's chains in their order; a chain made (again) in this batch comes after them. */
  private updatedUser(): ReadonlyMap<string, UserChain> {
    // (A ChainMap: the base's map is not copied, see chain-map.ts.)
    const set: [string, UserChain][] = [];
    for (const c of this.chains.values()) if (c.kind === 'user') set.push([c.name, this.userChain(c)]);
    return ChainMap.updated(this.base.user, this.gone, set);
  }

  /**
   * The check on what the batch changed, from the base's carried graph;
   * moves the graph on to `table` when it passes. False when the table may
   * fail (the caller checks it whole, which also starts the graph afresh).
   */
  private carry(state: GraphState, table: Table): boolean {
    const changed = new Map<string, GraphNode | null>();
    for (const name of this.gone) if (!this.chains.has(name)) changed.set(name, null);
    for (const c of this.chains.values()) {
      if (c.kind !== 'user') continue;
      const was = this.gone.has(c.name) ? undefined : c.was;
      if (was !== undefined && was.rules === c.rules) continue;
      const old = was === undefined ? undefined : state.nodes.get(c.name);
      changed.set(c.name, this.node(c.rules, sourceOf(c), old?.reach ?? 0, old?.depth ?? -1, c.fill));
    }
    const bases = this.base.builtins.map((b) => {
      const c = this.chains.get(b.name)!;
      return c.rules === b.rules ? null : this.node(c.rules, null, HOOK_BIT[b.name], 0);
    });
    const out = carryGraph(state, changed, bases);
    if (out === null) return false;
    const gone: string[] = [];
    const set: [string, GraphNode][] = [];
    for (const [name, n] of out)
      if (n === null) gone.push(name);
      else set.push([name, n]);
    const goneRefs: string[] = [];
    const setRefs: [string, number][] = [];
    for (const [name, uses] of this.refs!)
      if (uses === 0) goneRefs.push(name);
      else setRefs.push([name, uses]);
    graphStates.set(table, {
      table,
      bases: state.bases.map((b, k) => bases[k] ?? b),
      nodes: ChainMap.updated(state.nodes, gone, set),
      refs: ChainMap.updated(state.refs, goneRefs, setRefs),
    });
    return true;
  }

  /**
   * A chain's node from its rules, jumps named (null when one names no user
   * chain of the batch). `source`: the restore memo list they are a copy of,
   * filled in this batch, whose jump targets are user chains (fillDeclared).
   */
  private node(
    rules: readonly Rule[],
    source: readonly Rule[] | null,
    reach: number,
    depth: number,
    fill: DeclaredFill | null = null,
  ): GraphNode {
    if (source !== null) {
      // Rules a memo fill gave: its shape is kept on the fill (FillDerived), else by list.
      const shape = fill !== null && fill.rules === source ? fillShape(fill) : graphShape(source);
      return { hooks: shape.hooks, targets: shape.targets, reach, depth };
    }
    let hooks = ALL_HOOKS;
    let targets: string[] | null = [];
    for (const r of rules) {
      hooks &= ruleHookMask(r);
      const to = jumpTarget(r);
      if (to === undefined) continue;
      if (this.peek(to)?.kind === 'user') targets?.push(to);
      else targets = null;
    }
    // At its exact size: an array pushed to from empty keeps room for 17, and a node's table has 100,000 of them.
    return { hooks, targets: targets && targets.slice(), reach, depth };
  }

  /** The carried graph of a table that passed the whole check (every chain wrapped and graphed). */
  private remember(table: Table): void {
    const named = (c: WorkChain): GraphNode => ({
      hooks: c.hooks,
      targets: c.targets && targetNames(c),
      reach: 0,
      depth: -1,
    });
    const nodes = new Map<string, GraphNode>();
    for (const c of this.chains.values()) if (c.kind === 'user') nodes.set(c.name, named(c));
    const bases = this.base.builtins.map((b) => named(this.chains.get(b.name)!));
    settleGraph(
      bases,
      this.base.builtins.map((b) => b.name),
      nodes,
    );
    graphStates.set(table, { table, bases, nodes, refs: this.exactRefs() });
  }

  /** chain->use of the batch's table, as a map of its own. */
  private exactRefs(): Map<string, number> {
    this.references('');
    const refs = new Map(this.refBase ?? []);
    for (const [name, uses] of this.refs!)
      if (uses === 0) refs.delete(name);
      else refs.set(name, uses);
    return refs;
  }

  /** The table with its renamed base chains (checked as the rest: their jumps are part of the graph). */
  private withForeign(table: Table): Table {
    const full: Table = { ...table, foreign: this.foreign };
    walkTable(full);
    return full;
  }

  /** nft_table_validate's checks on the chains as nodes (walkTable says which rule fails, when one does). */
  private graphValid(): boolean {
    this.wrapAll();
    for (const c of this.chains.values()) if (!c.graphed) this.regraph(c);
    const hooks = this.base.builtins.map((b) => b.name);
    return nodesValid(
      hooks.map((h) => this.chains.get(h)!),
      hooks,
    );
  }

  /** A chain's graph node from its rules, jumps looked up by name (a chain edited otherwise than by adding). */
  private regraph(c: WorkChain): void {
    let hooks = ALL_HOOKS;
    let first: WorkChain | null = null;
    let targets: WorkChain[] | null = [];
    for (const r of c.rules) {
      hooks &= ruleHookMask(r);
      const to = jumpTarget(r);
      if (to === undefined) continue;
      const target = this.chains.get(to);
      if (target?.kind !== 'user') targets = null;
      else if (first === null) first = target;
      else targets?.push(target);
    }
    c.hooks = hooks;
    c.target = first;
    c.targets = targets;
    c.graphed = true;
  }
}
