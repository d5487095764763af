import type { Netns } from '../../netns.js';
import type { Conn } from '../conntrack/conn.js';
import { IPS } from '../conntrack/conn.js';
import { conntrackTable } from '../conntrack/table.js';
import { invertTuple, tupleEqual } from '../conntrack/tuple.js';
import type { Hook } from '../types.js';
import type { NatRange } from './range.js';
import { addressRange } from './range.js';
import type { Manip } from './unique.js';
import { uniqueTuple } from './unique.js';

/** HOOK2MANIP: PREROUTING and OUTPUT rewrite destinations, INPUT and POSTROUTING sources. */
export const hookManip = (hook: Hook): Manip => (hook === 'PREROUTING' || hook === 'OUTPUT' ? 'DST' : 'SRC');

const DONE: Readonly<Record<Manip, number>> = { SRC: IPS.SRC_NAT_DONE, DST: IPS.DST_NAT_DONE };
const NAT: Readonly<Record<Manip, number>> = { SRC: IPS.SRC_NAT, DST: IPS.DST_NAT };

/** nf_nat_initialized: this end of the flow has its binding (a NAT rule's or the null one). */
export const natInitialized = (conn: Conn, manip: Manip): boolean =>
  conn.has(manip === 'SRC' ? DONE.SRC : DONE.DST);

/**
 * nf_nat_setup_info: on a flow's first packet, choose the unique tuple the
 * range allows and rewrite the expected reply so answers are recognised;
 * a confirmed entry is never re-bound.
 */
export function natSetupInfo(netns: Netns, conn: Conn, range: NatRange, manip: Manip): void {
  if (conn.confirmed || natInitialized(conn, manip)) return;
  const curr = invertTuple(conn.reply);
  if (!curr) return;
  const table = conntrackTable(netns);
  const next = uniqueTuple(table, curr, range, conn, manip, netns.world.rng);
  if (!tupleEqual(next, curr)) {
    const reply = invertTuple(next);
    if (reply) {
      conn.reply = reply;
      conn.status |= NAT[manip];
    }
  }
  conn.status |= DONE[manip];
}

/**
 * nf_nat_alloc_null_binding: a flow no NAT rule bound still gets a
 * binding to its own address, which makes its source port unique (a clash
 * with another flow's mapping moves it).
 */
export function natNullBinding(netns: Netns, conn: Conn, manip: Manip): void {
  const ip = manip === 'SRC' ? conn.reply.dst : conn.reply.src;
  natSetupInfo(netns, conn, addressRange(ip), manip);
}
