import type { Link } from './link/link.js';
import { isRunning } from './link/operstate.js';

/** One IPv6 address the kernel configures by itself (IPv6 is otherwise not modelled). */
export interface Inet6Addr {
  readonly text: string;
  readonly prefixLen: number;
  readonly scope: 'host' | 'link';
  /**
   * When duplicate address detection ends (virtual ms; 0: never tentative).
   * Its end changes nothing but the flag, and no probe is modelled, so the
   * flag is read against the clock rather than cleared by a timer: a
   * cluster's tens of thousands of pod interfaces put no event on the clock
   * (the first trace after `podpath up` fired one per interface, each with
   * a turn of the host's event loop).
   */
  readonly dadEnd: number;
}

/** IFA_F_TENTATIVE at virtual time `now`: duplicate address detection still running. */
export const isTentative = (addr: Inet6Addr, now: number): boolean => now < addr.dadEnd;

const addrs = new WeakMap<Link, Inet6Addr[]>();

export const inet6Addrs = (link: Link): readonly Inet6Addr[] => addrs.get(link) ?? [];

/** inet_ntop for eight 16-bit groups: the longest run of two or more zero groups becomes `::`. */
export function formatIpv6(groups: readonly number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex([...groups]);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLen))}`;
}

/** addrconf_ifid_eui48: fe80:: plus the MAC with the universal/local bit flipped and ff:fe in the middle. */
export function linkLocalOf(mac: string): string {
  const b = mac.split(':').map((x) => Number.parseInt(x, 16));
  b[0] ^= 0x02;
  return formatIpv6([
    0xfe80,
    0,
    0,
    0,
    (b[0] << 8) | b[1],
    (b[2] << 8) | 0xff,
    0xfe00 | b[3],
    (b[4] << 8) | b[5],
  ]);
}

/**
 * addrconf_notify: a device that becomes ready (running) gets ::1 (lo) or
 * its EUI-64 link-local address, tentative until DAD finishes (a random
 * delay below rtr_solicit_delay, then one probe of retrans_time); going
 * down removes them. Carrier loss keeps them; carrier back restarts DAD.
 */
export function addrconfLinkChanged(link: Link): void {
  const list = addrs.get(link) ?? [];
  if (!link.adminUp || link.netns.links.get(link.ifindex) !== link) {
    addrs.delete(link);
    return;
  }
  if (!isRunning(link)) return;
  if (link.kind === 'loopback') {
    if (list.length === 0) addrs.set(link, [{ text: '::1', prefixLen: 128, scope: 'host', dadEnd: 0 }]);
    return;
  }
  if (list.length > 0) return;
  const { clock, rng } = link.netns.world;
  const dadEnd = clock.now + rng.below(1000) + 1000;
  addrs.set(link, [new LinkLocal(link.mac, dadEnd)]);
}

/**
 * A device's EUI-64 link-local address, from its MAC when the address was
 * made; written out on first read (a cluster's pod interfaces are seldom
 * listed, and formatting one costs more than the rest of bringing it up).
 */
class LinkLocal implements Inet6Addr {
  readonly prefixLen = 64;
  readonly scope = 'link';
  private written: string | null = null;

  constructor(
    private readonly mac: string,
    readonly dadEnd: number,
  ) {}

  get text(): string {
    return (this.written ??= linkLocalOf(this.mac));
  }
}
