import type { Netns } from '../../kernel/netns.js';
import { tcpTable } from '../../kernel/socket/tcp.js';
import { udpTable } from '../../kernel/socket/udp.js';

/**
 * print_summary (ss -s), from /proc/net/sockstat and /proc/net/snmp of the
 * namespace. On Linux the `Total:` line counts every socket of the
 * namespace (netlink ones included) and the `TCP:` total and orphan counts
 * are machine-wide; podpath counts the namespace's TCP and UDP sockets only.
 */
export function summary(netns: Netns): string {
  const tcp = [...tcpTable(netns).sockets];
  const tw = tcp.filter((s) => s.state === 'TIME-WAIT').length;
  const hashed = tcp.filter((s) => s.state !== 'TIME-WAIT' && s.state !== 'CLOSE').length;
  const alloc = tcp.length - tw;
  const estab = tcp.filter((s) => s.state === 'ESTABLISHED' || s.state === 'CLOSE-WAIT').length;
  const udp = udpTable(netns).sockets.size;
  const line = (name: string, v4: number) =>
    `${name}\t  ${String(v4).padEnd(9)} ${String(v4).padEnd(9)} ${'0'.padEnd(9)}\n`;
  return (
    `Total: ${hashed + udp}\n` +
    `TCP:   ${alloc} (estab ${estab}, closed ${alloc - (hashed - tw)}, orphaned 0, timewait ${tw})\n` +
    '\n' +
    'Transport Total     IP        IPv6\n' +
    line('RAW', 0) +
    line('UDP', udp) +
    line('TCP', hashed) +
    line('INET', hashed + udp) +
    line('FRAG', 0) +
    '\n'
  );
}
