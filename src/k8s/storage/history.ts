import type { KeyValue, WatchEvent, WatchListener } from './types.js';

/**
 * One write in the history log, as kine stores it in its single table: the
 * revision is the row id, a delete is a row too (a tombstone that keeps the
 * last value so DELETE events can carry the deleted object).
 */
export interface HistoryRow {
  readonly revision: number;
  readonly key: string;
  readonly value: string;
  readonly deleted: boolean;
  readonly createRevision: number;
  /** Revision of the key's previous row, 0 when this row created the key. */
  readonly prevRevision: number;
}

export function rowKeyValue(row: HistoryRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.revision };
}

export function rowEvent(row: HistoryRow, prev: HistoryRow | undefined): WatchEvent {
  const kv = rowKeyValue(row);
  const prevKv = prev && !prev.deleted ? rowKeyValue(prev) : undefined;
  return prevKv
    ? { type: row.deleted ? 'DELETE' : 'PUT', revision: row.revision, kv, prevKv }
    : { type: row.deleted ? 'DELETE' : 'PUT', revision: row.revision, kv };
}

/** End of the key range `[prefix, prefixEnd(prefix))`, as etcd's clientv3.GetPrefixRangeEnd. */
export function prefixEnd(prefix: string): string {
  return prefix + '\u{10FFFF}';
}

/**
 * Fans committed writes out to live watchers. Both backends commit
 * synchronously in this process, so a watcher that replays history and then
 * subscribes in the same tick can neither miss nor repeat an event.
 */
export class WatchHub {
  private readonly watchers = new Set<{ prefix: string; listener: WatchListener }>();

  subscribe(prefix: string, listener: WatchListener): { cancel(): void } {
    const entry = { prefix, listener };
    this.watchers.add(entry);
    return { cancel: () => void this.watchers.delete(entry) };
  }

  publish(event: WatchEvent): void {
    for (const { prefix, listener } of [...this.watchers]) {
      if (event.kv.key.startsWith(prefix)) listener(event);
    }
  }

  clear(): void {
    this.watchers.clear();
  }
}
