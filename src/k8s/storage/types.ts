/**
 * The one storage interface the API server sits on, shaped like etcd v3's KV
 * and watch APIs (and k3s's kine, which maps them onto SQL): every write gets
 * the next store-wide revision; an object's `modRevision` is the
 * `resourceVersion` clients see.
 */

/** A key's value as of one revision. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
  /** Revision of the write that created the key (etcd's create_revision). */
  readonly createRevision: number;
  /** Revision of the last write to the key (etcd's mod_revision). */
  readonly modRevision: number;
}

export type WatchEventType = 'PUT' | 'DELETE';

export interface WatchEvent {
  readonly type: WatchEventType;
  /** The revision of this event. */
  readonly revision: number;
  /** For PUT the new value; for DELETE the value the key had when deleted. */
  readonly kv: KeyValue;
  /** The value before this write, absent when the PUT created the key. */
  readonly prevKv?: KeyValue;
}

/** Why a conditional write did not happen: data, not an exception (the API server turns it into a Status). */
export type WriteFailure =
  | { readonly ok: false; readonly code: 'exists'; readonly current: KeyValue }
  | { readonly ok: false; readonly code: 'not-found' }
  | { readonly ok: false; readonly code: 'conflict'; readonly current: KeyValue };

export type WriteResult = { readonly ok: true; readonly kv: KeyValue } | WriteFailure;

export interface ListResult {
  readonly items: KeyValue[];
  /** The revision the list was read at. */
  readonly revision: number;
}

/** A history the caller asked for is gone (k8s answers 410 Gone / Expired). */
export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compactRevision: number,
  ) {
    super(`required revision ${requested} has been compacted (compacted to ${compactRevision})`);
  }
}

export interface Watch {
  /** Stop delivering events; idempotent. */
  cancel(): void;
}

export type WatchListener = (event: WatchEvent) => void;

export interface Store {
  /** The revision of the latest write (1 for an empty, new store, as in etcd). */
  currentRevision(): Promise<number>;
  /** The oldest revision whose history is still kept. */
  compactRevision(): Promise<number>;
  get(key: string): Promise<KeyValue | undefined>;
  /** Keys starting with `prefix`, sorted, as of `revision` (latest when omitted). */
  list(prefix: string, revision?: number): Promise<ListResult>;
  /** Create `key`; fails with `exists` if it is there. */
  create(key: string, value: string): Promise<WriteResult>;
  /** Replace `key`'s value if its modRevision is `expectedRevision` (any revision when omitted). */
  update(key: string, value: string, expectedRevision?: number): Promise<WriteResult>;
  /** Delete `key` if its modRevision is `expectedRevision` (any revision when omitted). */
  delete(key: string, expectedRevision?: number): Promise<WriteResult>;
  /**
   * Deliver, in revision order and exactly once, every event under `prefix`
   * with a revision greater than `afterRevision`: first the kept history,
   * then live writes. Throws CompactedError when that history is compacted.
   */
  watch(prefix: string, afterRevision: number, listener: WatchListener): Promise<Watch>;
  /** Forget superseded history at or below `revision`. */
  compact(revision: number): Promise<void>;
  close(): Promise<void>;
}
