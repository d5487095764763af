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
