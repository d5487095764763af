import { nextRow, rowEvent, rowKeyValue, WatchHub, type HistoryRow, type WriteOp } from './history.js';
import {
  CompactedError,
  type KeyValue,
  type ListResult,
  type Store,
  type Watch,
  type WatchListener,
  type WriteResult,
} from './types.js';

/** The whole history in memory: for tests, the browser and `--storage memory`. */
export class MemoryStore implements Store {
  /** Rows in revision order; compaction removes superseded ones. */
  private rows: HistoryRow[] = [];
  private readonly latest = new Map<string, HistoryRow>();
  private revision = 1;
  private compacted = 0;
  private readonly hub = new WatchHub();

  async currentRevision(): Promise<number> {
    return this.revision;
  }

  async compactRevision(): Promise<number> {
    return this.compacted;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const row = this.latest.get(key);
    return row && !row.deleted ? rowKeyValue(row) : undefined;
  }

  async list(prefix: string, revision?: number): Promise<ListResult> {
    const at = revision ?? this.revision;
    if (at < this.compacted) throw new CompactedError(at, this.compacted);
    const byKey = new Map<string, HistoryRow>();
    if (at >= this.revision) {
      for (const [key, row] of this.latest) if (key.startsWith(prefix)) byKey.set(key, row);
    } else {
      for (const row of this.rows) {
        if (row.revision > at) break;
        if (row.key.startsWith(prefix)) byKey.set(row.key, row);
      }
    }
    const items = [...byKey.values()].filter((row) => !row.deleted).map(rowKeyValue);
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { items, revision: Math.min(at, this.revision) };
  }

  async create(key: string, value: string): Promise<WriteResult> {
    return this.apply(key, { kind: 'create', value });
  }

  async update(key: string, value: string, expectedRevision?: number): Promise<WriteResult> {
    return this.apply(key, { kind: 'update', value, expectedRevision });
  }

  async delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    return this.apply(key, { kind: 'delete', expectedRevision });
  }

  async watch(prefix: string, afterRevision: number, listener: WatchListener): Promise<Watch> {
    if (afterRevision < this.compacted) throw new CompactedError(afterRevision, this.compacted);
    for (const row of this.rows) {
      if (row.revision > afterRevision && row.key.startsWith(prefix))
        listener(rowEvent(row, this.find(row.prevRevision)));
    }
    return this.hub.subscribe(prefix, listener);
  }

  async compact(revision: number): Promise<void> {
    const upTo = Math.min(revision, this.revision);
    if (upTo <= this.compacted) return;
    // Keep every row above the compaction point and, below it, each key's last row unless it is a tombstone.
    const lastAtOrBelow = new Map<string, number>();
    for (const row of this.rows) if (row.revision <= upTo) lastAtOrBelow.set(row.key, row.revision);
    this.rows = this.rows.filter(
      (row) => row.revision > upTo || (lastAtOrBelow.get(row.key) === row.revision && !row.deleted),
    );
    for (const [key, row] of this.latest) if (row.deleted && row.revision <= upTo) this.latest.delete(key);
    this.compacted = upTo;
  }

  async close(): Promise<void> {
    this.hub.clear();
  }

  private apply(key: string, op: WriteOp): WriteResult {
    const row = nextRow(key, op, this.latest.get(key), this.revision + 1);
    return 'revision' in row ? this.append(row) : row;
  }

  private append(row: HistoryRow): WriteResult {
    const prev = this.latest.get(row.key);
    this.rows.push(row);
    this.latest.set(row.key, row);
    this.revision = row.revision;
    this.hub.publish(rowEvent(row, prev));
    return { ok: true, kv: rowKeyValue(row) };
  }

  private find(revision: number): HistoryRow | undefined {
    if (revision === 0) return undefined;
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.rows[mid].revision;
      if (r === revision) return this.rows[mid];
      if (r < revision) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
