import type { OutStream } from '../process.js';

const HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** max5data: a size or speed in 5 columns (k, M, G suffixes once it no longer fits). */
export function max5(n: number): string {
  const units = ['k', 'M', 'G', 'T', 'P'];
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  let v = n / 1024;
  for (const unit of units) {
    if (v < 10) return `${v.toFixed(1)}${unit}`.padStart(5);
    if (v < 10000) return `${Math.floor(v)}${unit}`.padStart(5);
    v /= 1024;
  }
  return `${Math.floor(v)}E`.padStart(5);
}

/** time2str: `H:MM:SS` in 8 columns, `--:--:--` when there is nothing to say. */
function time8(seconds: number): string {
  if (seconds <= 0) return '--:--:--';
  const s = Math.floor(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`.padStart(
    8,
  );
}

/**
 * The progress meter curl writes to stderr unless -s (stdout is never a
 * terminal here): the header, a line at the start and one at the end, each
 * after a carriage return. Speeds come from the virtual clock.
 */
export class Progress {
  private started = false;

  constructor(
    private readonly err: OutStream,
    private readonly enabled: boolean,
  ) {}

  begin(): void {
    if (!this.enabled) return;
    this.started = true;
    this.err.write(HEADER + '\r' + line(0, null, 0, 0));
  }

  end(received: number, total: number | null, uploaded: number, elapsedMs: number): void {
    if (!this.enabled || !this.started) return;
    this.err.write('\r' + line(received, total, uploaded, elapsedMs) + '\n');
  }
}

function line(received: number, total: number | null, uploaded: number, elapsedMs: number): string {
  const pct = (n: number, of: number | null) => String(of ? Math.floor((n * 100) / of) : 0).padStart(3);
  const speed = (n: number) => (elapsedMs > 0 ? (n * 1000) / elapsedMs : n);
  const dl = speed(received);
  return (
    `${pct(received, total)} ${max5(total ?? 0)}  ${pct(received, total)} ${max5(received)}  ` +
    `${pct(uploaded, uploaded || null)} ${max5(uploaded)}  ${max5(dl)}  ${max5(speed(uploaded))} ` +
    `--:--:-- ${time8(elapsedMs / 1000)} --:--:-- ${max5(dl)}`
  );
}
