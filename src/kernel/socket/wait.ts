import type { Clock, Timer } from '../clock.js';

/**
 * A socket's wait queue (sk_sleep): blocked calls wait on the virtual
 * clock until the socket changes or their timeout passes. Waiters are woken
 * all at once and re-check their condition, as in the kernel.
 */
export class WaitQueue {
  private readonly waiters = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Resolves true when woken, false when `timeoutMs` of virtual time pass first. */
  wait(timeoutMs = Infinity): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: Timer | null = null;
      const wake = () => {
        this.waiters.delete(wake);
        timer?.cancel();
        resolve(true);
      };
      this.waiters.add(wake);
      if (timeoutMs !== Infinity)
        timer = this.clock.schedule(Math.max(0, timeoutMs), () => {
          this.waiters.delete(wake);
          resolve(false);
        });
    });
  }

  wakeAll(): void {
    for (const wake = [...this.waiters]; wake.length > 0;) wake.shift()!();
  }
}
