import type { MatchImpl } from '../context.js';
import type { XtModule } from '../types.js';
import type { Ipv4Packet } from '../../../net/packet.js';
import { TCP_FLAG } from '../../../net/packet.js';

/** XT_ECN_OP_MATCH_* (as the iptables module stores them). */
const OP_IP = 0x01;
const OP_ECE = 0x10;
const OP_CWR = 0x20;
const IPPROTO_TCP = 6;

/** The ECN bits of the TOS byte (XT_ECN_IP_MASK). */
const ECN_IP_MASK = 0x03;

/** ecn_mt4 (xt_ecn.c): the IP codepoint, then the TCP flags, each inverted on its own. */
export const ecn: MatchImpl = {
  match(packet, _ctx, m) {
    const op = m.data.op as number;
    const inv = m.data.inv as number;
    if (op & OP_IP && ((packet.tos & ECN_IP_MASK) === (m.data.ect as number)) === Boolean(inv & OP_IP))
      return false;
    if (op & (OP_ECE | OP_CWR)) return matchTcp(packet, op, inv);
    return true;
  },
};

function matchTcp(packet: Ipv4Packet, op: number, inv: number): boolean {
  const l4 = packet.l4;
  if (l4?.kind !== 'tcp') return false;
  for (const [bit, flag] of [
    [OP_ECE, TCP_FLAG.ECE],
    [OP_CWR, TCP_FLAG.CWR],
  ] as const)
    if (op & bit && ((l4.flags & flag) !== 0) === Boolean(inv & bit)) return false;
  return true;
}

/** ecn_mt_check4: the TCP bits need `-p tcp`, not inverted. */
export function ecnCheck(rule: { proto: number; protoInvert: boolean }, ext: XtModule): boolean {
  return !((ext.data.op as number) & (OP_ECE | OP_CWR)) || (rule.proto === IPPROTO_TCP && !rule.protoInvert);
}
