/**
 * client-go's reflector and shared informer in one: list every object
 * (paged), then watch from the list's resourceVersion with bookmarks,
 * keeping an Indexer current and telling handlers what changed. A watch
 * that ends is resumed from the last resourceVersion seen; one answered
 * 410 Expired (compacted) is replaced by a fresh list, whose differences
 * from the cache are delivered as events, so a handler sees every change
 * exactly once in order and never a gap.
 */
import type { ResourceType } from '../api/resources.js';
import type { KubeObject } from '../api/meta.js';
import type { HasMeta } from './rest.js';
import { Indexer, objectKey, type IndexFunc } from './indexer.js';
import { ApiError, type RestClient } from './rest.js';
import type { Scheduler } from './workqueue.js';
import { hostScheduler } from './workqueue.js';

export interface EventHandlers<T extends HasMeta> {
  onAdd?(obj: T): void;
  onUpdate?(old: T, obj: T): void;
  onDelete?(obj: T): void;
}

export interface InformerOptions<T extends HasMeta> {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly indexers?: Readonly<Record<string, IndexFunc<T>>>;
  /** Page size of the initial list (the reflector's pager uses 500). */
  readonly pageSize?: number;
  /** Wait before re-listing after an error (client-go backs off from 800 ms). */
  readonly retryMs?: number;
  readonly scheduler?: Scheduler;
}

export class Informer<T extends HasMeta = KubeObject> {
  readonly store: Indexer<T>;
  private readonly handlers: EventHandlers<T>[] = [];
  private readonly abort = new AbortController();
  private lastResourceVersion = '';
  private synced = false;
  private readonly syncWaiters: (() => void)[] = [];
  private running: Promise<void> | undefined;
  /** The last error the loop recovered from, for diagnostics. */
  lastError: unknown;

  constructor(
    private readonly client: RestClient,
    readonly type: ResourceType,
    private readonly options: InformerOptions<T> = {},
  ) {
    this.store = new Indexer<T>(options.indexers);
  }

  addEventHandler(handlers: EventHandlers<T>): void {
    this.handlers.push(handlers);
    // As AddEventHandler on a running informer: the handler first hears of what is cached.
    if (this.synced) for (const obj of this.store.list()) handlers.onAdd?.(obj);
  }

  /** The resourceVersion the cache reflects. */
  get resourceVersion(): string {
    return this.lastResourceVersion;
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves once the first list is in the cache. */
  waitForSync(): Promise<void> {
    return this.synced ? Promise.resolve() : new Promise((r) => this.syncWaiters.push(r));
  }

  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async loop(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) await this.relist();
        needList = false;
        needList = await this.watchOnce();
      } catch (error) {
        if (this.stopped) return;
        this.lastError = error;
        needList = true;
        await this.sleep(this.options.retryMs ?? 800);
      }
    }
  }

  private async relist(): Promise<void> {
    const { namespace, labelSelector, fieldSelector } = this.options;
    const list = await this.client.listAll<T>(this.type, namespace, {
      labelSelector,
      fieldSelector,
      limit: this.options.pageSize ?? 500,
    });
    const fresh = new Map(list.items.map((o) => [objectKey(o), o] as const));
    // Deliver the difference from the cache, as DeltaFIFO's Replace does.
    for (const key of this.store.keys()) if (!fresh.has(key)) this.emitDelete(this.store.remove(key)!);
    for (const obj of list.items) this.apply(obj);
    this.lastResourceVersion = list.metadata.resourceVersion ?? '';
    if (!this.synced) {
      this.synced = true;
      for (const w of this.syncWaiters.splice(0)) w();
    }
  }

  /** One watch until it ends; true when the cache must be relisted (410 Expired). */
  private async watchOnce(): Promise<boolean> {
    const { namespace, labelSelector, fieldSelector } = this.options;
    const events = this.client.watch<T>(this.type, namespace, {
      resourceVersion: this.lastResourceVersion,
      allowWatchBookmarks: true,
      labelSelector,
      fieldSelector,
      signal: this.abort.signal,
    });
    for await (const event of events) {
      if (event.type === 'ERROR') {
        const status = event.object as unknown as { code?: number };
        if (status.code === 410) return true;
        throw new ApiError(status.code ?? 500, event.object as never);
      }
      const rv = event.object.metadata.resourceVersion;
      if (event.type === 'DELETED') {
        const old = this.store.remove(objectKey(event.object));
        this.emitDelete(old ?? event.object);
      } else if (event.type === 'ADDED' || event.type === 'MODIFIED') this.apply(event.object);
      if (rv) this.lastResourceVersion = rv;
    }
    return false;
  }

  private apply(obj: T): void {
    const old = this.store.upsert(obj);
    if (!old) for (const h of this.handlers) h.onAdd?.(obj);
    else if (old.metadata.resourceVersion !== obj.metadata.resourceVersion)
      for (const h of this.handlers) h.onUpdate?.(old, obj);
  }

  private emitDelete(obj: T): void {
    for (const h of this.handlers) h.onDelete?.(obj);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = (this.options.scheduler ?? hostScheduler).after(ms, resolve);
      this.abort.signal.addEventListener('abort', () => (t.cancel(), resolve()), { once: true });
    });
  }
}
