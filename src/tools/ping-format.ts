import { ICMP } from '../kernel/icmp/types.js';
import { formatIPv4 } from '../net/ipv4.js';
import type { IPv4 } from '../net/ipv4.js';

const UNREACH_TEXT = [
  'Destination Net Unreachable',
  'Destination Host Unreachable',
  'Destination Protocol Unreachable',
  'Destination Port Unreachable',
  '',
  'Source Route Failed',
  'Destination Net Unknown',
  'Destination Host Unknown',
  'Source Host Isolated',
  'Destination Net Prohibited',
  'Destination Host Prohibited',
  'Destination Net Unreachable for Type of Service',
  'Destination Host Unreachable for Type of Service',
  'Packet filtered',
  'Precedence Violation',
  'Precedence Cutoff',
];

const REDIRECT_TEXT = [
  'Redirect Network',
  'Redirect Host',
  'Redirect Type of Service and Network',
  'Redirect Type of Service and Host',
];

/** pr_icmph: the description ping prints after `From X icmp_seq=N `. */
export function describeIcmp(type: number, code: number, info: number): string {
  switch (type) {
    case ICMP.DEST_UNREACH:
      if (code === 4) return `Frag needed and DF set (mtu = ${info})`;
      return UNREACH_TEXT[code] ?? `Dest Unreachable, Bad Code: ${code}`;
    case ICMP.TIME_EXCEEDED:
      if (code === 0) return 'Time to live exceeded';
      if (code === 1) return 'Frag reassembly time exceeded';
      return `Time exceeded, Bad Code: ${code}`;
    case ICMP.SOURCE_QUENCH:
      return 'Source Quench';
    case ICMP.REDIRECT:
      return `${REDIRECT_TEXT[code] ?? `Redirect, Bad Code: ${code}`}(New nexthop: ${formatIPv4(info)})`;
    case ICMP.PARAMETERPROB:
      return `Parameter problem: pointer = ${info}`;
    default:
      return `Bad ICMP type: ${type}`;
  }
}

/** The `time=` value: three decimals below 1 ms, fewer as it grows (ping_common.c). */
export function formatRtt(us: number): string {
  if (us >= 100_000) return `${Math.floor(us / 1000)}`;
  if (us >= 10_000) return `${Math.floor(us / 1000)}.${Math.floor((us % 1000) / 100)}`;
  if (us >= 1000) return `${Math.floor(us / 1000)}.${String(Math.floor((us % 1000) / 10)).padStart(2, '0')}`;
  return `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;
}

/** printf %g with six significant digits, as the packet loss percentage is printed. */
export function formatG(value: number): string {
  return String(Number(value.toPrecision(6)));
}

const ms3 = (us: number): string => `${Math.floor(us / 1000)}.${String(us % 1000).padStart(3, '0')}`;

export interface PingStats {
  transmitted: number;
  received: number;
  errors: number;
  duplicates: number;
  /** Round-trip times of received replies, in µs (empty when not timing). */
  rtts: number[];
  pipesize: number;
  elapsedMs: number;
}

/** finish(): the statistics block after the blank line. */
export function formatStats(target: string, s: PingStats, timing: boolean): string {
  let line = `${s.transmitted} packets transmitted, ${s.received} received`;
  if (s.duplicates) line += `, +${s.duplicates} duplicates`;
  if (s.errors) line += `, +${s.errors} errors`;
  if (s.transmitted) {
    line += `, ${formatG(((s.transmitted - s.received) * 100) / s.transmitted)}% packet loss`;
    line += `, time ${Math.round(s.elapsedMs)}ms`;
  }
  let tail = '';
  let comma = '';
  if (s.received && timing && s.rtts.length > 0) {
    const n = s.rtts.length;
    const sum = s.rtts.reduce((a, b) => a + b, 0);
    const sum2 = s.rtts.reduce((a, b) => a + b * b, 0);
    const avg = Math.floor(sum / n);
    const mdev = Math.floor(Math.sqrt(Math.max(0, sum2 / n - (sum / n) * (sum / n))));
    tail += `rtt min/avg/max/mdev = ${ms3(Math.min(...s.rtts))}/${ms3(avg)}/${ms3(Math.max(...s.rtts))}/${ms3(mdev)} ms`;
    comma = ', ';
  }
  if (s.pipesize > 1) tail += `${comma}pipe ${s.pipesize}`;
  return `\n--- ${target} ping statistics ---\n${line}\n${tail}\n`;
}

/** How ping names an address: numeric, or `name (a.b.c.d)` when the target was a name. */
export function nameOf(addr: IPv4, names: boolean): string {
  const text = formatIPv4(addr);
  if (!names) return text;
  return `${reverseHosts(addr) ?? text} (${text})`;
}

/** The machine's /etc/hosts as the emulated hosts see it. */
const HOSTS: ReadonlyMap<string, IPv4> = new Map([['localhost', 0x7f000001]]);

export const lookupHost = (name: string): IPv4 | undefined => HOSTS.get(name);

function reverseHosts(addr: IPv4): string | undefined {
  for (const [name, a] of HOSTS) if (a === addr) return name;
  return undefined;
}
