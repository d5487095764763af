import type { IPv4 } from '../../net/ipv4.js';

/**
 * struct inet_peer: per-remote-address state shared by the ICMP error rate
 * limit (inet_peer_xrlim_allow), ip_error's token bucket and the redirect
 * back-off. All three read and write the same `rateTokens`/`rateLast`, which
 * is why one kind of ICMP can starve another, as on Linux. Times are in ms
 * (jiffies with HZ=1000).
 */
export interface InetPeer {
  rateTokens: number;
  rateLast: number;
  nRedirects: number;
}

export class InetPeerTable {
  private readonly peers = new Map<IPv4, InetPeer>();

  /** inet_getpeer(create=1): a new peer looks idle for 60 s so its first message is allowed. */
  get(addr: IPv4, now: number): InetPeer {
    let peer = this.peers.get(addr);
    if (!peer) {
      peer = { rateTokens: 0, rateLast: now - 60_000, nRedirects: 0 };
      this.peers.set(addr, peer);
    }
    return peer;
  }
}

/** XRLIM_BURST_FACTOR: a peer may save up six messages. */
const XRLIM_BURST_FACTOR = 6;

/** inet_peer_xrlim_allow: one message per `timeout` ms, bursts of six. */
export function peerXrlimAllow(peer: InetPeer, timeout: number, now: number): boolean {
  let token = peer.rateTokens + (now - peer.rateLast);
  peer.rateLast = now;
  if (token > XRLIM_BURST_FACTOR * timeout) token = XRLIM_BURST_FACTOR * timeout;
  let allowed = false;
  if (token >= timeout) {
    token -= timeout;
    allowed = true;
  }
  peer.rateTokens = token;
  return allowed;
}
