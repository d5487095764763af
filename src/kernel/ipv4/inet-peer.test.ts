import { describe, expect, it } from 'vitest';
import { InetPeerTable, peerXrlimAllow } from './inet-peer.js';

describe('inet_peer_xrlim_allow', () => {
  it('allows a burst of six then one per timeout', () => {
    const peer = new InetPeerTable().get(1, 100_000);
    const sent = Array.from({ length: 8 }, () => peerXrlimAllow(peer, 1000, 100_000));
    expect(sent).toEqual([true, true, true, true, true, true, false, false]);
    expect(peerXrlimAllow(peer, 1000, 100_999)).toBe(false);
    expect(peerXrlimAllow(peer, 1000, 101_000)).toBe(true);
  });

  it('starts a new peer as if idle for a minute', () => {
    const peer = new InetPeerTable().get(1, 5);
    expect(peer.rateLast).toBe(5 - 60_000);
  });
});
