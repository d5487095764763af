/**
 * iptables-restore reading its input as a pipe's writes (chunks): a chunk
 * of `-A` lines this world's restores have read before for the same table
 * is not read again, line by line: its rules (the world's interned rules,
 * kernel/netfilter/intern.ts) are kept per chunk, and appended as the
 * lines would append them. kube-proxy writes every sync of every node as
 * chunks it shares with the other nodes (k8s/proxy/iptables/proxier.ts
 * restoreChunks): the same string object, whose hash V8 keeps, so finding
 * a chunk of 10,000 lines costs one lookup.
 *
 * Only a chunk every line of which the fast path (fast-rule.ts) takes with
 * a shared rule is kept: a rule that keeps state of its own (limit's
 * bucket, an nth counter) is made anew by each restore, as before. The
 * result is exactly what the lines give: each rule is appended by the same
 * draft call, recorded for blame the same way, and the first line whose
 * jump target is gone or whose append fails is left, with the rest of the
 * chunk, to the line-by-line path, which reports it as it always has.
 */
import type { World } from '../../kernel/world.js';
import type { Netns } from '../../kernel/netns.js';
import type { TableDraft } from '../../kernel/netfilter/draft.js';
import { NfError } from '../../kernel/netfilter/errors.js';
import { UNCOUNTED } from '../../kernel/netfilter/intern.js';
import type { Rule, TableName } from '../../kernel/netfilter/types.js';
import { plainText, type FastRule } from './fast-rule.js';
import { internedFastRule } from './fast-rule-intern.js';
import type { ChainExists } from './parse-args.js';

/** A chunk's lines, parsed: one rule per line, every one shared. */
interface ParsedChunk {
  readonly items: readonly FastRule[];
  /** The items as runs of consecutive lines appending to one chain. */
  readonly runs: readonly Run[];
}

interface Run {
  readonly chain: string;
  /** Index of its first item. */
  readonly start: number;
  readonly rules: readonly Rule[];
}

function runsOf(items: readonly FastRule[]): Run[] {
  const runs: Run[] = [];
  for (let start = 0; start < items.length;) {
    const chain = items[start]!.chain;
    let end = start + 1;
    while (end < items.length && items[end]!.chain === chain) end++;
    runs.push({ chain, start, rules: items.slice(start, end).map((i) => i.rule) });
    start = end;
  }
  return runs;
}

/**
 * Most rules, and chars, the kept chunks of one world hold: safety bounds
 * (a 1,000-node cluster's full sync is ~400,000 rules in ~40 MB; the runs
 * of a partial sync are ~1 MB each, one per distinct change).
 */
const MAX_ITEMS = 2_000_000;
const MAX_CHARS = 128 * 2 ** 20;
/** A chunk shorter than this is read line by line: keeping it would cost more than it saves. */
const MIN_CHARS = 32;

class ChunkCache {
  private readonly tables = new Map<TableName, Map<string, ParsedChunk | null>>();
  private items = 0;
  private chars = 0;

  get(table: TableName, chunk: string): ParsedChunk | null | undefined {
    return this.tables.get(table)?.get(chunk);
  }

  /** `parsed` null: the chunk is not one to keep (its lines go line by line every time). */
  put(table: TableName, chunk: string, parsed: ParsedChunk | null): void {
    const size = parsed ? parsed.items.length : 1;
    if (this.items + size > MAX_ITEMS || this.chars + chunk.length > MAX_CHARS) {
      this.tables.clear();
      this.items = 0;
      this.chars = 0;
    }
    let byText = this.tables.get(table);
    if (!byText) this.tables.set(table, (byText = new Map()));
    byText.set(chunk, parsed);
    this.items += size;
    this.chars += chunk.length;
  }
}

const caches = new WeakMap<World, ChunkCache>();

function chunkCache(world: World): ChunkCache {
  let cache = caches.get(world);
  if (!cache) caches.set(world, (cache = new ChunkCache()));
  return cache;
}

/** The table block a chunk is read into, as restore.ts holds it. */
export interface ChunkBlock {
  readonly name: TableName;
  readonly draft: TableDraft;
  readonly isChain: ChainExists;
}

/**
 * `chunk`'s lines parsed anew, without applying them: null unless it is a
 * plain text of `-A` lines (no blank, comment or other line), every one
 * parsed by the fast path to a shared rule; undefined when a line is not
 * taken by the fast path in this table as it stands (a jump to a chain it
 * lacks): the chunk may be one to keep another time. Appends do not make
 * or delete chains, so the jump targets the parse checks are those the
 * lines would see one after the other.
 */
function parse(block: ChunkBlock, chunk: string, netns: Netns): ParsedChunk | null | undefined {
  if (!plainText(chunk)) return null;
  const items: FastRule[] = [];
  for (let from = 0; from < chunk.length;) {
    const end = chunk.indexOf('\n', from);
    if (chunk.charCodeAt(from) !== 0x2d /* - */ || chunk.charCodeAt(from + 1) !== 0x41 /* A */) return null;
    if (chunk.charCodeAt(from + 2) !== 32 || chunk.charCodeAt(end - 1) === 32) return null;
    const fast = internedFastRule(chunk.slice(from, end), block.name, block.isChain, netns);
    if (fast === null) return undefined;
    if (fast.rule.counters !== UNCOUNTED) return null;
    items.push(fast);
    from = end + 1;
  }
  return { items, runs: runsOf(items) };
}

/** Notes each rule appended, with its line, for blame at COMMIT (restore.ts Origins). */
export interface Recorder {
  add(rule: Rule, line: number, chain: string): void;
  /** `rules` appended by consecutive lines from `line` on. */
  addRun(rules: readonly Rule[], line: number, chain: string): void;
}

/** How much of a chunk restoreChunk took: its first `lines` lines, which end at offset `end`. */
export interface Taken {
  readonly lines: number;
  readonly end: number;
}

const NOTHING: Taken = { lines: 0, end: 0 };

/**
 * Reads `chunk` (whole lines, the first being line `line + 1` of the
 * input) into the block, as its lines would be: says how many of its
 * lines it took (none when the chunk is not one to take this way). The
 * lines left (from the first that was not taken) are the caller's to
 * read. `record` notes the rules appended, with their lines.
 */
export function restoreChunk(
  block: ChunkBlock,
  chunk: string,
  line: number,
  netns: Netns,
  record: Recorder,
): Taken {
  if (chunk.length < MIN_CHARS || chunk.charCodeAt(chunk.length - 1) !== 10) return NOTHING;
  const cache = chunkCache(netns.world);
  let parsed = cache.get(block.name, chunk);
  if (parsed === undefined) {
    parsed = parse(block, chunk, netns);
    if (parsed === undefined) return NOTHING;
    cache.put(block.name, chunk, parsed);
  }
  if (parsed === null) return NOTHING;
  const { items } = parsed;
  const draft = block.draft;
  for (const run of parsed.runs) {
    const end = run.start + run.rules.length;
    // A chain refilled with the rules it held (KUBE-SERVICES on every sync): the run at once.
    if (draft.reappend(run.chain, run.rules)) {
      record.addRun(run.rules, line + run.start + 1, run.chain);
      continue;
    }
    for (let i = run.start; i < end; i++) {
      const { chain, rule } = items[i]!;
      const v = rule.verdict;
      // As internedFastRule: `-j CHAIN` is that rule only while the chain exists.
      let ok = v.kind !== 'jump' || block.isChain(block.name, v.chain);
      if (ok)
        try {
          draft.append(chain, rule);
        } catch (e) {
          if (!(e instanceof NfError)) throw e;
          ok = false;
        }
      if (!ok) return { lines: i, end: lineOffset(chunk, i) };
      record.add(rule, line + i + 1, chain);
    }
  }
  return { lines: items.length, end: chunk.length };
}

/** The offset in `chunk` of its line `k` (0-based). */
function lineOffset(chunk: string, k: number): number {
  let from = 0;
  for (let i = 0; i < k; i++) from = chunk.indexOf('\n', from) + 1;
  return from;
}

/**
 * The input as restore reads it: the chunks themselves when each ends a
 * line (so that each is read on its own), else their concatenation.
 */
export function restoreInput(chunks: readonly string[]): string | readonly string[] {
  if (chunks.length === 1) return chunks[0]!;
  for (let i = 0; i < chunks.length - 1; i++)
    if (chunks[i]!.charCodeAt(chunks[i]!.length - 1) !== 10) return chunks.join('');
  return chunks;
}
