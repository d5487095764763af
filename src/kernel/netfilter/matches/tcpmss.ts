import type { MatchImpl } from '../context.js';

/**
 * tcpmss_mt (xt_tcpmss.c): the MSS option of a TCP segment (any segment
 * carrying one, in practice SYN and SYN/ACK) within [min, max]; a segment
 * without the option gives the inverted answer's default, false (true
 * with `!`). The rule is `-p tcp` (checked when it is added).
 */
export const tcpmss: MatchImpl = {
  match(packet, _ctx, m) {
    const invert = Boolean(m.data.inv);
    const tcp = packet.l4;
    const mss = tcp?.kind === 'tcp' ? tcp.options?.mss : undefined;
    if (mss === undefined) return invert;
    return (mss >= (m.data.min as number) && mss <= (m.data.max as number)) !== invert;
  },
};
