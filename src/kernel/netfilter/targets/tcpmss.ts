import type { NfCtx, TargetImpl } from '../context.js';

/** IPv4 and TCP headers without options: what an MSS leaves of an MTU (minlen in tcpmss_tg4). */
const MIN_LEN = 40;
/** RFC 1122: the MSS a peer assumes when a SYN carries none, the most an added option may say. */
const DEFAULT_MSS = 536;
const TCPOLEN_MSS = 4;
/** tcph->doff has four bits: 60 bytes of header at most. */
const MAX_TCP_HEADER = 60;

/**
 * tcpmss_reverse_mtu: the MTU of the route back to the sender (lo for a
 * locally generated packet), all ones when there is none.
 */
function reverseMtu(ctx: NfCtx): number {
  const lookup = ctx.netns.fib.lookup({ dst: ctx.packet.src });
  if (!lookup.ok) return 0xffffffff;
  const res = lookup.result;
  if (res.type !== 'local') return res.dev?.mtu ?? 0xffffffff;
  for (const link of ctx.netns.links.values()) if (link.kind === 'loopback') return link.mtu;
  return 0xffffffff;
}

/**
 * TCPMSS (xt_TCPMSS.c tcpmss_mangle_packet), on any TCP segment the rule
 * lets through (iptables-nft does not require a SYN match): an MSS option
 * is only ever lowered, to the rule's value or to the smaller of the two
 * path MTUs minus 40 (--clamp-mss-to-pmtu, route MTU = device MTU here);
 * a segment without one and without payload gets one, at most 536, in
 * front of its other options. An unusable path MTU drops the packet.
 */
export const TCPMSS: TargetImpl = {
  action(packet, ctx, t) {
    const tcp = packet.l4;
    if (tcp?.kind !== 'tcp') return 'CONTINUE';
    let mss = t.data.mss as number | undefined;
    if (mss === undefined) {
      const minMtu = Math.min(ctx.out?.mtu ?? 0, reverseMtu(ctx));
      if (minMtu <= MIN_LEN) return 'DROP';
      mss = minMtu - MIN_LEN;
    }
    const options = tcp.options ?? {};
    if (options.mss !== undefined) {
      if (options.mss > mss) ctx.packet = { ...packet, l4: { ...tcp, options: { ...options, mss } } };
      return 'CONTINUE';
    }
    const payload = packet.totalLength - 20 - tcp.headerLength;
    if (payload > 0 || tcp.headerLength >= MAX_TCP_HEADER) return 'CONTINUE';
    ctx.packet = {
      ...packet,
      totalLength: packet.totalLength + TCPOLEN_MSS,
      l4: {
        ...tcp,
        headerLength: tcp.headerLength + TCPOLEN_MSS,
        options: { ...options, mss: Math.min(mss, DEFAULT_MSS) },
      },
    };
    return 'CONTINUE';
  },
};
