import { describe, expect, it } from 'vitest';
import { parseIPv4 } from '../../net/ipv4.js';
import { FibTable } from './table.js';
import type { Route } from './route.js';
import { RT_SCOPE_LINK, RT_SCOPE_UNIVERSE } from './route.js';

const ip = (s: string): number => parseIPv4(s)!;
const route = (dst: string, len: number, extra: Partial<Route> = {}): Route => ({
  table: 254,
  type: 'unicast',
  dst: ip(dst),
  len,
  tos: 0,
  priority: 0,
  protocol: 3,
  scope: RT_SCOPE_UNIVERSE,
  prefsrc: null,
  dev: null,
  gateway: ip('10.0.0.1'),
  onlink: false,
  nhScope: RT_SCOPE_LINK,
  ...extra,
});
const ADD = { create: true, excl: true, replace: false, append: false };
const flow = (dst: string, tos = 0) => ({ dst: ip(dst), tos, oif: null, scope: RT_SCOPE_UNIVERSE });

describe('FibTable', () => {
  it.each([
    ['longest prefix wins', '10.1.2.3', 16],
    ['falls back to a shorter prefix', '10.2.0.1', 8],
    ['default catches the rest', '11.0.0.1', 0],
  ])('%s', (_name, dst, want) => {
    const t = new FibTable(254);
    for (const [d, l] of [
      ['0.0.0.0', 0],
      ['10.0.0.0', 8],
      ['10.1.0.0', 16],
    ] as const)
      t.insert(route(d, l), ADD);
    const hit = t.lookup(flow(dst));
    expect(hit.kind === 'route' ? hit.route.len : hit.kind).toBe(want);
  });

  it('prefers the lowest metric, and a matching tos over tos 0', () => {
    const t = new FibTable(254);
    t.insert(route('10.0.0.0', 8, { priority: 10, gateway: ip('10.0.0.10') }), ADD);
    t.insert(route('10.0.0.0', 8, { priority: 5, gateway: ip('10.0.0.5') }), ADD);
    t.insert(route('10.0.0.0', 8, { tos: 0x10, priority: 20, gateway: ip('10.0.0.16') }), ADD);
    const gw = (tos: number) => {
      const hit = t.lookup(flow('10.9.9.9', tos));
      return hit.kind === 'route' ? hit.route.gateway : null;
    };
    expect(gw(0)).toBe(ip('10.0.0.5'));
    expect(gw(0x10)).toBe(ip('10.0.0.16'));
    expect(t.list().map((r) => r.priority)).toEqual([20, 5, 10]);
  });

  it('maps error types and lets throw fall through', () => {
    const t = new FibTable(254);
    t.insert(route('1.2.3.0', 24, { type: 'unreachable', gateway: null }), ADD);
    t.insert(route('1.2.4.0', 24, { type: 'throw', gateway: null }), ADD);
    t.insert(route('1.0.0.0', 8), ADD);
    expect(t.lookup(flow('1.2.3.4'))).toEqual({ kind: 'error', error: 'EHOSTUNREACH' });
    expect(t.lookup(flow('1.2.4.4'))).toEqual({ kind: 'miss' });
    expect(t.lookup(flow('1.9.9.9')).kind).toBe('route');
  });

  it('rejects duplicates on add and replaces the first same-key route', () => {
    const t = new FibTable(254);
    t.insert(route('10.0.0.0', 8), ADD);
    expect(() => t.insert(route('10.0.0.0', 8, { gateway: ip('10.0.0.2') }), ADD)).toThrow('File exists');
    t.insert(route('10.0.0.0', 8, { gateway: ip('10.0.0.2') }), {
      create: true,
      excl: false,
      replace: true,
      append: false,
    });
    expect(t.list().map((r) => r.gateway)).toEqual([ip('10.0.0.2')]);
    expect(() =>
      t.insert(route('11.0.0.0', 8), { create: false, excl: false, replace: true, append: false }),
    ).toThrow('No such file');
  });
});
