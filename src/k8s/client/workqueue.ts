/**
 * client-go's rate-limited work queue. A key is queued at most once while
 * it waits (dirty set), never handed to two workers at once (processing
 * set: a key added while being processed is requeued when `done`), and
 * failed keys come back after a per-key exponential backoff.
 */

/** When to run a callback later; the host's timers in cli/, a fake in tests. */
export interface Scheduler {
  after(ms: number, fn: () => void): { cancel(): void };
}

export const hostScheduler: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

/** ItemExponentialFailureRateLimiter defaults: 5 ms doubling up to 1000 s. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}
export const DEFAULT_BACKOFF: Backoff = { baseMs: 5, maxMs: 1000_000 };

export class WorkQueue<K = string> {
  private readonly queue: K[] = [];
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly failures = new Map<K, number>();
  private readonly delayed = new Map<K, { cancel(): void }>();
  private readonly waiters: ((key: K | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(
    private readonly scheduler: Scheduler = hostScheduler,
    private readonly backoff: Backoff = DEFAULT_BACKOFF,
  ) {}

  get length(): number {
    return this.queue.length;
  }

  add(key: K): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(key);
      this.processing.add(key);
      waiter(key);
    } else this.queue.push(key);
  }

  /** Adds after `ms`; an earlier pending delayed add of the same key wins, as the delaying queue's heap keeps the soonest. */
  addAfter(key: K, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    if (this.delayed.has(key)) return;
    this.delayed.set(
      key,
      this.scheduler.after(ms, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
  }

  /** Requeues after this key's next backoff step. */
  addRateLimited(key: K): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.backoff.baseMs * 2 ** n, this.backoff.maxMs));
  }

  /** Resets the key's backoff (call after it was processed successfully). */
  forget(key: K): void {
    this.failures.delete(key);
  }

  numRequeues(key: K): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process, waiting for one; undefined once shut down. */
  get(): Promise<K | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) {
      this.dirty.delete(key);
      this.processing.add(key);
      return Promise.resolve(key);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks the key processed; if it was added meanwhile it goes back in line. */
  done(key: K): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) {
      this.dirty.delete(key);
      this.add(key);
    }
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}
