import { describe, expect, it } from 'vitest';
import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import { World } from '../../world.js';
import { Conn } from '../conntrack/conn.js';
import { withNfct } from '../conntrack/skb.js';
import { conntrackTable } from '../conntrack/table.js';
import { connlimit } from './connlimit.js';
import { icmpPacket } from '../testing.js';

const A = 0x0a000001;
const B = 0x0a000002;

function setup() {
  const netns = new World().createNetns('t');
  const table = conntrackTable(netns);
  const ctx = { netns } as NfCtx;
  /** An echo request of ping `id` from `src`, tracked by a new (not yet confirmed) entry. */
  const ping = (id: number, src = A): { packet: Ipv4Packet; conn: Conn } => {
    const orig = { src, dst: B, proto: IPPROTO.ICMP, sport: id, dport: 0x800 };
    const conn = new Conn(orig, { src: B, dst: src, proto: IPPROTO.ICMP, sport: id, dport: 0 });
    conn.timeout = 30_000;
    const packet = icmpPacket({ src, dst: B, l4: { kind: 'icmp', type: 8, code: 0, id, seq: 1 } });
    return { packet: withNfct(packet, netns, { conn, info: 'NEW' }), conn };
  };
  return { table, ctx, ping };
}
const rule = (data: Record<string, unknown>) => ({
  name: 'connlimit',
  data: { limit: 1, upto: false, mask: 32, daddr: false, ...data },
});

describe('connlimit match (xt_connlimit, nf_conncount)', () => {
  it('counts each connection once, its own included, above the limit', () => {
    const { table, ctx, ping } = setup();
    const m = rule({ limit: 1 });
    const first = ping(1);
    expect(connlimit.match(first.packet, ctx, m)).toBe(false);
    table.confirm(first.conn);
    // A second packet of the same connection adds nothing.
    expect(connlimit.match(first.packet, ctx, m)).toBe(false);
    const second = ping(2);
    expect(connlimit.match(second.packet, ctx, m)).toBe(true);
  });

  it('forgets a connection that was never confirmed (its first packet dropped) or is gone', () => {
    const { table, ctx, ping } = setup();
    const m = rule({ limit: 1, upto: true });
    const one = ping(1);
    expect(connlimit.match(one.packet, ctx, m)).toBe(true);
    table.confirm(one.conn);
    expect(connlimit.match(ping(2).packet, ctx, m)).toBe(false);
    expect(connlimit.match(ping(3).packet, ctx, m)).toBe(false);
    table.remove(one.conn);
    expect(connlimit.match(ping(4).packet, ctx, m)).toBe(true);
  });

  it('groups by the masked source, or by the destination', () => {
    const { table, ctx, ping } = setup();
    const bySrc = rule({ limit: 1 });
    const by24 = rule({ limit: 1, mask: 24 });
    const byDst = rule({ limit: 1, daddr: true });
    const one = ping(1, A);
    for (const m of [bySrc, by24, byDst]) expect(connlimit.match(one.packet, ctx, m)).toBe(false);
    table.confirm(one.conn);
    const other = ping(2, 0x0a000003);
    expect(connlimit.match(other.packet, ctx, bySrc)).toBe(false);
    expect(connlimit.match(other.packet, ctx, by24)).toBe(true);
    expect(connlimit.match(other.packet, ctx, byDst)).toBe(true);
  });

  it('keeps one count per rule instance', () => {
    const { table, ctx, ping } = setup();
    const a = rule({ limit: 0 });
    const b = rule({ limit: 0 });
    const one = ping(1);
    expect(connlimit.match(one.packet, ctx, a)).toBe(true);
    table.confirm(one.conn);
    expect(connlimit.match(ping(2).packet, ctx, b)).toBe(true);
    expect(connlimit.match(ping(3).packet, ctx, rule({ limit: 1 }))).toBe(false);
  });
});
