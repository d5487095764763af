import type { MatchImpl } from '../context.js';
import type { Link } from '../../link/link.js';
import type { Netns } from '../../netns.js';
import type { IPv4 } from '../../../net/ipv4.js';

/** xt_rpfilter_info.flags (XT_RPFILTER_*). */
export const RPFILTER = { LOOSE: 1, VALID_MARK: 2, ACCEPT_LOCAL: 4, INVERT: 8 } as const;

const isZeronet = (a: IPv4) => a >>> 24 === 0;
const isMulticast = (a: IPv4) => a >>> 28 === 0xe;
const isLocalMulticast = (a: IPv4) => a >>> 8 === 0xe00000;
const LIMITED_BROADCAST = 0xffffffff;

/** rpfilter_get_saddr: the packet's destination as the reverse lookup's source, unless it is no unicast address. */
const reverseSource = (dst: IPv4): IPv4 =>
  isMulticast(dst) || dst === LIMITED_BROADCAST || isZeronet(dst) ? 0 : dst;

/**
 * rpfilter_lookup_reverse: route the packet's source as if sent from lo
 * (with the packet's mark under --validmark); a unicast route (or a local
 * one with --accept-local) must leave through the device the packet came
 * in on, or through any with --loose.
 */
function reversePathOk(
  netns: Netns,
  src: IPv4,
  dst: IPv4,
  tos: number,
  mark: number,
  dev: Link,
  flags: number,
): boolean {
  const back = netns.fib.lookup({ dst: src, src: reverseSource(dst), tos: tos & 0x1c, mark });
  if (!back.ok) return false;
  const { type } = back.result;
  if (type !== 'unicast' && (type !== 'local' || !(flags & RPFILTER.ACCEPT_LOCAL))) return false;
  return back.result.dev === dev || (flags & RPFILTER.LOOSE) !== 0;
}

/**
 * rpfilter_mt (xt_rpfilter.c): the reverse path test, `--invert` reversing
 * it. Packets from lo always pass; so do DHCP-style ones from 0.0.0.0 to
 * the limited broadcast or a 224.0.0.0/24 group.
 */
export const rpfilter: MatchImpl = {
  match(packet, ctx, m) {
    const flags = m.data.flags as number;
    const invert = (flags & RPFILTER.INVERT) !== 0;
    const dev = ctx.in;
    if (dev === null || dev.kind === 'loopback') return !invert;
    if (isZeronet(packet.src) && (packet.dst === LIMITED_BROADCAST || isLocalMulticast(packet.dst)))
      return !invert;
    const mark = flags & RPFILTER.VALID_MARK ? (packet.mark ?? 0) : 0;
    return reversePathOk(ctx.netns, packet.src, packet.dst, packet.tos, mark, dev, flags) !== invert;
  },
};
