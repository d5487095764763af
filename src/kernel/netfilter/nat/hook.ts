import type { Netns } from '../../netns.js';
import type { NfCtx } from '../context.js';
import type { Hook } from '../types.js';
import { doTable } from '../engine.js';
import { nfctOf } from '../conntrack/skb.js';
import { isIcmpErrorPacket } from '../conntrack/icmp-error.js';
import { hookManip, natInitialized, natNullBinding } from './setup.js';
import { natIcmpReply, natPacket } from './manip.js';
import type { Conn } from '../conntrack/conn.js';
import type { Manip } from './unique.js';

/**
 * nf_nat_ipv4_fn / nf_nat_inet_fn at one hook: an ICMP error RELATED to a
 * flow is translated from the entry; a flow whose binding for this hook's
 * manipulation is not made yet (its first packet) walks the nat chain,
 * whose NAT target makes it, or gets the null binding; then every packet
 * of the flow is rewritten from the entry. Returns false for a drop.
 */
export function natHook(netns: Netns, hook: Hook, ctx: NfCtx): boolean {
  const nfct = nfctOf(ctx.packet, netns);
  if (!nfct || 'untracked' in nfct) return true;
  const { conn, info } = nfct;
  const manip = hookManip(hook);
  if ((info === 'RELATED' || info === 'RELATED_REPLY') && isIcmpErrorPacket(ctx.packet)) {
    const translated = natIcmpReply(conn, info, manip, ctx.packet);
    if (!translated) return false;
    ctx.packet = translated;
    return true;
  }
  if (info !== 'ESTABLISHED' && info !== 'ESTABLISHED_REPLY' && !natInitialized(conn, manip)) {
    if (!natBind(netns, ctx, conn, manip)) return false;
  }
  // A spread copy keeps the packet's conntrack (see conntrack/skb.ts).
  ctx.packet = natPacket(conn, info, manip, ctx.packet);
  return true;
}

/**
 * A flow's first packet at this manipulation: the nat chain makes its
 * binding, or the null binding does. False for a drop. Apart from natHook:
 * its closure would make every packet's natHook allocate the variables it
 * captures.
 */
function natBind(netns: Netns, ctx: NfCtx, conn: Conn, manip: Manip): boolean {
  const table = netns.netfilter.current('nat');
  if (table) {
    ctx.table = 'nat';
    // nf_nat_inet_fn: each nat base chain in turn, until one made the binding.
    if (doTable(table, ctx, () => natInitialized(conn, manip)) === 'DROP') return false;
  }
  if (!natInitialized(conn, manip)) natNullBinding(netns, conn, manip);
  return true;
}
