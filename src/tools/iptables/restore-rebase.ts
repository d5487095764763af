/**
 * iptables-restore of a table body most of which another namespace of the
 * world restored before, onto a table like this one: kube-proxy's first
 * sync on each node of a cluster, whose bodies differ only where a
 * service's endpoints are local (about 1% of the chunks). The first such
 * body read in full (restore-memo.ts) becomes the table's template: its
 * chunks, what each does, and the table it made. A later body is then
 * compared with it chunk by chunk (the proxier hands every node the same
 * chunk strings: identity, mostly), and its table is the template's with
 * the chains that differ set (TableDraft.rebase): the other chains are
 * the template's own objects, their handles shifted where this body
 * numbered more or fewer chains and rules before them (HandleShift). A
 * node then holds and spends what differs, not the 100,000 chains of a
 * 10,000-service cluster; their rule lists are shared (intern.ts
 * sharedLists), and a packet's first hit gives it its own copy.
 *
 * Anything the rebase cannot vouch for (a template unlike this table, a
 * body too different, deletions, a rule with state of its own, what the
 * kernel would refuse) leaves the body to the memo or the line-by-line
 * reading, which also say what is wrong as they always have.
 */
import type { Netns } from '../../kernel/netns.js';
import type { World } from '../../kernel/world.js';
import type { HandleShift, Rule, Table, TableName, UserChain } from '../../kernel/netfilter/types.js';
import { chainHandle } from '../../kernel/netfilter/types.js';
import { sharedLists } from '../../kernel/netfilter/intern.js';
import { ALIKE_CHAINS } from '../../kernel/netfilter/draft.js';
import type { ChunkOps, MemoBlock } from './restore-memo.js';
import { bodyEnd, chunkOps, memoCache, memoEnabled } from './restore-memo.js';

/** A body read in full, and the table it made from `before`. */
interface Template {
  readonly before: Table;
  readonly after: Table;
  readonly chunks: readonly string[];
  /** Chunk text -> its index (-1: the body has that text more than once). */
  readonly index: ReadonlyMap<string, number>;
  /** Per chunk, 1 when its text is there once (`index` has it). */
  readonly unique: Uint8Array;
  readonly ops: readonly ChunkOps[];
  /** Chains made (declared, not there before) before chunk i; rules appended before chunk i (chunks + 1 entries). */
  readonly decls: Int32Array;
  readonly rules: Int32Array;
  /** Chain -> the chunks holding runs of it, ascending. */
  readonly runsIn: ReadonlyMap<string, readonly number[]>;
  /** Chain -> the chunk declaring it. */
  readonly declaredIn: ReadonlyMap<string, number>;
  /** Per chunk, for each of its declarations in order: how many chains the body made before it (-1: a chain there before). */
  readonly ordinals: readonly Int32Array[];
}

const templates = new WeakMap<World, Map<TableName, Template>>();

/**
 * Most chunks a body may differ in, against the template's: past that the
 * chains to build are many, and a body read in full costs about the same.
 */
const maxUnmatched = (chunks: number): number => 64 + (chunks >> 3);

/**
 * The body texts[from, end) restored by the memo onto `before`, making
 * `after`, as the world's template for its table, if it has none yet and
 * the body is one the rebase can take (declarations and appends only,
 * no rule with a named match). Its chains' lists become shared.
 */
export function noteTemplate(
  block: MemoBlock,
  texts: readonly string[],
  from: number,
  before: Table,
  after: Table,
  netns: Netns,
): void {
  let byTable = templates.get(netns.world);
  if (byTable?.has(block.name)) return;
  const end = bodyEnd(texts, from);
  if (end === null || before.foreign !== undefined || before.user.size > ALIKE_CHAINS) return;
  const cache = memoCache(netns.world);
  const n = end - from;
  const ops: ChunkOps[] = [];
  const index = new Map<string, number>();
  const decls = new Int32Array(n + 1);
  const rules = new Int32Array(n + 1);
  const runsIn = new Map<string, number[]>();
  const declaredIn = new Map<string, number>();
  const ordinals: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const text = texts[from + i]!;
    // Read by the memo just now (a chunk it does not take means no template).
    const o = cache.chunks.get(block.name)?.get(text);
    if (o === undefined || o === null || o.deletes.length > 0) return;
    if (o.runs.some((r) => r.named)) return;
    ops.push(o);
    index.set(text, index.has(text) ? -1 : i);
    let made = 0;
    const at = new Int32Array(o.decls.length);
    for (let k = 0; k < at.length; k++) {
      const d = o.decls[k]!;
      if (declaredIn.has(d)) return;
      declaredIn.set(d, i);
      at[k] = before.user.has(d) ? -1 : decls[i]! + made++;
    }
    ordinals.push(at);
    decls[i + 1] = decls[i]! + made;
    rules[i + 1] = rules[i]! + o.appends;
    for (const r of o.runs) {
      const list = runsIn.get(r.chain);
      if (list === undefined) runsIn.set(r.chain, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }
  for (const name of declaredIn.keys()) {
    const c = after.user.get(name);
    if (c !== undefined) sharedLists.add(c.rules);
  }
  if (!byTable) templates.set(netns.world, (byTable = new Map()));
  const unique = new Uint8Array(n);
  for (let i = 0; i < n; i++) unique[i] = index.get(texts[from + i]!) === i ? 1 : 0;
  byTable.set(block.name, {
    before,
    after,
    chunks: texts.slice(from, end),
    index,
    unique,
    ops,
    decls,
    rules,
    runsIn,
    declaredIn,
    ordinals,
  });
}

/**
 * The body from texts[from] to its COMMIT as the template's with what
 * differs, applied to the block's draft (TableDraft.rebase): the body's
 * line count, or null with the draft untouched.
 */
export function rebaseBody(
  block: MemoBlock,
  texts: readonly string[],
  from: number,
  netns: Netns,
): { next: number; lines: number } | null {
  if (!memoEnabled() || block.draft.changes !== null) return null;
  const t = templates.get(netns.world)?.get(block.name);
  if (t === undefined) return null;
  const end = bodyEnd(texts, from);
  if (end === null) return null;
  const current = netns.netfilter.view(block.name);
  if (current.user.size !== t.before.user.size || current.nextHandle !== t.before.nextHandle) return null;
  const n = end - from;
  const m = t.chunks.length;

  // The chunks both bodies have, in the same order (each text's first place in the template).
  const tToK = new Int32Array(m).fill(-1);
  const kToT = new Int32Array(n).fill(-1);
  let last = -1;
  let unmatched = 0;
  for (let j = 0; j < n; j++) {
    const text = texts[from + j]!;
    // Most often the template's next chunk, the very string: no lookup (a body has ~30,000 chunks).
    const i = text === t.chunks[last + 1] && t.unique[last + 1] === 1 ? last + 1 : (t.index.get(text) ?? -1);
    if (i > last) {
      kToT[j] = i;
      tToK[i] = j;
      last = i;
    } else unmatched++;
  }
  if (unmatched > maxUnmatched(n)) return null;

  // This body's chunks in order: what each does, and the chains made and rules appended before each.
  const cache = memoCache(netns.world);
  /** Chains declared in chunks the template lacks -> their ordinal among the chains made (-1: there before). */
  const made = new Map<string, number>();
  const declaredHere = (c: string): boolean => {
    const i = t.declaredIn.get(c);
    return (i !== undefined && tToK[i]! >= 0) || made.has(c);
  };
  const exists = (_t: string, c: string) => declaredHere(c) || block.draft.hasUser(c);
  const ops: ChunkOps[] = new Array<ChunkOps>(n);
  const decls = new Int32Array(n + 1);
  const rules = new Int32Array(n + 1);
  const affected = new Set<string>();
  const runsHere = new Map<string, number[]>();
  // The table's few chains by name, as a plain set: asked of every declaration of the chunks that differ.
  const existing = new Set(current.user.keys());
  /** Per chunk the template lacks, the ordinal of each of its declarations (as Template.ordinals). */
  const ordinals: Int32Array[] = [];
  let appending = false;
  let lines = 0;
  for (let j = 0; j < n; j++) {
    const i = kToT[j]!;
    const o = i >= 0 ? t.ops[i]! : chunkOps(block.name, texts[from + j]!, exists, netns, cache);
    if (o === null || o.deletes.length > 0) return null;
    if (o.decls.length > 0 && appending) return null;
    if (o.appends > 0) appending = true;
    ops[j] = o;
    lines += o.lines;
    let fresh = 0;
    if (i >= 0) fresh = t.decls[i + 1]! - t.decls[i]!;
    else {
      const at = (ordinals[j] = new Int32Array(o.decls.length));
      for (let k = 0; k < at.length; k++) {
        const d = o.decls[k]!;
        // Declared twice: the memo reads such a body (a flush the second time); see also alignGaps.
        if (made.has(d)) return null;
        made.set(d, (at[k] = existing.has(d) ? -1 : decls[j]! + fresh++));
      }
      for (const r of o.runs) {
        if (r.named) return null;
        const list = runsHere.get(r.chain);
        if (list === undefined) runsHere.set(r.chain, [j]);
        else if (list[list.length - 1] !== j) list.push(j);
      }
    }
    decls[j + 1] = decls[j]! + fresh;
    rules[j + 1] = rules[j]! + o.appends;
  }
  const aligned = alignGaps(t, ops, ordinals, kToT, tToK, affected, rules, decls[n]! - t.decls[m]!);
  if (aligned === null) return null;

  // Handles: chains made from `base` on in declaration order, then the body's rules in line order.
  const base = current.nextHandle ?? 1;
  const ruleBase = base + decls[n]!;
  const changed = new Map<string, UserChain | null>();
  for (const name of affected) {
    const runs: RunAt[] = [];
    const gather = (j: number, o: ChunkOps) => {
      let at = 0;
      for (const r of o.runs) {
        if (r.chain === name) runs.push({ chunk: j, at, rules: r.rules });
        at += r.rules.length;
      }
    };
    for (const i of t.runsIn.get(name) ?? []) if (tToK[i]! >= 0) gather(tToK[i]!, t.ops[i]!);
    for (const j of runsHere.get(name) ?? []) gather(j, ops[j]!);
    if (!declaredHere(name)) {
      // Rules for a chain this body does not declare: not a body the memo takes either.
      if (runs.length > 0) return null;
      changed.set(name, current.user.get(name) ?? null);
      continue;
    }
    runs.sort((a, b) => a.chunk - b.chunk || a.at - b.at);
    const list: Rule[] = [];
    const handles: number[] = [];
    for (const r of runs) {
      const h = ruleBase + rules[r.chunk]! + r.at;
      for (let k = 0; k < r.rules.length; k++) {
        list.push(r.rules[k]!);
        handles.push(h + k);
      }
    }
    const run = handles.length > 0 && handles[handles.length - 1] === handles[0]! + handles.length - 1;
    const had = current.user.get(name);
    changed.set(name, {
      kind: 'user',
      name,
      rules: list,
      handle: had !== undefined ? chainHandle(current, had) : base + madeOrdinal(t, name, made, tToK, decls),
      handles: run ? undefined : handles,
      handle0: run ? handles[0] : undefined,
    });
  }
  // Chains there before that neither body declares stay this namespace's own (their counters are).
  for (const [name, c] of current.user) if (!declaredHere(name) && !changed.has(name)) changed.set(name, c);

  const shift = shiftFrom(t, tToK, decls, rules, base, aligned);
  if (!block.draft.rebase(t.before, t.after, changed, shift, ruleBase + rules[n]!)) return null;
  return { next: end, lines };
}

/** How many chains this body made before `name`, one it made (declared in a chunk of its own, or in one the template has). */
function madeOrdinal(
  t: Template,
  name: string,
  made: ReadonlyMap<string, number>,
  tToK: Int32Array,
  decls: Int32Array,
): number {
  const own = made.get(name);
  if (own !== undefined) return own;
  const i = t.declaredIn.get(name)!;
  return decls[tToK[i]!]! + t.ordinals[i]![t.ops[i]!.decls.indexOf(name)]! - t.decls[i]!;
}

/** What alignGaps matched in the chunks only one body has. */
interface Aligned {
  /** Per template chunk: where a stretch of declarations both bodies have starts, and its chains' shift. */
  readonly decls: Map<number, { at: number; by: number }[]>;
  /** Per template chunk: its runs of the same rules as one of this body's, where each starts and its shift. */
  readonly runs: Map<number, { at: number; by: number }[]>;
}

/** How far alignGaps looks ahead for a declaration the other body has, past one it lacks. */
const LOOKAHEAD = 16;

/**
 * The chunks only one body has, matched line by line between two chunks
 * both have (a chunk of a few hundred declarations, or a service's rules,
 * differs from the template's in a few chains: those of a service whose
 * endpoints are local). A chain declared by both in the same order, or a
 * run of a chain's rules both have (the same rule objects: parsed rules
 * are interned), is the same chain but for its handles; every other chain
 * of those chunks is `affected`. `made`: how many more chains this body
 * made than the template (its rules' handles start that much later).
 * Null when this body declares a chain twice (one of those chunks
 * declares a chain a chunk both have declares).
 */
function alignGaps(
  t: Template,
  ops: readonly ChunkOps[],
  ordinals: readonly Int32Array[],
  kToT: Int32Array,
  tToK: Int32Array,
  affected: Set<string>,
  rules: Int32Array,
  made: number,
): Aligned | null {
  const aligned: Aligned = { decls: new Map(), runs: new Map() };
  const n = ops.length;
  let j0 = 0;
  let i0 = 0;
  for (let j = 0; j <= n; j++) {
    const i = j === n ? t.chunks.length : kToT[j]!;
    if (i < 0) continue;
    // Chunks j0 .. j-1 of this body and i0 .. i-1 of the template lie between two both have.
    if (j > j0 || i > i0) {
      if (!alignDecls(t, ops, ordinals, [i0, i], [j0, j], tToK, affected, aligned)) return null;
      alignRuns(t, ops, [i0, i], [j0, j], affected, aligned, rules, made);
    }
    j0 = j + 1;
    i0 = i + 1;
  }
  return aligned;
}

/** A stretch of chunks' declarations in order, with each one's chunk, place and ordinal. */
function declsOf(list: readonly ChunkOps[], ords: readonly Int32Array[], from: number, to: number) {
  const names: string[] = [];
  const chunk: number[] = [];
  const at: number[] = [];
  const ord: number[] = [];
  for (let k = from; k < to; k++)
    list[k]!.decls.forEach((d, p) => {
      names.push(d);
      chunk.push(k);
      at.push(p);
      ord.push(ords[k]![p]!);
    });
  return { names, chunk, at, ord };
}

/**
 * alignGaps' part for the declarations: the two lists walked side by side
 * (the same names, mostly, as the same strings: chain names are interned),
 * a name one lacks skipped when the other's next few have it.
 */
function alignDecls(
  t: Template,
  ops: readonly ChunkOps[],
  ordinals: readonly Int32Array[],
  ti: readonly [number, number],
  kj: readonly [number, number],
  tToK: Int32Array,
  affected: Set<string>,
  aligned: Aligned,
): boolean {
  const a = declsOf(t.ops, t.ordinals, ti[0], ti[1]);
  const b = declsOf(ops, ordinals, kj[0], kj[1]);
  let prev = NaN;
  const theirs = (q: number) => affected.add(a.names[q]!);
  const ours = (p: number): boolean => {
    const d = b.names[p]!;
    const i = t.declaredIn.get(d);
    // Also declared in a chunk both have: declared twice.
    if (i !== undefined && tToK[i]! >= 0) return false;
    affected.add(d);
    return true;
  };
  let p = 0;
  let q = 0;
  while (p < b.names.length && q < a.names.length) {
    if (b.names[p] === a.names[q]) {
      const by = b.ord[p]! - a.ord[q]!;
      if (a.ord[q]! >= 0 && by !== prev) {
        const c = a.chunk[q]!;
        let list = aligned.decls.get(c);
        if (list === undefined) aligned.decls.set(c, (list = []));
        list.push({ at: a.at[q]!, by });
        prev = by;
      }
      p++;
      q++;
      continue;
    }
    // The nearer of: this body's name further on in the template's, or the template's further on in this body's.
    let skipA = 1;
    while (skipA <= LOOKAHEAD && q + skipA < a.names.length && a.names[q + skipA] !== b.names[p]) skipA++;
    let skipB = 1;
    while (skipB <= LOOKAHEAD && p + skipB < b.names.length && b.names[p + skipB] !== a.names[q]) skipB++;
    const foundA = skipA <= LOOKAHEAD && q + skipA < a.names.length;
    const foundB = skipB <= LOOKAHEAD && p + skipB < b.names.length;
    if (foundA && (!foundB || skipA <= skipB)) for (; skipA > 0; skipA--) theirs(q++);
    else if (foundB) {
      for (; skipB > 0; skipB--) if (!ours(p++)) return false;
    } else {
      theirs(q++);
      if (!ours(p++)) return false;
    }
  }
  for (; q < a.names.length; q++) theirs(q);
  for (; p < b.names.length; p++) if (!ours(p)) return false;
  return true;
}

/** A run where a body holds it: its chunk, where it starts in the chunk, its rules. */
interface RunAt {
  readonly chunk: number;
  readonly at: number;
  readonly rules: readonly Rule[];
}

/** The runs of chunks [from, to) by chain; null for a chain with more than one. */
function runsByChain(list: readonly ChunkOps[], from: number, to: number): Map<string, RunAt | null> {
  const runs = new Map<string, RunAt | null>();
  for (let k = from; k < to; k++) {
    let at = 0;
    for (const r of list[k]!.runs) {
      runs.set(r.chain, runs.has(r.chain) ? null : { chunk: k, at, rules: r.rules });
      at += r.rules.length;
    }
  }
  return runs;
}

const sameRules = (a: readonly Rule[], b: readonly Rule[]): boolean =>
  a === b || (a.length === b.length && a.every((r, k) => r === b[k]));

/** alignGaps' part for the runs of template chunks `ti` and this body's chunks `kj` (ranges). */
function alignRuns(
  t: Template,
  ops: readonly ChunkOps[],
  ti: readonly [number, number],
  kj: readonly [number, number],
  affected: Set<string>,
  aligned: Aligned,
  rules: Int32Array,
  made: number,
): void {
  const theirs = runsByChain(t.ops, ti[0], ti[1]);
  const ours = runsByChain(ops, kj[0], kj[1]);
  for (const [chain, a] of theirs) {
    const b = ours.get(chain);
    if (a === null || b === undefined || b === null || !sameRules(a.rules, b.rules)) {
      affected.add(chain);
      continue;
    }
    let list = aligned.runs.get(a.chunk);
    if (list === undefined) aligned.runs.set(a.chunk, (list = []));
    list.push({ at: a.at, by: made + rules[b.chunk]! + b.at - (t.rules[a.chunk]! + a.at) });
  }
  for (const chain of ours.keys()) if (!theirs.has(chain)) affected.add(chain);
}

/**
 * The template's handles as this body numbers them (HandleShift): per
 * chunk both bodies have, its chains made and its rules move by the
 * difference of what the two bodies made and appended before it; a chain
 * declared in a chunk only the template has, aligned with one of this
 * body's, by the difference of the two chains' places.
 */
function shiftFrom(
  t: Template,
  tToK: Int32Array,
  decls: Int32Array,
  rules: Int32Array,
  base: number,
  aligned: Aligned,
): HandleShift | undefined {
  const from: number[] = [];
  const by: number[] = [];
  let prev = 0;
  const step = (h: number, d: number) => {
    if (d === prev) return;
    from.push(h);
    by.push(d);
    prev = d;
  };
  const m = t.chunks.length;
  for (let i = 0; i < m; i++) {
    if (t.decls[i + 1]! === t.decls[i]!) continue;
    const j = tToK[i]!;
    if (j >= 0) step(base + t.decls[i]!, decls[j]! - t.decls[i]!);
    else for (const r of aligned.decls.get(i) ?? []) step(base + t.ordinals[i]![r.at]!, r.by);
  }
  const n = decls.length - 1;
  const made = decls[n]! - t.decls[m]!;
  const ruleBase = base + t.decls[m]!;
  for (let i = 0; i < m; i++) {
    if (t.rules[i + 1]! === t.rules[i]!) continue;
    const j = tToK[i]!;
    if (j >= 0) step(ruleBase + t.rules[i]!, made + rules[j]! - t.rules[i]!);
    else
      for (const r of (aligned.runs.get(i) ?? []).sort((a, b) => a.at - b.at))
        step(ruleBase + t.rules[i]! + r.at, r.by);
  }
  // No step: the template's own handles, as a table with no shift has them (the template's, which
  // then has the same map as this one when nothing differs: restore-share.ts).
  return from.length === 0 ? undefined : { template: t.after.user, from, by };
}
