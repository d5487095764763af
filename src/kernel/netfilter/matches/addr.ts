import type { IPv4 } from '../../../net/ipv4.js';
import { isMulticast } from '../../../net/ipv4.js';
import type { Link } from '../../link/link.js';
import { addrType } from '../../route/create.js';
import type { RouteType } from '../../route/fib.js';
import { RT_TABLE_LOCAL } from '../../route/route.js';
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

/** RTN_* numbers, the addrtype bit positions. */
const RTN: Readonly<Record<RouteType, number>> = {
  unicast: 1,
  local: 2,
  broadcast: 3,
  multicast: 5,
  blackhole: 6,
  unreachable: 7,
  prohibit: 8,
  throw: 9,
};

/**
 * inet_dev_addr_type: the type the local table gives the address (with
 * the tables merged, as they are until a policy rule is added, the local
 * table is the main one); with --limit-iface-in/out only routes through
 * that device count.
 */
function addrTypeBit(netns: Netns, addr: IPv4, dev: Link | null): number {
  return 1 << RTN[addrType(netns.fib, addr, RT_TABLE_LOCAL, dev)];
}

/** addrtype_mt_v1. */
export const addrtype: MatchImpl = {
  match(packet, ctx, m) {
    const d = m.data;
    const dev = d.limit === 'in' ? ctx.in : d.limit === 'out' ? ctx.out : null;
    if (d.src !== undefined) {
      const hit = (addrTypeBit(ctx.netns, packet.src, dev) & (d.src as number)) !== 0;
      if (hit === Boolean(d.srcInv)) return false;
    }
    if (d.dst !== undefined) {
      const hit = (addrTypeBit(ctx.netns, packet.dst, dev) & (d.dst as number)) !== 0;
      if (hit === Boolean(d.dstInv)) return false;
    }
    return true;
  },
};
