import type { TargetImpl } from '../context.js';
import { icmpSend } from '../../icmp/send.js';
import { ICMP, UNREACH } from '../../icmp/types.js';
import { sendReset } from '../../socket/tcp-output.js';

/** ipt_reject's --reject-with types and the ICMP unreachable code each sends. */
const CODES: Readonly<Record<string, number>> = {
  'icmp-net-unreachable': UNREACH.NET,
  'icmp-host-unreachable': UNREACH.HOST,
  'icmp-port-unreachable': UNREACH.PORT,
  'icmp-proto-unreachable': UNREACH.PROT,
  'icmp-net-prohibited': UNREACH.NET_ANO,
  'icmp-host-prohibited': UNREACH.HOST_ANO,
  'icmp-admin-prohibited': UNREACH.PKT_FILTERED,
};

/**
 * nft_reject_ipv4 / reject_tg: nf_send_unreach answers with icmp_send on
 * the offending packet's own route, then the packet is dropped.
 * `tcp-reset` (nf_send_reset) answers a TCP segment with the RST that
 * tcp_v4_send_reset would send for a closed port (same sequence numbers,
 * no options, IP id 0), through LOCAL_OUT from the packet's destination.
 */
export const REJECT: TargetImpl = {
  action(packet, ctx, t) {
    if (t.data.with === 'tcp-reset') {
      if (packet.l4?.kind === 'tcp') sendReset(ctx.netns, packet, packet.l4);
      return 'DROP';
    }
    const code = CODES[t.data.with as string];
    if (code !== undefined) {
      icmpSend(
        ctx.netns,
        {
          packet,
          dev: ctx.route.input ? ctx.in : ctx.out,
          input: ctx.route.input,
          local: ctx.route.local,
          broadcast: ctx.route.broadcast,
        },
        ICMP.DEST_UNREACH,
        code,
      );
    }
    return 'DROP';
  },
};
