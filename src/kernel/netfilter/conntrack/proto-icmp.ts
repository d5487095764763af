import type { L4Tracker } from './proto.js';
import { sysctlMs } from './proto.js';
import { ICMP_NEW_TYPES, icmpType } from './tuple.js';

/**
 * nf_conntrack_proto_icmp.c: only queries (echo, timestamp, info, address
 * mask) start a flow; every packet refreshes nf_conntrack_icmp_timeout. An
 * ICMP flow is never ASSURED. Errors never get here (see icmp-error.ts).
 */
export const icmp: L4Tracker = {
  name: 'icmp',
  newConn: (conn) => ICMP_NEW_TYPES.has(icmpType(conn.orig)),
  packet(conn, _packet, _info, netns) {
    conn.refresh(netns.world.clock.now, sysctlMs(netns, 'icmp_timeout'));
    return 'ACCEPT';
  },
};
