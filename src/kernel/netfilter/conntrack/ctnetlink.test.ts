import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import type { Netns } from '../../netns.js';
import type { CtEvent } from './api.js';
import { ctCreate, ctDump, ctListen, ctStats, ctUpdate, CT_GROUP } from './api.js';
import { IPS } from './conn.js';
import type { Tuple } from './tuple.js';

const udp = (src: number, sport: number): Tuple => ({ src, dst: 0x0a000002, proto: 17, sport, dport: 53 });
const ALL = CT_GROUP.NEW | CT_GROUP.UPDATE | CT_GROUP.DESTROY;

function setup(): { world: World; ns: Netns; events: CtEvent[] } {
  const world = new World();
  const ns = world.createNetns('a');
  const events: CtEvent[] = [];
  ctListen(ns, ALL, (e) => events.push(e));
  return { world, ns, events };
}

describe('ctnetlink', () => {
  it('reports a created entry as NEW with its mark, timeout and sender', () => {
    const { ns, events } = setup();
    const e = ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: IPS.SEEN_REPLY, mark: 7 }, 42);
    expect(typeof e).toBe('object');
    expect(events.map((x) => [x.type, x.entry.timeout, x.entry.mark, x.entry.use, x.portid])).toEqual([
      ['NEW', 50, 7, null, 42],
    ]);
  });

  it('refuses a tuple that exists, and an ICMP type without an answer', () => {
    const { ns } = setup();
    ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: 0 }, 1);
    expect(ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: 0 }, 1)).toBe('EEXIST');
    const unreachable: Tuple = { src: 1, dst: 2, proto: 1, sport: 0, dport: 3 << 8 };
    expect(ctCreate(ns, { orig: unreachable, timeout: 5, status: 0 }, 1)).toBe('EINVAL');
  });

  it('updates a mark as UPDATE, and answers EOPNOTSUPP to a request without a family', () => {
    const { ns, events } = setup();
    ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: 0 }, 1);
    const [entry] = ctDump(ns);
    expect(ctUpdate(ns, entry.conn, { family: 'unspec', mark: 3 }, 9)).toBe('EOPNOTSUPP');
    const r = ctUpdate(ns, entry.conn, { family: 'ipv4', mark: 3 }, 9);
    expect(r).toMatchObject({ mark: 3, use: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'UPDATE', portid: 9, entry: { mark: 3 } });
  });

  it('keeps SEEN_REPLY and ASSURED once set (EBUSY to clear them)', () => {
    const { ns } = setup();
    ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: IPS.ASSURED }, 1);
    const [entry] = ctDump(ns);
    expect(ctUpdate(ns, entry.conn, { family: 'ipv4', status: 0 }, 1)).toBe('EBUSY');
  });

  it('reports an expired entry as DESTROY without a timeout when something looks at the table', () => {
    const { world, ns, events } = setup();
    ctCreate(ns, { orig: udp(1, 1000), timeout: 2, status: 0 }, 1);
    world.clock.advanceTo(2500);
    expect(ctDump(ns)).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'DESTROY', portid: 0, entry: { timeout: null } });
  });

  it('never reports an entry made while nobody listened (nf_conntrack_events=2)', () => {
    const world = new World();
    const ns = world.createNetns('a');
    ctCreate(ns, { orig: udp(1, 1000), timeout: 5, status: 0 }, 1);
    const events: CtEvent[] = [];
    ctListen(ns, ALL, (e) => events.push(e));
    const [entry] = ctDump(ns);
    ctUpdate(ns, entry.conn, { family: 'ipv4', mark: 1 }, 1);
    expect(events).toEqual([]);
  });

  it('gives entries counters only while nf_conntrack_acct is on', () => {
    const { ns } = setup();
    ctCreate(ns, { orig: udp(1, 1000), timeout: 50, status: 0 }, 1);
    ns.sysctl.set('net.netfilter.nf_conntrack_acct', '1');
    ctCreate(ns, { orig: udp(2, 1000), timeout: 50, status: 0 }, 1);
    const counters = ctDump(ns).map((e) => e.counters);
    expect(counters).toContainEqual(null);
    expect(counters).toContainEqual([
      { packets: 0, bytes: 0 },
      { packets: 0, bytes: 0 },
    ]);
  });

  it('shows one stats row per CPU, all counted on CPU 0', () => {
    const { ns } = setup();
    const rows = ctStats(ns);
    expect(rows).toHaveLength(2);
    expect(rows[1].invalid).toBe(0);
  });
});
