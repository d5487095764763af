/**
 * The virtual clock: the only time the core knows. Events fire in time
 * order (FIFO among equal times); the host loop that lets async tasks run
 * between events is injected by the caller (see `runUntilSettled`).
 */
export interface Timer {
  readonly at: number;
  cancel(): void;
}

/** A scheduled event, and its own Timer handle: one object per event (every veth transmit makes one). */
class Entry implements Timer {
  cancelled = false;

  constructor(
    readonly at: number,
    readonly seq: number,
    readonly fn: () => void,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

const runAll = (fns: readonly (() => void)[]): void => {
  for (const fn of fns) fn();
};

export class Clock {
  /** Milliseconds since the world started (fractional allowed). */
  now = 0;
  private heap: Entry[] = [];
  private seq = 0;

  /**
   * Events scheduled by `defer`, oldest first from `laneHead`: each is due
   * at the time it was deferred (`laneAt`) and ordered by its `laneSeq`
   * among every other event, exactly as a heap entry with delay 0 would
   * be. As the clock never goes back, they come in (time, seq) order, so
   * a FIFO holds them: no Entry and no heap operations per event.
   */
  private laneFns: ((() => void) | undefined)[] = [];
  private laneAt: number[] = [];
  private laneSeq: number[] = [];
  private laneHead = 0;
  private laneTail = 0;

  schedule(delayMs: number, fn: () => void): Timer {
    const entry = new Entry(this.now + Math.max(0, delayMs), this.seq++, fn);
    this.push(entry);
    return entry;
  }

  /**
   * schedule(0, fn) for an event nobody cancels (a frame handed to a
   * veth's peer): the same place in the order, no Timer.
   */
  defer(fn: () => void): void {
    const burst = this.burstFns;
    if (burst !== null) {
      // The burst's one event takes the place its first member would have had.
      if (burst.length === 0) this.deferOne(() => runAll(burst));
      burst.push(fn);
      return;
    }
    this.deferOne(fn);
  }

  /** The events `defer` collects while a burst runs (null: none runs). */
  private burstFns: (() => void)[] | null = null;

  /**
   * Runs `fn`, and fires what it defers as one event, in the order
   * deferred: the clones a bridge floods to its ports reach their peers
   * as a softirq drains a CPU's backlog (process_backlog), with no async
   * task running between two of them. The events they defer in turn (a
   * reply) come after the whole burst, as they would have anyway (each
   * member's event was queued before any of them fired).
   */
  burst(fn: () => void): void {
    if (this.burstFns !== null) return fn();
    this.burstFns = [];
    try {
      fn();
    } finally {
      this.burstFns = null;
    }
  }

  private deferOne(fn: () => void): void {
    const k = this.laneTail++;
    this.laneFns[k] = fn;
    this.laneAt[k] = this.now;
    this.laneSeq[k] = this.seq++;
  }

  /** Whether the lane's oldest event comes before the heap's earliest (both present). */
  private laneFirst(): boolean {
    const top = this.heap[0];
    const at = this.laneAt[this.laneHead];
    return at < top.at || (at === top.at && this.laneSeq[this.laneHead] < top.seq);
  }

  /** Fires the earliest pending event; false when nothing is pending. */
  step(): boolean {
    for (;;) {
      const lane = this.laneHead < this.laneTail;
      if (lane && (this.heap.length === 0 || this.laneFirst())) {
        const k = this.laneHead++;
        const fn = this.laneFns[k]!;
        this.laneFns[k] = undefined;
        this.now = Math.max(this.now, this.laneAt[k]);
        this.shiftLane();
        fn();
        return true;
      }
      if (this.heap.length === 0) return false;
      const entry = this.pop();
      if (entry.cancelled) continue;
      this.now = Math.max(this.now, entry.at);
      entry.fn();
      return true;
    }
  }

  /**
   * Reuses the lane's room once it is empty (the lists keep their size, so
   * a steady flow of frames allocates nothing), or drops the fired front
   * when it is most of a long lane that never empties.
   */
  private shiftLane(): void {
    const head = this.laneHead;
    if (head === this.laneTail) this.laneHead = this.laneTail = 0;
    else if (head >= 4096 && head * 2 >= this.laneTail) {
      this.laneFns.splice(0, head);
      this.laneAt.splice(0, head);
      this.laneSeq.splice(0, head);
      this.laneHead = 0;
      this.laneTail -= head;
    }
  }

  /**
   * When the earliest live event is due, or Infinity. Cancelled entries at
   * the top of the heap are dropped first: counted as due, one would let
   * advanceTo's step skip it and fire the next live event however late.
   */
  private nextAt(): number {
    this.dropCancelled();
    const heapAt = this.heap.length > 0 ? this.heap[0].at : Infinity;
    return this.laneHead < this.laneTail ? Math.min(heapAt, this.laneAt[this.laneHead]) : heapAt;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  /** Fires every event due at or before `time`, then sets the clock to it. */
  advanceTo(time: number): void {
    while (this.nextAt() <= time) this.step();
    this.now = Math.max(this.now, time);
  }

  /** Live events, counted (a scan of the heap: see hasPending). */
  get pending(): number {
    return this.heap.filter((e) => !e.cancelled).length + this.laneTail - this.laneHead;
  }

  /** Whether any live event is left, without a scan (the shell asks at every turn of the host). */
  hasPending(): boolean {
    this.dropCancelled();
    return this.heap.length > 0 || this.laneHead < this.laneTail;
  }

  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      const t = h[i];
      h[i] = h[parent];
      h[parent] = t;
      i = parent;
    }
  }

  private pop(): Entry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        const t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
      }
    }
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** Lets pending promise continuations run; supplied by the host (cli/), e.g. `setImmediate`. */
export type YieldToHost = () => Promise<void>;

/**
 * Drives the clock until `work` settles: between events, async tasks run to
 * their next wait. Resolves to 'deadlock' if work is still pending with
 * nothing left to fire (a task waiting forever, as a real process would).
 */
export async function runUntilSettled<T>(
  clock: Clock,
  work: Promise<T>,
  yieldToHost: YieldToHost,
): Promise<{ value: T } | 'deadlock'> {
  let settled = false;
  let value!: T;
  let error: unknown;
  let failed = false;
  work.then(
    (v) => {
      settled = true;
      value = v;
    },
    (e) => {
      settled = true;
      failed = true;
      error = e;
    },
  );
  for (;;) {
    await yieldToHost();
    if (settled) break;
    if (!clock.step()) {
      await yieldToHost();
      if (settled) break;
      return 'deadlock';
    }
  }
  if (failed) throw error;
  return { value };
}
