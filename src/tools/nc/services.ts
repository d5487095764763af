import type { Proc } from '../process.js';

/**
 * getservbyport as netcat calls it for `Connection to ... [tcp/NAME]`:
 * the first /etc/services entry for the port and protocol, or `*`. The
 * real nc reads the host's file, so the emulation does too.
 */
export function serviceName(proc: Proc, port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (numeric) return '*';
  const text = proc.readFile('/etc/services') ?? '';
  for (const line of text.split('\n')) {
    const m = /^([^\s#]+)\s+(\d+)\/(\w+)/.exec(line);
    if (m && Number(m[2]) === port && m[3] === proto) return m[1];
  }
  return '*';
}

/**
 * getservbyname as build_ports and the -p option use it: a port argument
 * that names a service of the protocol (an alias too) stands for its number.
 */
export function serviceNumber(proc: Proc, name: string, proto: 'tcp' | 'udp'): number | null {
  const text = proc.readFile('/etc/services') ?? '';
  for (const line of text.split('\n')) {
    const m = /^([^\s#]+)\s+(\d+)\/(\w+)([^#]*)/.exec(line);
    if (!m || m[3] !== proto) continue;
    if (m[1] === name || m[4].trim().split(/\s+/).includes(name)) return Number(m[2]);
  }
  return null;
}
