import type { TargetImpl } from '../context.js';
import { withNfct } from '../conntrack/skb.js';
import { ipLocalOut, routeOutput } from '../../ipv4/output.js';

const UNTRACKED = { untracked: true } as const;

/**
 * Set while a clone is on its way out (nf_skb_duplicated): a TEE rule the
 * clone meets in OUTPUT or POSTROUTING counts it but does not clone again.
 */
let duplicating = false;

/**
 * TEE (xt_TEE.c, nf_dup_ipv4): a copy of the packet, untracked, with DF
 * set and (at PREROUTING and INPUT) the TTL lowered, is routed to the
 * gateway as its next hop (FLOWI_FLAG_KNOWN_NH: the route's own gateway if
 * it has one, else the gateway itself; no mark in the lookup) and sent as
 * a local packet (ip_local_out: OUTPUT, POSTROUTING). An unroutable
 * gateway loses the copy. The original goes on.
 */
export const TEE: TargetImpl = {
  action(packet, ctx, t) {
    if (duplicating) return 'CONTINUE';
    const gw = t.data.gateway as number;
    const oif = t.data.oif === undefined ? undefined : ctx.netns.linkByName(t.data.oif as string);
    const lookup = routeOutput(ctx.netns, { dst: gw, oif, tos: packet.tos });
    if (!lookup.ok) return 'CONTINUE';
    const lower = ctx.hook === 'PREROUTING' || ctx.hook === 'INPUT';
    const clone = withNfct(
      { ...packet, dontFragment: true, ttl: lower ? (packet.ttl - 1) & 0xff : packet.ttl },
      ctx.netns,
      UNTRACKED,
    );
    const res = lookup.result;
    duplicating = true;
    try {
      ipLocalOut(ctx.netns, clone, { ...res, gateway: res.gateway ?? gw });
    } finally {
      duplicating = false;
    }
    return 'CONTINUE';
  },
};
