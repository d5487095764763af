import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { Conn } from '../conntrack/conn.js';
import { ConntrackTable } from '../conntrack/table.js';
import type { Tuple } from '../conntrack/tuple.js';
import { invertTuple } from '../conntrack/tuple.js';
import { addressRange } from './range.js';
import type { NatRange } from './range.js';
import { uniqueTuple } from './unique.js';
import { jhash2, reciprocalScale } from './jhash.js';

const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2
const S = 0xc0a80001; // 192.168.0.1
const udp = (src: number, sport: number, dst: number, dport: number): Tuple => ({
  src,
  dst,
  proto: 17,
  sport,
  dport,
});

function confirmed(table: ConntrackTable, orig: Tuple, reply: Tuple): Conn {
  const c = new Conn(orig, reply);
  c.timeout = 30_000;
  table.confirm(c);
  return c;
}

describe('get_unique_tuple', () => {
  const world = new World();
  const table = new ConntrackTable(world.root);
  const range = addressRange(S);

  it('keeps the source port when the mapped tuple is free', () => {
    const t = udp(A, 5000, B, 53);
    const next = uniqueTuple(table, t, range, new Conn(t, invertTuple(t)!), 'SRC', world.rng);
    expect(next).toEqual(udp(S, 5000, B, 53));
  });

  it('moves the source port into 1024-65535 when another flow holds the mapping', () => {
    const other = udp(0x0a000003, 5000, B, 53);
    confirmed(table, other, invertTuple(udp(S, 5000, B, 53))!);
    const t = udp(A, 5000, B, 53);
    const next = uniqueTuple(table, t, range, new Conn(t, invertTuple(t)!), 'SRC', world.rng);
    expect(next.src).toBe(S);
    expect(next.sport).not.toBe(5000);
    expect(next.sport).toBeGreaterThanOrEqual(1024);
  });

  it('never changes a destination port without a port range', () => {
    const t = udp(A, 5000, B, 53);
    const dnat: NatRange = { ...addressRange(0x0a000009) };
    expect(uniqueTuple(table, t, dnat, new Conn(t, invertTuple(t)!), 'DST', world.rng)).toEqual(
      udp(A, 5000, 0x0a000009, 53),
    );
  });

  it('picks the same address of a range for the same client (hash of the addresses)', () => {
    const r: NatRange = { ...addressRange(S), maxIp: S + 3 };
    const t = udp(A, 7000, B, 53);
    const first = uniqueTuple(table, t, r, new Conn(t, invertTuple(t)!), 'SRC', world.rng);
    const again = uniqueTuple(table, t, r, new Conn(t, invertTuple(t)!), 'SRC', world.rng);
    expect(first.src).toBe(again.src);
    expect(first.src >= S && first.src <= S + 3).toBe(true);
  });
});

describe('jhash2', () => {
  it('is lookup3 over words, and reciprocal_scale maps it onto a range', () => {
    expect(jhash2([], 0)).toBe(0xdeadbeef);
    expect(jhash2([1, 2, 3], 0)).toBe(jhash2([1, 2, 3], 0));
    expect(jhash2([1, 2, 3], 0)).not.toBe(jhash2([1, 2, 4], 0));
    expect(reciprocalScale(0xffffffff, 4)).toBe(3);
    expect(reciprocalScale(0, 4)).toBe(0);
  });
});
