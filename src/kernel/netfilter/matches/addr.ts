import type { IPv4 } from '../../../net/ipv4.js';
import { isMulticast, isZeronet, LIMITED_BROADCAST } from '../../../net/ipv4.js';
import type { Netns } from '../../netns.js';
import type { MatchImpl } from '../context.js';

type Range = readonly [number, number];
const within = (a: IPv4, r: Range) => a >>> 0 >= r[0] >>> 0 && a >>> 0 <= r[1] >>> 0;

/** iprange_mt4: each given range must hold (after its own invert). */
export const iprange: MatchImpl = {
  match(packet, _ctx, m) {
    const d = m.data;
    if (d.src && within(packet.src, d.src as Range) === Boolean(d.srcInv)) return false;
    if (d.dst && within(packet.dst, d.dst as Range) === Boolean(d.dstInv)) return false;
    return true;
  },
};

/** mac_mt: Ethernet frames only (lo is ARPHRD_LOOPBACK: never matches, inverted or not). */
export const mac: MatchImpl = {
  match(_packet, ctx, m) {
    if (!ctx.l2 || !ctx.in || ctx.in.kind === 'loopback') return false;
    return (ctx.l2.src === m.data.mac) !== Boolean(m.data.inv);
  },
};

/** pkttype_mt: skb->pkt_type; locally generated packets are PACKET_HOST. */
export const pkttype: MatchImpl = {
  match(packet, ctx, m) {
    let type: string = ctx.l2?.type ?? 'host';
    if (ctx.in?.kind === 'loopback') type = isMulticast(packet.dst) ? 'multicast' : 'host';
    if (type === 'host') type = 'unicast';
    return (type === m.data.type) !== Boolean(m.data.inv);
  },
};

/** RTN_* numbers as the addrtype bit positions use them. */
const RTN = { UNICAST: 1, LOCAL: 2, BROADCAST: 3, MULTICAST: 5 } as const;

/** inet_addr_type: the route type the local table gives the address (UNICAST when none). */
function addrType(netns: Netns, addr: IPv4): number {
  if (isZeronet(addr) || addr === LIMITED_BROADCAST) return RTN.BROADCAST;
  if (isMulticast(addr)) return RTN.MULTICAST;
  const lookup = netns.fib.lookup({ dst: addr });
  if (lookup.ok && lookup.result.table === 255) {
    if (lookup.result.type === 'local') return RTN.LOCAL;
    if (lookup.result.type === 'broadcast') return RTN.BROADCAST;
  }
  return RTN.UNICAST;
}

/** addrtype_mt_v1. */
export const addrtype: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    if (d.src !== undefined) {
      const hit = ((1 << addrType(ctx.netns, packet.src)) & (d.src as number)) !== 0;
      if (hit === Boolean(d.srcInv)) return false;
    }
    if (d.dst !== undefined) {
      const hit = ((1 << addrType(ctx.netns, packet.dst)) & (d.dst as number)) !== 0;
      if (hit === Boolean(d.dstInv)) return false;
    }
    return true;
  },
};
