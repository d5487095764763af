import { Etcd3, Range, type IKeyValue, type IRangeRequest, type IResponseOp, type Watcher } from 'etcd3';
import {
  CompactedError,
  type KeyValue,
  type ListResult,
  type Store,
  type Watch,
  type WatchEvent,
  type WatchListener,
  type WriteResult,
} from './types.js';

/**
 * The distributed backend: a real etcd v3, used the way kube-apiserver's
 * storage/etcd3 store uses it. An object's resourceVersion is its key's
 * mod_revision; every conditional write is one transaction comparing
 * create_revision (create) or mod_revision (update, delete), whose else
 * branch reads the key so a failure can say what is there instead.
 */
export class EtcdStore implements Store {
  private readonly client: Etcd3;
  /** The highest compaction this client knows of; etcd does not report it on reads. */
  private compacted = 0;

  /** `endpoints`: `http://HOST:PORT` URLs of the cluster members. */
  constructor(endpoints: string[]) {
    this.client = new Etcd3({ hosts: endpoints, dialTimeout: 5000 });
  }

  async currentRevision(): Promise<number> {
    const res = await this.client.kv.range({ key: Buffer.from('\0'), count_only: true });
    return Number(res.header.revision);
  }

  /**
   * The compaction point, learnt by probing: a read at a revision below it
   * fails with ErrCompacted (mvcc's `rev < compactMainRev`), so the lowest
   * readable revision is the compaction point. Covers compactions done by
   * other clients (another API server, `etcdctl compact`).
   */
  async compactRevision(): Promise<number> {
    let lo = Math.max(this.compacted, 1);
    let hi = await this.currentRevision();
    if (await this.readable(lo)) return this.compacted;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (await this.readable(mid)) hi = mid;
      else lo = mid + 1;
    }
    this.compacted = Math.max(this.compacted, lo);
    return this.compacted;
  }

  async get(key: string): Promise<KeyValue | undefined> {
    const res = await this.client.kv.range({ key: Buffer.from(key) });
    return res.kvs[0] && keyValue(res.kvs[0]);
  }

  async list(prefix: string, revision?: number): Promise<ListResult> {
    const request: IRangeRequest = { key: Buffer.from(prefix), range_end: rangeEnd(prefix) };
    if (revision !== undefined) {
      // etcd refuses a future revision; the other backends read "now" then, and so do we.
      const current = await this.currentRevision();
      if (revision < current) request.revision = revision;
    }
    const res = await this.compactedAs(request.revision, () => this.client.kv.range(request));
    return { items: res.kvs.map(keyValue), revision: Number(request.revision ?? res.header.revision) };
  }

  async create(key: string, value: string): Promise<WriteResult> {
    const k = Buffer.from(key);
    const res = await this.client.kv.txn({
      compare: [{ key: k, target: 'Create', result: 'Equal', create_revision: 0 }],
      success: [{ request_put: { key: k, value: Buffer.from(value) } }],
      failure: [{ request_range: { key: k } }],
    });
    const revision = Number(res.header.revision);
    if (!res.succeeded) return { ok: false, code: 'exists', current: keyValue(rangeOf(res.responses[0])!) };
    return { ok: true, kv: { key, value, createRevision: revision, modRevision: revision } };
  }

  async update(key: string, value: string, expectedRevision?: number): Promise<WriteResult> {
    const k = Buffer.from(key);
    const res = await this.client.kv.txn({
      compare: [guard(k, expectedRevision)],
      success: [{ request_put: { key: k, value: Buffer.from(value), prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) return failed(rangeOf(res.responses[0]));
    const prev = res.responses[0].response_put.prev_kv;
    const revision = Number(res.header.revision);
    return {
      ok: true,
      kv: { key, value, createRevision: Number(prev.create_revision), modRevision: revision },
    };
  }

  async delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    const k = Buffer.from(key);
    const res = await this.client.kv.txn({
      compare: [guard(k, expectedRevision)],
      success: [{ request_delete_range: { key: k, prev_kv: true } }],
      failure: [{ request_range: { key: k } }],
    });
    if (!res.succeeded) return failed(rangeOf(res.responses[0]));
    const prev = res.responses[0].response_delete_range.prev_kvs[0];
    // Deleted between our compare and the delete is impossible inside one txn; prev is there.
    return { ok: true, kv: { ...keyValue(prev), modRevision: Number(res.header.revision) } };
  }

  /**
   * etcd's own watch from `afterRevision + 1`: it replays the kept history
   * and then follows live writes, in revision order and exactly once. Events
   * arrive asynchronously (after this resolves), unlike the embedded stores.
   */
  async watch(prefix: string, afterRevision: number, listener: WatchListener): Promise<Watch> {
    // Our contract (and the watch cache's) refuses a start below the compaction point; probe with a read there.
    // An empty prefix means every key: etcd's whole keyspace is the range ["\0", "\0").
    const range = prefix === '' ? new Range('\0', '\0') : Range.prefix(prefix);
    await this.compactedAs(afterRevision, () =>
      this.client.kv.range({ key: range.start, revision: afterRevision, count_only: true }),
    );
    let cancelled = false;
    const watcher: Watcher = await this.client
      .watch()
      .inRange(range)
      .withPreviousKV()
      .startRevision(String(afterRevision + 1))
      .create();
    watcher.on('data', (res) => {
      for (const e of res.events) {
        if (cancelled) return;
        const event = watchEvent(e.type, e.kv, e.prev_kv);
        if (event) listener(event);
      }
    });
    // A mid-stream cancel (compaction racing the start) ends delivery; the consumer resumes by relisting.
    watcher.on('error', () => void (cancelled = true));
    return {
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        void watcher.cancel().catch(() => {});
      },
    };
  }

  async compact(revision: number): Promise<void> {
    const upTo = Math.min(revision, await this.currentRevision());
    if (upTo <= this.compacted) return;
    try {
      await this.client.kv.compact({ revision: upTo, physical: true });
    } catch (error) {
      // Someone compacted further already: nothing to do.
      if (!isCompactedError(error)) throw error;
    }
    this.compacted = Math.max(this.compacted, upTo);
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private async readable(revision: number): Promise<boolean> {
    try {
      await this.client.kv.range({ key: Buffer.from('\0'), revision, count_only: true });
      return true;
    } catch (error) {
      if (isCompactedError(error)) return false;
      throw error;
    }
  }

  /** Run a read at `revision`, turning etcd's ErrCompacted into our CompactedError. */
  private async compactedAs<T>(revision: number | string | undefined, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (!isCompactedError(error)) throw error;
      throw new CompactedError(Number(revision ?? 0), await this.compactRevision());
    }
  }
}

const isCompactedError = (error: unknown): boolean =>
  error instanceof Error && error.message.includes('required revision has been compacted');

/** clientv3.GetPrefixRangeEnd: the prefix with its last byte incremented (carrying over 0xff). */
export function rangeEnd(prefix: string): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]);
}

/** The compare an update or delete makes: the key exists, at `expectedRevision` when given. */
function guard(key: Buffer, expectedRevision: number | undefined) {
  return expectedRevision === undefined
    ? { key, target: 'Create' as const, result: 'Greater' as const, create_revision: 0 }
    : { key, target: 'Mod' as const, result: 'Equal' as const, mod_revision: expectedRevision };
}

function failed(current: IKeyValue | undefined): WriteResult {
  return current
    ? { ok: false, code: 'conflict', current: keyValue(current) }
    : { ok: false, code: 'not-found' };
}

const rangeOf = (op: IResponseOp | undefined): IKeyValue | undefined => op?.response_range.kvs[0];

function keyValue(kv: IKeyValue): KeyValue {
  return {
    key: kv.key.toString(),
    value: kv.value.toString(),
    createRevision: Number(kv.create_revision),
    modRevision: Number(kv.mod_revision),
  };
}

/**
 * etcd's DELETE event carries only the key and the delete's revision; the
 * deleted value comes from prev_kv, as kube-apiserver's watcher reads it.
 */
function watchEvent(
  type: string | number,
  kv: IKeyValue,
  prev: IKeyValue | undefined,
): WatchEvent | undefined {
  const revision = Number(kv.mod_revision);
  const prevKv = prev && keyValue(prev);
  if (type === 'Delete' || type === 1) {
    // Without prev_kv (history compacted under the event) there is no object to report.
    if (!prevKv) return undefined;
    return { type: 'DELETE', revision, kv: { ...prevKv, modRevision: revision }, prevKv };
  }
  const current = keyValue(kv);
  return prevKv ? { type: 'PUT', revision, kv: current, prevKv } : { type: 'PUT', revision, kv: current };
}
