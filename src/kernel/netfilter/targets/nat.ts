import type { Ipv4Packet } from '../../../net/packet.js';
import type { NfCtx, TargetImpl } from '../context.js';
import type { Conn } from '../conntrack/conn.js';
import { nfctOf } from '../conntrack/skb.js';
import { natSetupInfo } from '../nat/setup.js';
import type { Manip } from '../nat/unique.js';
import { addressRange, rangeOf } from '../nat/range.js';
import { inetSelectAddr } from '../../route/source.js';
import { printk } from '../../printk.js';

const LOOPBACK = 0x7f000001;
const RT_SCOPE_UNIVERSE = 0;
const KERN_INFO = 6;

/** The flow a NAT target binds: the packet's entry (always there: nat chains see only tracked first packets). */
function connOf(packet: Ipv4Packet, ctx: NfCtx): Conn | null {
  const nfct = nfctOf(packet, ctx.netns);
  return nfct && 'conn' in nfct ? nfct.conn : null;
}

/** A NAT target's verdict: the binding is made and the nat chain ends (NF_ACCEPT). */
function bind(ctx: NfCtx, conn: Conn | null, range: ReturnType<typeof rangeOf>, manip: Manip): 'ACCEPT' {
  if (conn) natSetupInfo(ctx.netns, conn, range, manip);
  return 'ACCEPT';
}

/** xt_nat DNAT (PREROUTING, OUTPUT). */
export const DNAT: TargetImpl = {
  action: (packet, ctx, t) => bind(ctx, connOf(packet, ctx), rangeOf(t), 'DST'),
};

/** xt_nat SNAT (POSTROUTING, INPUT). */
export const SNAT: TargetImpl = {
  action: (packet, ctx, t) => bind(ctx, connOf(packet, ctx), rangeOf(t), 'SRC'),
};

/**
 * nf_nat_masquerade_ipv4: SNAT to the address inet_select_addr picks on the
 * outgoing device for the next hop (the gateway, or the destination when
 * on-link), remembered per flow (masq_index). A device without an address
 * drops the packet with the kernel's "ate my IP address".
 */
export const MASQUERADE: TargetImpl = {
  action(packet, ctx, t) {
    const conn = connOf(packet, ctx);
    const out = ctx.out;
    if (!conn || !out || conn.orig.src === 0) return 'ACCEPT';
    const lookup = ctx.netns.fib.lookup({ dst: packet.dst, mark: packet.mark, tos: packet.tos });
    const nh = lookup.ok && lookup.result.dev === out ? (lookup.result.gateway ?? packet.dst) : packet.dst;
    const src = inetSelectAddr(ctx.netns, out, nh, RT_SCOPE_UNIVERSE);
    if (!src) {
      printk(ctx.netns.world, KERN_INFO, `${out.name} ate my IP address`);
      return 'DROP';
    }
    conn.masqIndex = out.ifindex;
    return bind(ctx, conn, addressRange(src, rangeOf(t)), 'SRC');
  },
};

/**
 * nf_nat_redirect_ipv4: DNAT to the host itself: 127.0.0.1 for locally
 * generated packets, else the first address of the input device (none:
 * drop).
 */
export const REDIRECT: TargetImpl = {
  action(packet, ctx, t) {
    let dst = LOOPBACK;
    if (ctx.hook !== 'OUTPUT') {
      const first = ctx.in ? ctx.netns.addrsOf(ctx.in)[0] : undefined;
      if (!first) return 'DROP';
      dst = first.local;
    }
    return bind(ctx, connOf(packet, ctx), addressRange(dst, rangeOf(t)), 'DST');
  },
};

/**
 * netmap_tg4: a 1:1 mapping of one network onto another: the rule's
 * network bits replace the destination's (PREROUTING, OUTPUT) or the
 * source's (POSTROUTING, INPUT), the host bits stay.
 */
export const NETMAP: TargetImpl = {
  action(packet, ctx, t) {
    const mask = t.data.mask as number;
    const dstSide = ctx.hook === 'PREROUTING' || ctx.hook === 'OUTPUT';
    const ip = (((dstSide ? packet.dst : packet.src) & ~mask) | ((t.data.addr as number) & mask)) >>> 0;
    return bind(ctx, connOf(packet, ctx), addressRange(ip), dstSide ? 'DST' : 'SRC');
  },
};
