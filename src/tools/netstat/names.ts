import type { Proc } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import { formatIPv4, parseIPv4 } from '../../net/ipv4.js';

/**
 * The names netstat prints without -n: hosts from /etc/hosts, networks
 * from /etc/networks (the emulated machine has no DNS, and the real
 * lookups in a fresh namespace fail fast), ports from /etc/services.
 */
function lookup(proc: Proc, file: string, addr: IPv4): string | null {
  const text = proc.readFile(file) ?? '';
  for (const line of text.split('\n')) {
    const words = line.replace(/#.*/, '').trim().split(/\s+/);
    if (words.length < 2) continue;
    // /etc/hosts is "ADDR NAME...", /etc/networks "NAME NET" (a network may omit trailing .0s).
    const [a, name] = file === '/etc/hosts' ? [words[0], words[1]] : [padNet(words[1]), words[0]];
    if (parseIPv4(a) === addr) return name;
  }
  return null;
}

const padNet = (net: string): string => [...net.split('.'), '0', '0', '0'].slice(0, 4).join('.');

export const hostName = (proc: Proc, addr: IPv4, numeric: boolean): string =>
  (!numeric && addr !== 0 && lookup(proc, '/etc/hosts', addr)) || formatIPv4(addr);

export const netName = (proc: Proc, addr: IPv4, numeric: boolean): string =>
  (!numeric && addr !== 0 && lookup(proc, '/etc/networks', addr)) || formatIPv4(addr);

/** get_sname: `*` for port 0, else the /etc/services name unless numeric. */
export function portName(proc: Proc, port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (port === 0) return '*';
  if (numeric) return String(port);
  const text = proc.readFile('/etc/services') ?? '';
  for (const line of text.split('\n')) {
    const m = /^([^\s#]+)\s+(\d+)\/(\w+)/.exec(line);
    if (m && Number(m[2]) === port && m[3] === proto) return m[1];
  }
  return String(port);
}
