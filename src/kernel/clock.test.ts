import { describe, expect, it } from 'vitest';
import { Clock, runUntilSettled } from './clock.js';

const host = () => new Promise<void>((r) => setImmediate(r));

describe('clock', () => {
  it('fires events in time order, FIFO among equal times', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(5, () => seen.push('c'));
    clock.schedule(1, () => seen.push('a'));
    clock.schedule(1, () => seen.push('b'));
    while (clock.step());
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(clock.now).toBe(5);
  });

  it('fires the events a burst defers as one, in their order and place', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.defer(() => seen.push('a'));
    clock.burst(() => {
      for (const x of ['b', 'c', 'd'])
        clock.defer(() => {
          seen.push(x);
          // What a member defers comes after the whole burst.
          clock.defer(() => seen.push(`${x}'`));
        });
      clock.burst(() => clock.defer(() => seen.push('e')));
    });
    clock.defer(() => seen.push('f'));
    expect(clock.pending).toBe(3);
    expect(clock.step()).toBe(true);
    expect(seen).toEqual(['a']);
    clock.step();
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    while (clock.step());
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f', "b'", "c'", "d'"]);
    // A burst deferring nothing leaves no event; one that throws stops collecting.
    clock.burst(() => {});
    expect(clock.pending).toBe(0);
    expect(() =>
      clock.burst(() => {
        throw new Error('x');
      }),
    ).toThrow('x');
    clock.defer(() => seen.push('g'));
    clock.defer(() => seen.push('h'));
    expect(clock.pending).toBe(2);
  });

  it('fires a deferred event where schedule(0) would have put it', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(0, () => seen.push('a'));
    clock.defer(() => seen.push('b'));
    clock.schedule(0, () => {
      seen.push('c');
      clock.defer(() => seen.push('f'));
      clock.schedule(0, () => seen.push('g'));
    });
    clock.defer(() => seen.push('d'));
    clock.schedule(2, () => {
      seen.push('h');
      clock.defer(() => seen.push('i'));
    });
    clock.schedule(0, () => seen.push('e'));
    expect(clock.pending).toBe(6);
    while (clock.step());
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    expect(clock.now).toBe(2);
    expect(clock.pending).toBe(0);
  });

  it('advances past deferred events due by then, and not past later ones', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.defer(() => seen.push('now'));
    clock.schedule(5, () => seen.push('later'));
    clock.advanceTo(3);
    expect(seen).toEqual(['now']);
    expect(clock.now).toBe(3);
    clock.defer(() => seen.push('at 3'));
    clock.advanceTo(10);
    expect(seen).toEqual(['now', 'at 3', 'later']);
  });

  it('advances to a time without firing a later event when a cancelled one was due before it', () => {
    const clock = new Clock();
    const seen: string[] = [];
    clock.schedule(2, () => seen.push('cancelled')).cancel();
    clock.schedule(8, () => seen.push('later'));
    clock.advanceTo(5);
    expect(seen).toEqual([]);
    expect(clock.now).toBe(5);
    expect(clock.hasPending()).toBe(true);
    clock.advanceTo(8);
    expect(seen).toEqual(['later']);
    expect(clock.hasPending()).toBe(false);
  });

  it('skips cancelled timers', () => {
    const clock = new Clock();
    let fired = false;
    clock.schedule(1, () => (fired = true)).cancel();
    expect(clock.step()).toBe(false);
    expect(fired).toBe(false);
  });

  // At 3000 both wake; b's timer was set first (at 1500), so it fires first.
  it('runs concurrent tasks interleaved on virtual time', async () => {
    const clock = new Clock();
    const sleep = (ms: number) => new Promise<void>((r) => clock.schedule(ms, r));
    const log: string[] = [];
    const task = async (name: string, period: number) => {
      for (let i = 0; i < 3; i++) {
        await sleep(period);
        log.push(`${name}@${clock.now}`);
      }
    };
    const result = await runUntilSettled(clock, Promise.all([task('a', 1000), task('b', 1500)]), host);
    expect(result).not.toBe('deadlock');
    expect(log).toEqual(['a@1000', 'b@1500', 'a@2000', 'b@3000', 'a@3000', 'b@4500']);
  });

  it('reports a task that waits forever', async () => {
    const clock = new Clock();
    expect(await runUntilSettled(clock, new Promise(() => {}), host)).toBe('deadlock');
  });
});
