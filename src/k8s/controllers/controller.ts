/**
 * The loop every controller runs (client-go's processNextWorkItem): take a
 * key, reconcile it, forget it on success, requeue it with backoff on
 * failure; one worker, so reconciles of the same controller never overlap.
 */
import { WorkQueue, type Scheduler } from '../client/workqueue.js';

export interface Reconciler {
  reconcile(key: string): Promise<void>;
  /** Called with each failure before its key is requeued. */
  onError?(key: string, error: unknown): void;
}

export class Controller {
  readonly queue: WorkQueue<string>;
  private worker: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  private busy = false;

  constructor(
    private readonly reconciler: Reconciler,
    scheduler?: Scheduler,
  ) {
    this.queue = new WorkQueue<string>(scheduler);
  }

  enqueue(key: string): void {
    this.queue.add(key);
  }

  run(): void {
    this.worker ??= this.work();
  }

  /** Resolves when the queue is empty and nothing is being reconciled (tests, orderly shutdown). */
  idle(): Promise<void> {
    if (!this.busy && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async stop(): Promise<void> {
    this.queue.shutDown();
    await this.worker;
  }

  private async work(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0) for (const w of this.idleWaiters.splice(0)) w();
      const key = await this.queue.get();
      if (key === undefined) return;
      this.busy = true;
      try {
        await this.reconciler.reconcile(key);
        this.queue.forget(key);
      } catch (error) {
        this.reconciler.onError?.(key, error);
        this.queue.addRateLimited(key);
      } finally {
        this.busy = false;
        this.queue.done(key);
      }
    }
  }
}
