import { describe, expect, it } from 'vitest';
import { progressBar } from './progress.js';

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
});
