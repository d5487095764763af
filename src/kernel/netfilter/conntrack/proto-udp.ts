import type { L4Tracker } from './proto.js';
import { sysctlMs } from './proto.js';
import { IPS } from './conn.js';

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
    if (!conn.has(IPS.SEEN_REPLY)) {
      conn.refresh(now, sysctlMs(netns, 'udp_timeout'));
      return 'ACCEPT';
    }
    const stream = now > conn.streamTs;
    conn.refresh(now, sysctlMs(netns, stream ? 'udp_timeout_stream' : 'udp_timeout'));
    if (stream) conn.status |= IPS.ASSURED;
    return 'ACCEPT';
  },
};
