/**
 * kube-apiserver's watch cache (the cacher) in front of a store whose
 * watches are remote (etcd): one upstream watch over every key, a bounded
 * window of recent events, and every client watch served from that window
 * and fanned out in memory. Without it each `?watch=true` is its own etcd
 * watch stream and a hundred watchers decode every event a hundred times.
 * A watch from before the window falls through to the store, which replays
 * its own history (or refuses a compacted revision).
 */
import { WatchHub } from './history.js';
import type { KeyValue, ListResult, Store, Watch, WatchEvent, WatchListener, WriteResult } from './types.js';

export class WatchCache implements Store {
  private readonly hub = new WatchHub();
  private readonly window: WatchEvent[] = [];
  private head = 0;
  /** The revision the window is complete up to (events at or below it were seen or predate the start). */
  private seenRevision = 0;
  private started: Promise<void> | undefined;
  private upstream: Watch | undefined;

  constructor(
    private readonly inner: Store,
    private readonly capacity = 10_000,
  ) {}

  currentRevision(): Promise<number> {
    return this.inner.currentRevision();
  }
  compactRevision(): Promise<number> {
    return this.inner.compactRevision();
  }
  get(key: string): Promise<KeyValue | undefined> {
    return this.inner.get(key);
  }
  list(prefix: string, revision?: number): Promise<ListResult> {
    return this.inner.list(prefix, revision);
  }
  create(key: string, value: string): Promise<WriteResult> {
    return this.inner.create(key, value);
  }
  update(key: string, value: string, expectedRevision?: number): Promise<WriteResult> {
    return this.inner.update(key, value, expectedRevision);
  }
  delete(key: string, expectedRevision?: number): Promise<WriteResult> {
    return this.inner.delete(key, expectedRevision);
  }
  compact(revision: number): Promise<void> {
    return this.inner.compact(revision);
  }

  async close(): Promise<void> {
    this.upstream?.cancel();
    this.hub.clear();
    await this.inner.close();
  }

  async watch(prefix: string, afterRevision: number, listener: WatchListener): Promise<Watch> {
    await this.start();
    const buffered = this.window.length - this.head;
    const oldest = buffered > 0 ? this.window[this.head].revision : this.seenRevision + 1;
    // Older than the window: only the store's history has those events.
    if (afterRevision + 1 < oldest) return this.inner.watch(prefix, afterRevision, listener);
    for (let i = this.head; i < this.window.length; i++) {
      const e = this.window[i];
      if (e.revision > afterRevision && e.kv.key.startsWith(prefix)) listener(e);
    }
    return this.hub.subscribe(prefix, (e) => {
      if (e.revision > afterRevision) listener(e);
    });
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      this.seenRevision = await this.inner.currentRevision();
      this.upstream = await this.inner.watch('', this.seenRevision, (e) => this.observe(e));
    })();
    return this.started;
  }

  private observe(event: WatchEvent): void {
    this.window.push(event);
    if (this.window.length - this.head > this.capacity) this.head++;
    // Drop the consumed front in chunks, not per event.
    if (this.head > this.capacity) {
      this.window.splice(0, this.head);
      this.head = 0;
    }
    this.seenRevision = event.revision;
    this.hub.publish(event);
  }
}
