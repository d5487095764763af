import type { TargetImpl } from '../context.js';
import { TCP_FLAG } from '../../../net/packet.js';

/**
 * ECN (ipt_ECN.c ecn_tg): sets the IP header's ECN codepoint
 * (set_ect_ip) and the TCP header's ECE and CWR flags (set_ect_tcp), as
 * the rule's operation bits say.
 */
export const ECN: TargetImpl = {
  action(packet, ctx, t) {
    const d = t.data;
    let p = packet;
    if (d.ect !== undefined) {
      const tos = (p.tos & ~0x03) | (d.ect as number);
      if (tos !== p.tos) p = { ...p, tos };
    }
    const tcp = p.l4;
    if ((d.ece !== undefined || d.cwr !== undefined) && tcp?.kind === 'tcp') {
      let flags = tcp.flags;
      if (d.ece !== undefined) flags = d.ece ? flags | TCP_FLAG.ECE : flags & ~TCP_FLAG.ECE;
      if (d.cwr !== undefined) flags = d.cwr ? flags | TCP_FLAG.CWR : flags & ~TCP_FLAG.CWR;
      if (flags !== tcp.flags) p = { ...p, l4: { ...tcp, flags } };
    }
    ctx.packet = p;
    return 'CONTINUE';
  },
};
