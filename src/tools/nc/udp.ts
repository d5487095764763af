import type { Proc } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { ErrnoName } from '../../kernel/errno.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import type { NcConn } from './readwrite.js';

/** A connected UDP socket as readwrite() sees it: each read is one datagram. */
export function udpConn(sock: UdpSocket): NcConn {
  return {
    send: (data) => sock.send(data),
    recv: async () => {
      const r = await sock.recv();
      if (r === null || typeof r === 'string') return r;
      return r.data;
    },
    shutdownWrite: () => {},
    close: () => sock.close(),
  };
}

/** socket + optional bind (-s, -p) + connect, as netcat's remote_connect does for UDP. */
export function udpConnect(
  proc: Proc,
  src: IPv4 | null,
  sport: number | null,
  dst: IPv4,
  dport: number,
): { ok: true; sock: UdpSocket } | { ok: false; stage: 'bind' | 'connect'; error: ErrnoName } {
  const sock = new UdpSocket(proc.netns);
  if (src !== null || sport !== null) {
    const err = sock.bind(src ?? 0, sport ?? 0);
    if (err) return (sock.close(), { ok: false, stage: 'bind', error: err });
  }
  const err = sock.connect(dst, dport);
  if (err) return (sock.close(), { ok: false, stage: 'connect', error: err });
  return { ok: true, sock };
}

/**
 * udptest(): with -v, netcat writes a probe byte ("X") right after
 * connecting, then one more each second up to -w seconds (at most 3); a
 * write failing with ECONNREFUSED (the ICMP port unreachable an earlier
 * probe drew) means the port is closed. Any other error (a host or
 * admin-prohibited ICMP error: EHOSTUNREACH) fails only the first write;
 * later it just costs that probe, which the kernel never sends. Measured
 * on Debian 1.219: probes at 0, 0, 1, 2, 3 s without -w.
 */
export async function udptest(proc: Proc, sock: UdpSocket, timeoutMs: number | null): Promise<boolean> {
  const X = new Uint8Array([0x58]);
  if (sock.send(X)) return false;
  await settle(proc);
  const last = Math.min(3, timeoutMs === null ? 3 : Math.floor(timeoutMs / 1000));
  for (let second = 0; second <= last; second++) {
    if (second > 0) await proc.sleep(1000);
    if (sock.send(X) === 'ECONNREFUSED') return false;
    await settle(proc);
  }
  return true;
}

/**
 * On real Linux a datagram to a veth peer is processed, and its ICMP error
 * received, in softirq before sendto() returns; here the hops are events at
 * the current virtual time. Letting them run keeps the next write's errno
 * (and so the number of probes on the wire) as Linux has it.
 */
export async function settle(proc: Proc): Promise<void> {
  for (let i = 0; i < 8; i++) await proc.sleep(0);
}
