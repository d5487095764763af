import type {
  BaseChainInfo,
  RulesetMessage,
  TraceMessage,
  TracePacket,
} from '../../kernel/netfilter/monitor.js';
import type { Rule } from '../../kernel/netfilter/types.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { TCP_FLAG } from '../../net/packet.js';
import { ruleSpecText } from '../iptables/rule-text.js';

/** NFPROTO_IPV4 as the family column prints it. */
const FAMILY = 2;

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** ether_ntoa: lowercase, no leading zero in a byte. */
const etherNtoa = (mac: string) =>
  mac
    .split(':')
    .map((b) => parseInt(b, 16).toString(16))
    .join(':');

/** nft_rule_print_save after `-4 -t TABLE `: `[p:b] ` with -c, then `-A`/`-D CHAIN spec`. */
export function ruleText(table: string, chain: string, rule: Rule, op: 'A' | 'D', counters: boolean): string {
  const c = counters ? `[${rule.counters.packets}:${rule.counters.bytes}] ` : '';
  return `-4 -t ${table} ${c}-${op} ${chain} ${ruleSpecText(rule)}`.replace(/ $/, '');
}

/** trace_print_packet: interfaces, link layer, IPv4 header, ports and TCP flags, mark. */
export function packetLine(id: number, p: TracePacket): string {
  let s = `PACKET: ${FAMILY} ${hex8(id)} `;
  if (p.in) s += `IN=${p.in.name} `;
  if (p.out) s += `OUT=${p.out.name} `;
  if (p.in?.kind === 'loopback') s += 'LOOPBACK ';
  else if (p.in && p.l2) s += `MACSRC=${etherNtoa(p.l2.src)} MACDST=${etherNtoa(p.l2.dst)} MACPROTO=0800 `;
  const ip = p.packet;
  s += `SRC=${formatIPv4(ip.src)} DST=${formatIPv4(ip.dst)} LEN=${ip.totalLength} TOS=0x${ip.tos.toString(16)} TTL=${ip.ttl} ID=${ip.id} `;
  if (ip.dontFragment) s += 'DF ';
  const l4 = ip.l4;
  if (l4 && (l4.kind === 'udp' || l4.kind === 'tcp')) s += `SPORT=${l4.sport} DPORT=${l4.dport} `;
  if (l4?.kind === 'tcp') {
    for (const [flag, name] of [
      [TCP_FLAG.SYN, 'SYN'],
      [TCP_FLAG.ACK, 'ACK'],
      [TCP_FLAG.FIN, 'FIN'],
      [TCP_FLAG.RST, 'RST'],
      [TCP_FLAG.PSH, 'PSH'],
      [TCP_FLAG.URG, 'URG'],
    ] as const)
      if (l4.flags & flag) s += `${name} `;
  }
  if (ip.mark) s += `MARK=0x${ip.mark.toString(16)} `;
  return s;
}

/** print_verdict; NFT_RETURN has no name there and prints as a number. */
function verdictText(m: TraceMessage): string {
  switch (m.verdict) {
    case 'RETURN':
      return '0xfffffffb';
    case 'JUMP':
    case 'GOTO':
      return `${m.verdict}:${m.target ?? ''}`;
    default:
      return m.verdict;
  }
}

/** trace_cb: the PACKET line when the message carries the packet, then the TRACE line. */
export function traceLines(m: TraceMessage, counters: boolean): string {
  const head = m.packet ? `${packetLine(m.id, m.packet)}\n` : '';
  let s = ` TRACE: ${FAMILY} ${hex8(m.id)} ${m.table}:${m.chain}`;
  if (m.type === 'policy') s += `:policy:${verdictText(m)} `;
  else {
    s += `:rule:0x${m.handle.toString(16)}:${verdictText(m)} `;
    if (m.rule) s += ` ${ruleText(m.table, m.chain, m.rule, 'A', counters)}`;
  }
  return `${head}${s}\n`;
}

const HOOK_NAME: Record<BaseChainInfo['hook'], string> = {
  PREROUTING: 'prerouting',
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  POSTROUTING: 'postrouting',
};

/** nftnl_chain_snprintf of a base chain, behind `# nft: `. */
function baseChainText(table: string, chain: string, b: BaseChainInfo): string {
  const policy = b.policy === 'ACCEPT' ? 'accept' : 'drop';
  return `ip ${table} ${chain} use ${b.use} type ${b.type} hook ${HOOK_NAME[b.hook]} prio ${b.priority} policy ${policy} packets ${b.packets} bytes ${b.bytes} flags 1`;
}

/** table_cb, chain_cb, rule_cb and newgen_cb of monitor_cb. */
export function eventLine(m: RulesetMessage, counters: boolean): string {
  switch (m.kind) {
    case 'table':
      return ` EVENT: nft: ${m.op === 'new' ? 'NEW' : 'DEL'} table: table ${m.table} ip flags 0 use ${m.use} handle ${m.handle}\n`;
    case 'chain':
      if (m.base) return ` EVENT: # nft: ${baseChainText(m.table, m.chain, m.base)}\n`;
      return ` EVENT: -4 -t ${m.table} -${m.op === 'new' ? 'N' : 'X'} ${m.chain}\n`;
    case 'rule':
      return ` EVENT: ${ruleText(m.table, m.chain, m.rule, m.op === 'new' ? 'A' : 'D', counters)}\n`;
    case 'gen':
      // The committing process's pid is not modelled.
      return `NEWGEN: GENID=${m.genid} PID=0 NAME=${m.comm}\n`;
  }
}
