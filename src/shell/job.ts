import { Killed } from '../tools/process.js';
import type { InStream } from '../tools/process.js';

/**
 * A process group: the script itself or one background job with all the
 * commands it runs. Killing it fires every registered kill callback
 * (pending sleeps reject with Killed, tools clean up).
 */
export class Job {
  readonly killers = new Set<(signal: number) => void>();
  killed: number | null = null;
  finished = false;
  status = 0;
  done: Promise<number> = Promise.resolve(0);
  /** The command as `jobs` prints it, one entry per pipeline stage. */
  stages: string[] = [];

  constructor(
    readonly pid: number,
    readonly id: number,
  ) {}

  /** A job for one pipeline stage: killed with its parent, and alone on a broken pipe. */
  child(): Job {
    const c = new Job(this.pid, this.id);
    const off = this.onKill((s) => c.kill(s));
    c.release = off;
    return c;
  }

  /** Detaches a child job from its parent once it has finished. */
  release: () => void = () => {};

  kill(signal: number): void {
    if (this.finished) return;
    this.killed = signal;
    for (const k of [...this.killers]) k(signal);
  }

  onKill(cb: (signal: number) => void): () => void {
    this.killers.add(cb);
    return () => this.killers.delete(cb);
  }

  /** Throws Killed if the job has been killed (checked before each command). */
  check(): void {
    if (this.killed !== null) throw new Killed(this.killed);
  }

  /** A wait that rejects with Killed when the job is killed. */
  guard<T>(promise: Promise<T>): Promise<T> {
    if (this.killed !== null) return Promise.reject(new Killed(this.killed));
    return new Promise<T>((resolve, reject) => {
      const off = this.onKill((s) => reject(new Killed(s)));
      promise.then(
        (v) => (off(), resolve(v)),
        (e) => (off(), reject(e)),
      );
    });
  }

  killableInput(input: InStream): InStream {
    return {
      read: () => this.guard(input.read()),
      bytes: () => input.bytes?.() ?? null,
      written: () => input.written?.() ?? null,
    };
  }
}

/** A stdin that commands share: `read` takes one line and leaves the rest for the next reader. */
export class SharedInput implements InStream {
  private pushback = '';
  constructor(readonly source: InStream) {}

  async read(): Promise<string | null> {
    if (this.pushback) {
      const text = this.pushback;
      this.pushback = '';
      return text;
    }
    return this.source.read();
  }

  bytes(): Buffer | null {
    return this.pushback === '' ? (this.source.bytes?.() ?? null) : null;
  }

  written(): readonly string[] | null {
    return this.pushback === '' ? (this.source.written?.() ?? null) : null;
  }

  unread(text: string): void {
    this.pushback = text + this.pushback;
  }

  /** The next line (without newline) and whether it ended with one; null at EOF. */
  async readLine(delim = '\n'): Promise<{ line: string; complete: boolean } | null> {
    let buf = '';
    for (;;) {
      const chunk = await this.read();
      if (chunk === null) return buf === '' ? null : { line: buf, complete: false };
      const i = chunk.indexOf(delim);
      if (i >= 0) {
        this.unread(chunk.slice(i + 1));
        return { line: buf + chunk.slice(0, i), complete: true };
      }
      buf += chunk;
    }
  }
}

/** bash's current (`%+`) and previous (`%-`) jobs (js.j_current, js.j_previous). */
export interface JobMarks {
  current: Job | null;
  previous: Job | null;
}
