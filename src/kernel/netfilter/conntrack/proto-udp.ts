import type { L4Tracker } from './proto.js';
import { sysctlMs } from './proto.js';
import { IPS } from './conn.js';
import type { Netns } from '../../netns.js';
import { routeGeneration } from '../../route/generation.js';

/**
 * The two timeouts of the namespace asked last, read again when another
 * namespace asks or the routing generation moved: every sysctl write
 * moves it (Sysctl.forget), so the values are the sysctls' own, without
 * two lookups by name for every packet.
 */
let cachedNetns: Netns | null = null;
let cachedGeneration = -1;
let timeoutMs = 0;
let streamMs = 0;

function timeoutsOf(netns: Netns): void {
  const generation = routeGeneration();
  if (netns === cachedNetns && generation === cachedGeneration) return;
  timeoutMs = sysctlMs(netns, 'udp_timeout');
  streamMs = sysctlMs(netns, 'udp_timeout_stream');
  cachedNetns = netns;
  cachedGeneration = generation;
}

/** Replies still coming this long after the first packet make a UDP flow a stream. */
const STREAM_AFTER_MS = 2000;

/**
 * nf_conntrack_udp_packet: nf_conntrack_udp_timeout until a reply is seen;
 * once traffic has flowed both ways for more than two seconds the flow is
 * a stream: nf_conntrack_udp_timeout_stream and ASSURED.
 */
export const udp: L4Tracker = {
  name: 'udp',
  newConn: () => true,
  packet(conn, _packet, _info, netns) {
    const now = netns.world.clock.now;
    if (!conn.confirmed) conn.streamTs = now + STREAM_AFTER_MS;
    timeoutsOf(netns);
    if (!conn.has(IPS.SEEN_REPLY)) {
      conn.refresh(now, timeoutMs);
      return 'ACCEPT';
    }
    const stream = now > conn.streamTs;
    conn.refresh(now, stream ? streamMs : timeoutMs);
    if (stream) conn.status |= IPS.ASSURED;
    return 'ACCEPT';
  },
};
