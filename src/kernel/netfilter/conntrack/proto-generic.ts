import type { L4Tracker } from './proto.js';
import { sysctlMs } from './proto.js';

/** nf_conntrack_proto_generic.c: any protocol without a tracker, nf_conntrack_generic_timeout. */
export const generic: L4Tracker = {
  name: 'unknown',
  newConn: () => true,
  packet(conn, _packet, _info, netns) {
    conn.refresh(netns.world.clock.now, sysctlMs(netns, 'generic_timeout'));
    return 'ACCEPT';
  },
};
