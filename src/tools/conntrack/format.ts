import { formatIPv4 } from '../../net/ipv4.js';
import { IPPROTO } from '../../net/packet.js';
import type { CtEntry } from '../../kernel/netfilter/conntrack/api.js';
import { IPS } from '../../kernel/netfilter/conntrack/conn.js';
import type { Tuple } from '../../kernel/netfilter/conntrack/tuple.js';
import { icmpCode, icmpType } from '../../kernel/netfilter/conntrack/tuple.js';

/** -o flags that change the plain format. */
export interface OutputFlags {
  readonly extended: boolean;
  readonly id: boolean;
}

/** libnetfilter_conntrack's TCP state names; SYN_SENT2 sits in the slot it calls LISTEN. */
const TCP_NAMES: Readonly<Record<string, string>> = { SYN_SENT2: 'LISTEN' };

/** __snprintf_address + __snprintf_proto: one direction's tuple. */
function tuple(t: Tuple): string {
  let s = `src=${formatIPv4(t.src)} dst=${formatIPv4(t.dst)} `;
  if (t.proto === IPPROTO.TCP || t.proto === IPPROTO.UDP) s += `sport=${t.sport} dport=${t.dport} `;
  else if (t.proto === IPPROTO.ICMP) s += `type=${icmpType(t)} code=${icmpCode(t)} id=${t.sport} `;
  return s;
}

/** __snprintf_conntrack_default: one line of `conntrack -L` (without its newline). */
export function formatEntry(e: CtEntry, flags: OutputFlags): string {
  let s = flags.extended ? `${'ipv4'.padEnd(8)} 2 ` : '';
  s += `${e.protoName.padEnd(8)} ${e.orig.proto} ${e.timeout} `;
  if (e.tcpState !== null) s += `${TCP_NAMES[e.tcpState] ?? e.tcpState} `;
  s += tuple(e.orig);
  if (!(e.status & IPS.SEEN_REPLY)) s += '[UNREPLIED] ';
  s += tuple(e.reply);
  if (e.status & IPS.ASSURED) s += '[ASSURED] ';
  s += `mark=${e.mark} use=${e.use} `;
  if (flags.id) s += `id=${e.id} `;
  return s.trimEnd();
}
