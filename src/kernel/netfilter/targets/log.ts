import type { Ipv4Packet } from '../../../net/packet.js';
import { IPPROTO } from '../../../net/packet.js';
import { formatIPv4 } from '../../../net/ipv4.js';
import type { NfCtx, TargetImpl } from '../context.js';
import { printk } from '../../printk.js';
import { nfLogAllowed } from '../nf-log.js';
import { nfBridgeOf } from '../../bridge/nf-bridge-info.js';
import { ICMP, UNREACH } from '../../icmp/types.js';

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
const TCP_FLAG_NAMES: readonly (readonly [number, string])[] = [
  [0x80, 'CWR'],
  [0x40, 'ECE'],
  [0x20, 'URG'],
  [0x10, 'ACK'],
  [0x08, 'PSH'],
  [0x04, 'RST'],
  [0x02, 'SYN'],
  [0x01, 'FIN'],
];

/** dump_ipv4_packet (nf_log_syslog.c): `inner` for the datagram an ICMP error quotes. */
export function dumpIpv4(p: Ipv4Packet, flags: number, inner = false): string {
  let s = `SRC=${formatIPv4(p.src)} DST=${formatIPv4(p.dst)} `;
  s += `LEN=${p.totalLength} TOS=0x${hex2(p.tos & 0x1e)} PREC=0x${hex2(p.tos & 0xe0)} TTL=${p.ttl} ID=${p.id} `;
  if (p.dontFragment) s += 'DF ';
  const l4 = p.l4;
  if (p.protocol === IPPROTO.ICMP && l4?.kind === 'icmp') {
    s += `PROTO=ICMP TYPE=${l4.type} CODE=${l4.code} `;
    if (l4.type === ICMP.ECHO || l4.type === ICMP.ECHOREPLY) s += `ID=${l4.id ?? 0} SEQ=${l4.seq ?? 0} `;
    else if (l4.type === ICMP.REDIRECT) s += `GATEWAY=${formatIPv4(l4.gateway ?? 0)} `;
    else if (
      l4.type === ICMP.DEST_UNREACH ||
      l4.type === ICMP.SOURCE_QUENCH ||
      l4.type === ICMP.TIME_EXCEEDED
    ) {
      if (!inner && l4.quoted) s += `[${dumpIpv4(l4.quoted, flags, true)}] `;
      if (l4.type === ICMP.DEST_UNREACH && l4.code === UNREACH.FRAG_NEEDED) s += `MTU=${l4.mtu ?? 0} `;
    }
  } else if (p.protocol === IPPROTO.UDP && l4?.kind === 'udp') {
    s += `PROTO=UDP SPT=${l4.sport} DPT=${l4.dport} LEN=${p.totalLength - 20} `;
  } else if (p.protocol === IPPROTO.TCP && l4?.kind === 'tcp') {
    s += `PROTO=TCP SPT=${l4.sport} DPT=${l4.dport} `;
    if (flags & 1) s += `SEQ=${l4.seq >>> 0} ACK=${l4.ack >>> 0} `;
    s += `WINDOW=${l4.window} RES=0x00 `;
    for (const [bit, name] of TCP_FLAG_NAMES) if (l4.flags & bit) s += `${name} `;
    s += 'URGP=0 ';
  } else s += `PROTO=${p.protocol} `;
  if (!inner && p.mark) s += `MARK=0x${p.mark.toString(16)} `;
  return s;
}

/**
 * nf_log_ip_packet: prefix, devices (nf_log_dump_packet_common: a packet
 * br_netfilter passes also names its bridge ports, PHYSIN= and, once the
 * bridge chose one, PHYSOUT=, each unless it is the IN or OUT device
 * itself), the MAC header of received packets, then the IP dump.
 */
export function logLine(packet: Ipv4Packet, ctx: NfCtx, prefix: string, flags: number): string {
  let s = `${prefix}IN=${ctx.in?.name ?? ''} OUT=${ctx.out?.name ?? ''} `;
  const bridged = nfBridgeOf(packet, ctx.netns);
  if (bridged) {
    if (bridged.physIn !== ctx.in) s += `PHYSIN=${bridged.physIn.name} `;
    if (bridged.physOut && bridged.physOut !== ctx.out) s += `PHYSOUT=${bridged.physOut.name} `;
  }
  if (ctx.in) {
    const l2 = ctx.l2;
    s += l2 ? `MAC=${l2.dst}:${l2.src}:08:00 ` : 'MAC= ';
  }
  return s + dumpIpv4(packet, flags);
}

/** LOG (nft `log`): one kernel log line at the rule's level, if this namespace may log; the chain goes on. */
export const LOG: TargetImpl = {
  action(packet, ctx, t) {
    if (!nfLogAllowed(ctx.netns)) return 'CONTINUE';
    const prefix = (t.data.prefix as string | undefined) ?? '';
    printk(ctx.netns.world, t.data.level as number, logLine(packet, ctx, prefix, t.data.flags as number));
    return 'CONTINUE';
  },
};
