/**
 * A progress bar on a terminal, for work that takes more than a second
 * (building a large cluster, long benchmarks): nothing until a second has
 * passed, at most ten redraws a second, erased when done, and never
 * anything when stderr is not a TTY (scripts and CI see no control codes).
 */
export interface ProgressBar {
  update(label: string, done: number, total: number): void;
  done(): void;
}

export interface Terminal {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * A receiver of programs' progress reports (Proc.progress): a bar per
 * piece of work, so each one waits its own second before it shows, erased
 * when the work reports its end.
 */
export function progressReporter(
  term: Terminal = process.stderr,
  now: () => number = () => Date.now(),
): (label: string, done: number, total: number) => void {
  let bar: ProgressBar | null = null;
  let current = '';
  return (label, done, total) => {
    if (!term.isTTY) return;
    if (bar === null || label !== current) {
      bar?.done();
      bar = progressBar(term, now);
      current = label;
    }
    // The end is erased at once rather than drawn: what the program prints next takes the line.
    if (done >= total) {
      bar.done();
      bar = null;
    } else bar.update(label, done, total);
  };
}

export function progressBar(
  term: Terminal = process.stderr,
  now: () => number = () => Date.now(),
  delayMs = 1000,
): ProgressBar {
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(label, done, total) {
      if (!term.isTTY) return;
      const t = now();
      if (t - started < delayMs || (t - lastDraw < 100 && done < total)) return;
      lastDraw = t;
      const width = Math.max(10, Math.min(40, (term.columns ?? 80) - label.length - 24));
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      term.write(
        `\r\x1b[K${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`,
      );
      drawn = true;
    },
    done() {
      if (drawn) term.write('\r\x1b[K');
      drawn = false;
    },
  };
}
