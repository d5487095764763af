import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { Conn } from './conn.js';
import { conntrackTable } from './table.js';
import type { Tuple } from './tuple.js';
import { invertTuple, tupleHash } from './tuple.js';

/** Two TCP tuples whose hash keys are equal (found by search): the table must still tell them apart. */
const A: Tuple = { src: 167775899, dst: 174063617, proto: 6, sport: 1003, dport: 80 };
const B: Tuple = { src: 167772540, dst: 174063621, proto: 6, sport: 1005, dport: 80 };

const conn = (orig: Tuple) => {
  const c = new Conn(orig, invertTuple(orig)!);
  c.timeout = 30_000;
  return c;
};

describe('conntrack table', () => {
  it('keeps entries whose tuples share a hash key apart', () => {
    expect(tupleHash(A)).toBe(tupleHash(B));
    const world = new World();
    const table = conntrackTable(world.createNetns('t'));
    const a = conn(A);
    const b = conn(B);
    expect(table.confirm(a)).toBe(true);
    expect(table.find(B)).toBeUndefined();
    expect(table.confirm(b)).toBe(true);
    expect(table.find(A)?.conn).toBe(a);
    expect(table.find(B)?.conn).toBe(b);
    expect(table.find(b.reply)).toEqual({ conn: b, dir: 'REPLY', tuple: b.reply });
    // A clash on an equal tuple is refused, whatever shares its key.
    expect(table.confirm(conn(B))).toBe(false);
    table.remove(a);
    expect(table.find(A)).toBeUndefined();
    expect(table.find(B)?.conn).toBe(b);
    expect(table.count).toBe(1);
  });

  it('reaps an entry once its timeout, even a shortened one, has passed', () => {
    const world = new World();
    const table = conntrackTable(world.createNetns('t'));
    const a = conn(A);
    const b = conn(B);
    table.confirm(a);
    table.confirm(b);
    world.clock.advanceTo(1000);
    expect(table.count).toBe(2);
    // A tracker moving the flow to a shorter timeout: gc must not keep skipping it.
    b.refresh(world.clock.now, 500);
    world.clock.advanceTo(1600);
    expect(table.count).toBe(1);
    expect(table.find(A)?.conn).toBe(a);
    world.clock.advanceTo(40_000);
    expect(table.count).toBe(0);
  });
});
