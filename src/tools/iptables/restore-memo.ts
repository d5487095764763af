/**
 * iptables-restore reading a table block whose body (the pipe's writes
 * between `*TABLE` and `COMMIT`) this world has read before: a body that
 * only declares user chains, fills them and deletes some of them, as
 * every kube-proxy sync does with --noflush, means the same change on any
 * table: its chains end with the same rules, whatever they held. Such a
 * body is read once per world into a Delta (each chain's rule list, and
 * where each rule stands among the block's rules, which gives its handle),
 * and every restore of the same body applies it a chain at a time instead
 * of a line at a time: a node's share of a cluster's endpoint change is
 * then a few declared chains, not the 10,000 lines of KUBE-SERVICES.
 *
 * What depends on the table is checked where it is applied, by the same
 * draft calls the lines make: a declared chain flushed or made, the jump
 * targets of rules a chain did not hold present as user chains, a deleted
 * chain no longer referenced, and the graph at commit. Anything the memo
 * cannot vouch for (another kind of line, a rule keeping state of its own,
 * a built-in chain's name, a listener for ruleset events) leaves the body
 * to the line-by-line reading, which also reports every error as it
 * always has: the caller starts the block again from its first line when
 * the memo's application fails.
 */
import type { Netns } from '../../kernel/netns.js';
import type { World } from '../../kernel/world.js';
import type { DeclaredFill, TableDraft } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import { InternedRule, ruleIntern, UNCOUNTED, type ChainRule } from '../../kernel/netfilter/intern.js';
import { hasNamedMatch } from '../../kernel/netfilter/named-state.js';
import { checkedHookMask } from '../../kernel/netfilter/constraints.js';
import { ALL_HOOKS } from '../../kernel/netfilter/validate.js';
import { TABLE_HOOKS } from '../../kernel/netfilter/tables.js';
import type { Rule, TableName } from '../../kernel/netfilter/types.js';
import { plainText } from './fast-rule.js';
import { chainName, internedFastRule } from './fast-rule-intern.js';

/** What one chunk of a body does, in its line order: declarations, then appends, then deletions. */
export interface ChunkOps {
  readonly decls: readonly string[];
  readonly runs: readonly Run[];
  /** How many `-A` lines (the runs' rules). */
  readonly appends: number;
  readonly deletes: readonly string[];
  readonly lines: number;
}

/** Consecutive `-A` lines of one chain. */
export interface Run {
  readonly chain: string;
  readonly rules: readonly Rule[];
  /** The chains its rules jump or go to, each once. */
  readonly targets: readonly string[];
  /** Whether a rule of it has a named match. */
  readonly named: boolean;
  /** The hooks all its rules may run at (ruleHookMask of each, and-ed). */
  readonly hooks: number;
  /** The chain each of its rules jumps or goes to, in order, repeated (a fill's graph shape). */
  readonly jumps: readonly string[];
}

/** A body as a change of any table: see the module comment. */
interface Delta {
  readonly declared: readonly string[];
  readonly fills: readonly DeclaredFill[];
  /** Rules in the body (the handles it takes). */
  readonly count: number;
  readonly deletes: readonly string[];
  readonly lines: number;
}

/** A phase of a body: all its declarations come first, its deletions last. */
const enum Phase {
  Declare,
  Append,
  Delete,
}

/**
 * What the kept bodies may hold, in chunks and chains, before the world
 * forgets them (safety bounds): a partial sync's body is a few chains, a
 * full sync's of 10,000 services 20,000 chunks and 110,000 chains (~8 MB),
 * and the nodes whose services have Local policies each have bodies of
 * their own.
 */
const MAX_BODY_ITEMS = 2_000_000;
/** Most chunks read into ops one world keeps (a full sync of 10,000 services has about 20,000). */
const MAX_CHUNKS = 400_000;

export class MemoCache {
  /** Chunk text -> its ops, per table (null: a chunk the memo does not take). */
  readonly chunks = new Map<TableName, Map<string, ChunkOps | null>>();
  chunkCount = 0;
  /** First chunk of a body -> the bodies starting with it, with their delta (null: not one to take). */
  readonly bodies = new Map<TableName, Map<string, { chunks: readonly string[]; delta: Delta | null }[]>>();
  /** Chunks and chains of the kept bodies. */
  bodyItems = 0;
}

const caches = new WeakMap<World, MemoCache>();

export function memoCache(world: World): MemoCache {
  let cache = caches.get(world);
  if (!cache) caches.set(world, (cache = new MemoCache()));
  return cache;
}

let enabled = true;

/** Turns the memo off (on again): the differential tests compare a restore with and without it. */
export function setRestoreMemo(on: boolean): void {
  enabled = on;
}

/** The block a body is read into, as restore.ts holds it. */
export interface MemoBlock {
  readonly name: TableName;
  readonly draft: TableDraft;
}

/**
 * The chunks from `from` on as the body of the block just opened (none of
 * its lines read yet), up to the chunk that starts with its COMMIT: the
 * index of that chunk and the body's line count when the memo applied the
 * body to the block's draft (the caller then commits it), else null with
 * the draft untouched, or `'spoilt'`: the application failed half way, and
 * the caller must start the block again with a draft of its own.
 */
export function restoreBody(
  block: MemoBlock,
  texts: readonly string[],
  from: number,
  netns: Netns,
): { next: number; lines: number; body: ReadBody } | null | 'spoilt' {
  if (!enabled || block.draft.changes !== null) return null;
  const end = bodyEnd(texts, from);
  if (end === null) return null;
  const body = bodyDelta(block, texts, from, end, netns);
  const delta = body.delta;
  if (delta === null) return null;
  const draft = block.draft;
  try {
    for (const name of delta.declared) draft.declare(name, keep);
    draft.fillDeclared(delta.fills, delta.count);
    for (const name of delta.deletes) draft.deleteChain(name);
  } catch (e) {
    if (e instanceof NfError) return 'spoilt';
    throw e;
  }
  return {
    next: end,
    lines: delta.lines,
    body: { chunks: body.chunks, declared: delta.declared, lines: delta.lines },
  };
}

/** A body the memo applied: its chunks (the world's array of them) and the chains it declared. */
export interface ReadBody {
  readonly chunks: readonly string[];
  readonly declared: readonly string[];
  readonly lines: number;
}

const keep = (name: string) => name;

/** Whether the memo (and the rebase, restore-rebase.ts) may take bodies (setRestoreMemo). */
export const memoEnabled = (): boolean => enabled;

/** The index of the chunk that starts with the body's COMMIT, or null (none, or an empty body). */
export function bodyEnd(texts: readonly string[], from: number): number | null {
  let end = from;
  while (end < texts.length && !startsWithCommit(texts[end]!)) end++;
  return end === texts.length || end === from ? null : end;
}

export const startsWithCommit = (text: string): boolean =>
  text.charCodeAt(0) === 0x43 /* C */ && text.startsWith('COMMIT\n');

/** The delta of texts[from, end) for this block's table, with the body's chunks: read once per world. */
function bodyDelta(
  block: MemoBlock,
  texts: readonly string[],
  from: number,
  end: number,
  netns: Netns,
): { readonly chunks: readonly string[]; readonly delta: Delta | null } {
  const cache = memoCache(netns.world);
  let byFirst = cache.bodies.get(block.name);
  if (!byFirst) cache.bodies.set(block.name, (byFirst = new Map()));
  const first = texts[from]!;
  let known = byFirst.get(first);
  if (known)
    for (let j = 0; j < known.length; j++) {
      const k = known[j]!;
      if (k.chunks.length !== end - from) continue;
      let same = true;
      for (let i = 1; same && i < k.chunks.length; i++) same = k.chunks[i] === texts[from + i];
      if (!same) continue;
      // The body last read first: every node of a cluster reads a change's body in turn.
      if (j > 0) known.unshift(...known.splice(j, 1));
      return k;
    }
  const chunks = texts.slice(from, end);
  const delta = readBody(block, chunks, netns, cache);
  const items = chunks.length + (delta ? delta.declared.length + delta.fills.length : 0);
  if (cache.bodyItems + items > MAX_BODY_ITEMS) {
    cache.bodies.clear();
    cache.bodyItems = 0;
    cache.bodies.set(block.name, (byFirst = new Map()));
    known = undefined;
  }
  if (!known) byFirst.set(first, (known = []));
  const body = { chunks, delta };
  known.push(body);
  cache.bodyItems += items;
  return body;
}

/** No chain: what most fills jump to outside their body (one list for all). */
const NONE: readonly string[] = [];

/**
 * A fill being gathered: one run's list as it is (`at` null), or a list of
 * its own, with each rule's place, once a second run joins.
 */
interface Gathering {
  readonly chain: string;
  rules: Rule[] | readonly Rule[];
  at: number[] | null;
  readonly start: number;
  /** Jump targets the body does not declare. */
  readonly external: Set<string>;
  named: boolean;
  hooks: number;
  jumps: string[] | readonly string[];
}

function readBody(block: MemoBlock, chunks: readonly string[], netns: Netns, cache: MemoCache): Delta | null {
  const declared = new Set<string>();
  const declaredList: string[] = [];
  const fills = new Map<string, Gathering>();
  const deletes: string[] = [];
  let phase = Phase.Declare;
  let count = 0;
  let lines = 0;
  // A rule line parsed for the first time jumps to a chain the body declares, or one the table has.
  const exists = (_t: string, c: string) => declared.has(c) || block.draft.hasUser(c);
  const links: Links = new Map();
  for (const chunk of chunks) {
    const ops = chunkOps(block.name, chunk, exists, netns, cache, links);
    if (ops === null) return null;
    lines += ops.lines;
    if (ops.decls.length > 0) {
      if (phase !== Phase.Declare) return null;
      for (const d of ops.decls) {
        if (!declared.has(d)) declaredList.push(d);
        declared.add(d);
      }
    }
    if (ops.appends > 0) {
      if (phase === Phase.Delete) return null;
      phase = Phase.Append;
      for (const run of ops.runs) {
        if (!declared.has(run.chain)) return null;
        let f = fills.get(run.chain);
        if (f === undefined) {
          f = {
            chain: run.chain,
            rules: run.rules,
            at: null,
            start: count,
            external: new Set(),
            named: false,
            hooks: run.hooks,
            jumps: run.jumps,
          };
          fills.set(run.chain, f);
        } else {
          f.hooks &= run.hooks;
          if (run.jumps.length > 0) f.jumps = f.jumps.concat(run.jumps);
          let at = f.at;
          if (at === null) {
            const start = f.start;
            f.rules = f.rules.slice();
            f.at = at = Array.from({ length: f.rules.length }, (_, i) => start + i);
          }
          for (let i = 0; i < run.rules.length; i++) {
            (f.rules as Rule[]).push(run.rules[i]!);
            at.push(count + i);
          }
        }
        for (const to of run.targets) if (!declared.has(to)) f.external.add(to);
        if (run.named) f.named = true;
        count += run.rules.length;
      }
    }
    if (ops.deletes.length > 0) {
      phase = Phase.Delete;
      deletes.push(...ops.deletes);
    }
  }
  const list: DeclaredFill[] = [];
  for (const f of fills.values()) {
    const external = f.external.size === 0 ? NONE : [...f.external];
    list.push({
      chain: f.chain,
      rules: f.rules,
      at: f.at,
      start: f.start,
      external,
      named: f.named,
      shape: { hooks: f.hooks, targets: f.jumps },
      derived: undefined,
    });
  }
  return { declared: declaredList, fills: list, count, deletes, lines };
}

/** Per chain, the last interned rule a body's reading appended to it (see InternedRule.next). */
type Links = Map<string, InternedRule>;

/** A chunk's ops, read once per world (null: a chunk the memo does not take). */
export function chunkOps(
  table: TableName,
  chunk: string,
  exists: (t: string, c: string) => boolean,
  netns: Netns,
  cache: MemoCache,
  links: Links = new Map(),
): ChunkOps | null {
  let byText = cache.chunks.get(table);
  if (!byText) cache.chunks.set(table, (byText = new Map()));
  let ops = byText.get(chunk);
  if (ops !== undefined) return ops;
  ops = readChunk(table, chunk, exists, netns, links);
  if (cache.chunkCount >= MAX_CHUNKS) {
    cache.chunks.clear();
    cache.chunkCount = 0;
    cache.chunks.set(table, (byText = new Map()));
  }
  byText.set(chunk, ops);
  cache.chunkCount++;
  return ops;
}

function readChunk(
  table: TableName,
  chunk: string,
  exists: (t: string, c: string) => boolean,
  netns: Netns,
  links: Links,
): ChunkOps | null {
  if (chunk.length === 0 || chunk.charCodeAt(chunk.length - 1) !== 10 || !plainText(chunk)) return null;
  const intern = ruleIntern(netns.world);
  const hooks: readonly string[] = TABLE_HOOKS[table];
  const decls: string[] = [];
  const runs: NonNullable<typeof run>[] = [];
  const deletes: string[] = [];
  let run: {
    chain: string;
    rules: Rule[];
    targets: Set<string>;
    named: boolean;
    hooks: number;
    jumps: string[];
  } | null = null;
  let appends = 0;
  let phase = Phase.Declare;
  let lines = 0;
  const lookup = (line: string) => intern.get(table, line) ?? internedFastRule(line, table, exists, netns);
  /** The interned rule of the last `-A` line read. */
  let prev: InternedRule | null = null;
  const addRule = (chain: string, rule: Rule, jump: string | undefined, named: boolean, hooks: number) => {
    if (run === null || run.chain !== chain) {
      if (run !== null) runs.push(run);
      run = { chain, rules: [], targets: new Set(), named: false, hooks: ALL_HOOKS, jumps: [] };
    }
    run.rules.push(rule);
    run.hooks &= hooks;
    if (jump !== undefined) {
      run.targets.add(jump);
      run.jumps.push(jump);
    }
    if (named) run.named = true;
  };
  for (let from = 0; from < chunk.length; lines++) {
    const end = chunk.indexOf('\n', from);
    const c0 = chunk.charCodeAt(from);
    const c1 = chunk.charCodeAt(from + 1);
    // Lines of single-spaced words (plainText), no blank at either end.
    if (end - from < 4 || chunk.charCodeAt(end - 1) === 32) return null;
    if (c0 === 0x3a /* : */) {
      // `:NAME - [0:0]`: a user chain declared (flushed if it is there).
      if (phase !== Phase.Declare || !chunk.startsWith(' - [0:0]', end - 8)) return null;
      const name = chunk.slice(from + 1, end - 8);
      if (name.length === 0 || name.includes(' ') || hooks.includes(name)) return null;
      decls.push(chainName(name, false, netns));
    } else if (c0 === 0x2d /* - */ && c1 === 0x41 /* A */ && chunk.charCodeAt(from + 2) === 32) {
      if (phase === Phase.Delete) return null;
      phase = Phase.Append;
      // A line read before needs no look at the table: the chains its rule jumps to are checked
      // where the delta is applied (TableDraft.fillDeclared, with the body's external targets).
      // The line after the last one appended to its chain, last time: compared where it is.
      const guess: InternedRule | undefined = (prev as InternedRule | null)?.next;
      const fast: ChainRule | null =
        guess !== undefined && end - from === guess.text.length && chunk.startsWith(guess.text, from)
          ? guess
          : lookup(chunk.slice(from, end));
      if (fast === null) return null;
      // What this reading needs of the rule, found once per interned rule (InternedRule).
      const facts: InternedRule | null = fast instanceof InternedRule ? fast : null;
      prev = facts;
      if (facts !== null) {
        const before = links.get(facts.chain);
        if (before !== undefined && before.next !== facts) before.next = facts;
        links.set(facts.chain, facts);
      }
      if (facts === null) {
        // Not interned: a rule with counters of its own, which the memo does not take.
        if (fast.rule.counters !== UNCOUNTED) return null;
        const mask = checkedHookMask(table, fast.rule, null);
        if (mask < 0) return null;
        const v = fast.rule.verdict;
        const named = fast.rule.matches.length > 0 && hasNamedMatch(fast.rule);
        addRule(fast.chain, fast.rule, v.kind === 'jump' ? v.chain : undefined, named, mask);
        appends++;
        from = end + 1;
        continue;
      }
      if (facts.acceptable === undefined) facts.learn(table);
      if (!facts.acceptable) return null;
      addRule(facts.chain, facts.rule, facts.jump, facts.named, facts.hooks);
      appends++;
    } else if (c0 === 0x2d && c1 === 0x58 /* X */ && chunk.charCodeAt(from + 2) === 32) {
      phase = Phase.Delete;
      const name = chunk.slice(from + 3, end);
      if (name.includes(' ')) return null;
      deletes.push(name);
    } else return null;
    from = end + 1;
  }
  if (run !== null) runs.push(run);
  // At their exact size: a body's runs are kept for as long as the world keeps the chunk.
  return {
    decls,
    runs: runs.map((r) => ({
      chain: r.chain,
      rules: r.rules.slice(),
      targets: [...r.targets],
      named: r.named,
      hooks: r.hooks,
      jumps: r.jumps.length === 0 ? NONE : r.jumps.slice(),
    })),
    appends,
    deletes,
    lines,
  };
}
