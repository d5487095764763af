import type { Proc } from '../process.js';
import { RT_TABLE_MAIN } from '../../kernel/route/route.js';
import type { Route } from '../../kernel/route/route.js';
import { formatIPv4, maskOf } from '../../net/ipv4.js';
import { hostName, netName } from './names.js';

/**
 * netstat -r: /proc/net/route (the main table, without broadcast and
 * multicast routes, in trie order) as net-tools' rprint_fib prints it.
 * Unreachable and prohibit routes carry RTF_REJECT and print as `!` rows.
 */
export function routeTable(
  proc: Proc,
  numeric: boolean,
  ext: number,
  wide: boolean,
): { text: string; status: number } {
  const main = proc.netns.fib.table(RT_TABLE_MAIN);
  const routes = (main?.list() ?? []).filter((r) => r.type !== 'broadcast' && r.type !== 'multicast');
  let out = 'Kernel IP routing table\n';
  const cols = 'Destination     Gateway         Genmask         ';
  if (ext === 0) out += `${cols}Flags   MSS Window  irtt Iface\n`;
  else if (ext === 1) out += `${cols}Flags Metric Ref    Use Iface\n`;
  else out += `${cols}Flags Metric Ref    Use Iface    MSS   Window irtt\n`;
  for (const r of routes) out += routeLine(proc, r, numeric, ext, wide);
  // Before the main table exists /proc/net/route is empty, without its title line: netstat exits 1.
  return { text: out, status: main ? 0 : 1 };
}

function routeLine(proc: Proc, r: Route, numeric: boolean, ext: number, wide: boolean): string {
  const reject = r.type === 'unreachable' || r.type === 'prohibit';
  const cut = (s: string) => (wide ? s : s.slice(0, 15)).padEnd(15);
  const dest =
    r.len === 0 && !numeric
      ? 'default'
      : r.len === 32
        ? hostName(proc, r.dst, numeric)
        : netName(proc, r.dst, numeric);
  const gw = reject ? '-' : r.gateway === null ? '0.0.0.0' : hostName(proc, r.gateway, numeric);
  let flags = reject ? '!' : 'U';
  if (!reject && r.gateway !== null) flags += 'G';
  if (!reject && r.len === 32) flags += 'H';
  const iface = reject ? '-' : (r.dev?.name ?? '*');
  const dash = (n: number) => (reject ? '-' : String(n));
  let s = `${cut(dest)} ${cut(gw)} ${cut(formatIPv4(maskOf(r.len)))} `;
  if (ext === 0)
    s += `${flags.padEnd(5)} ${dash(0).padStart(5)} ${dash(0).padEnd(6)} ${dash(0).padStart(5)} ${iface}`;
  else {
    s += `${flags.padEnd(5)} ${String(r.priority).padEnd(6)} ${dash(0).padEnd(2)} ${'0'.padStart(7)} `;
    s += ext === 1 ? iface : `${iface.padEnd(8)} ${dash(0).padEnd(5)} ${dash(0).padEnd(6)} ${dash(0)}`;
  }
  return `${s}\n`;
}
