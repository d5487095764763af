import { describe, expect, it } from 'vitest';
import { progressBar, progressReporter } from './progress.js';

function terminal(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 60, writes, write: (t: string) => writes.push(t) };
}

describe('progressBar', () => {
  it('stays silent for the first second, then draws at most ten times a second and erases itself', () => {
    let t = 0;
    const term = terminal(true);
    const bar = progressBar(term, () => t);
    bar.update('pods', 1, 4);
    expect(term.writes).toEqual([]);
    t = 1000;
    bar.update('pods', 2, 4);
    t = 1050;
    bar.update('pods', 3, 4); // too soon after the last redraw
    t = 1060;
    bar.update('pods', 4, 4); // the end is always drawn
    bar.done();
    expect(term.writes).toEqual([
      `\r\x1b[Kpods [${'#'.repeat(16)}${'.'.repeat(16)}] 50% (2/4)`,
      `\r\x1b[Kpods [${'#'.repeat(32)}] 100% (4/4)`,
      '\r\x1b[K',
    ]);
  });

  it('writes nothing at all when stderr is not a terminal', () => {
    let t = 0;
    const term = terminal(false);
    const bar = progressBar(term, () => t);
    t = 5000;
    bar.update('nodes', 1, 2);
    bar.done();
    expect(term.writes).toEqual([]);
  });

  it('gives each reported piece of work a bar of its own, erased when it reports its end', () => {
    let t = 0;
    const term = terminal(true);
    const report = progressReporter(term, () => t);
    report('iptables-restore', 0, 10);
    t = 1500;
    report('iptables-restore', 5, 10);
    report('iptables-restore', 10, 10);
    // A second restore starts its own second of silence: a quick one never shows.
    report('iptables-restore', 0, 10);
    t = 1600;
    report('iptables-restore', 10, 10);
    expect(term.writes).toEqual([
      `\r\x1b[Kiptables-restore [${'#'.repeat(10)}${'.'.repeat(10)}] 50% (5/10)`,
      '\r\x1b[K',
    ]);
  });
});
