import type { KeyValue, WatchEvent, WatchListener, WriteFailure } from './types.js';

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

/** A write to decide against the key's latest row. */
export type WriteOp =
  | { readonly kind: 'create'; readonly value: string }
  | { readonly kind: 'update'; readonly value: string; readonly expectedRevision?: number }
  | { readonly kind: 'delete'; readonly expectedRevision?: number };

/**
 * The row a write appends at `revision`, or why it fails: create needs the
 * key absent (or deleted), update and delete need it live and, when asked,
 * at the expected revision. Shared by the backends that keep a history log.
 */
export function nextRow(
  key: string,
  op: WriteOp,
  current: HistoryRow | undefined,
  revision: number,
): HistoryRow | WriteFailure {
  const live = current && !current.deleted ? current : undefined;
  if (op.kind === 'create') {
    if (live) return { ok: false, code: 'exists', current: rowKeyValue(live) };
    const prevRevision = current?.revision ?? 0;
    return { revision, key, value: op.value, deleted: false, createRevision: revision, prevRevision };
  }
  if (!live) return { ok: false, code: 'not-found' };
  if (op.expectedRevision !== undefined && live.revision !== op.expectedRevision)
    return { ok: false, code: 'conflict', current: rowKeyValue(live) };
  const deleted = op.kind === 'delete';
  const value = op.kind === 'delete' ? live.value : op.value;
  return { revision, key, value, deleted, createRevision: live.createRevision, prevRevision: live.revision };
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
