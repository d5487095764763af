import type { Netns } from '../netns.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { ErrnoName } from '../errno.js';

/** What a port table needs to know of a bound socket to detect conflicts. */
export interface PortOwner {
  readonly localAddr: IPv4;
  readonly localPort: number;
  readonly reuseAddr: boolean;
  /** SO_REUSEPORT (netcat sets it on every socket): sockets that all set it share a port, listening too. */
  readonly reusePort?: boolean;
  /** A TCP listener (SO_REUSEADDR never lets a second socket share a listening port). */
  readonly listening?: boolean;
}

/** net.ipv4.ip_local_port_range as [low, high]. */
export function localPortRange(netns: Netns): [number, number] {
  const text = netns.sysctl.get('net.ipv4.ip_local_port_range') ?? '32768\t60999';
  const [low, high] = text.split(/\s+/).map(Number);
  return [low, high];
}

/**
 * The bound ports of one protocol in one namespace (inet_bind_hashbucket /
 * udp_table). Conflicts follow inet_csk_bind_conflict: two sockets clash
 * when their addresses overlap (equal or one wildcard), unless both set
 * SO_REUSEADDR and neither listens, or both set SO_REUSEPORT.
 */
export class PortTable<S extends PortOwner> {
  readonly sockets = new Set<S>();

  conflicts(addr: IPv4, port: number, reuseAddr: boolean, self?: S, reusePort = false): boolean {
    for (const s of this.sockets) {
      if (s === self || s.localPort !== port) continue;
      if (s.localAddr !== 0 && addr !== 0 && s.localAddr !== addr) continue;
      if (reuseAddr && s.reuseAddr && !s.listening) continue;
      if (reusePort && s.reusePort) continue;
      return true;
    }
    return false;
  }

  /** inet_bind's checks: a local (or wildcard) address, a free port; port 0 takes an ephemeral one. */
  bindPort(netns: Netns, self: S, addr: IPv4, port: number): number | ErrnoName {
    if (addr !== 0 && !netns.addrs.some((a) => a.local === addr)) return 'EADDRNOTAVAIL';
    if (port === 0) return this.ephemeral(netns, addr, false, () => true) ?? 'EADDRINUSE';
    return this.conflicts(addr, port, self.reuseAddr, self, self.reusePort) ? 'EADDRINUSE' : port;
  }

  /**
   * An ephemeral port: Linux starts at a random offset in the range and
   * walks it; connect() prefers even ports (leaving odd ones to bind(0)),
   * which is what `even` asks for. The offset comes from the seeded RNG.
   */
  ephemeral(netns: Netns, addr: IPv4, even: boolean, free: (port: number) => boolean): number | null {
    const [low, high] = localPortRange(netns);
    const span = high - low + 1;
    const start = netns.world.rng.below(span);
    for (const parity of even ? [0, 1] : [1, 0]) {
      for (let i = 0; i < span; i++) {
        const port = low + ((start + i) % span);
        if ((port & 1) !== parity) continue;
        if (!this.conflicts(addr, port, false) && free(port)) return port;
      }
    }
    return null;
  }
}
