import type { Proc } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { ErrnoName } from '../../kernel/errno.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import type { DnsMessage } from '../../net/dns/message.js';
import { decodeMessage } from '../../net/dns/message.js';

/** One try's outcome: the answer with its wire size and round-trip time, or why there is none. */
export type Exchange =
  | { kind: 'answer'; message: DnsMessage; size: number; rttMs: number }
  /** No answer: dig's "communications error" (UDP) or "Connection ... failed" (TCP). */
  | { kind: 'error'; reason: string }
  /** The socket could not even be set up (no route): "UDP setup with ... failed". */
  | { kind: 'setup'; reason: string };

/** isc_result_totext() words for the errors a query can meet. */
export function reasonOf(err: ErrnoName | 'timeout'): string {
  switch (err) {
    case 'timeout':
    case 'ETIMEDOUT':
      return 'timed out';
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'ENETUNREACH':
      return 'network unreachable';
    case 'ECONNRESET':
      return 'connection reset';
    default:
      return 'unexpected error';
  }
}

function matches(reply: Uint8Array, id: number): DnsMessage | null {
  try {
    const m = decodeMessage(reply);
    return m.header.qr && m.header.id === id ? m : null;
  } catch {
    return null;
  }
}

/**
 * A UDP try as dig 9.18's netmgr does it: a connected socket (so an ICMP
 * port unreachable comes back as ECONNREFUSED), sent without DF, one
 * datagram awaited for +timeout seconds.
 */
export async function udpExchange(
  proc: Proc,
  server: IPv4,
  port: number,
  query: Uint8Array,
  id: number,
  timeoutMs: number,
): Promise<Exchange> {
  const sock = new UdpSocket(proc.netns);
  const unkill = proc.onKill(() => sock.close());
  try {
    sock.pmtudiscDont = true;
    const err = sock.connect(server, port);
    if (err) return { kind: 'setup', reason: reasonOf(err) };
    const clock = proc.world.clock;
    const sent = clock.now;
    const sendErr = sock.send(query);
    if (sendErr) return { kind: 'error', reason: reasonOf(sendErr) };
    const deadline = sent + timeoutMs;
    for (;;) {
      const r = await sock.recv(Math.max(0, deadline - clock.now));
      if (r === null) return { kind: 'error', reason: 'timed out' };
      if (typeof r === 'string') return { kind: 'error', reason: reasonOf(r) };
      const message = matches(r.data, id);
      if (message) return { kind: 'answer', message, size: r.data.length, rttMs: clock.now - sent };
    }
  } finally {
    sock.close();
    unkill();
  }
}

/** A TCP try: connect within +timeout, the query with its 2-byte length, the length-prefixed answer. */
export async function tcpExchange(
  proc: Proc,
  server: IPv4,
  port: number,
  query: Uint8Array,
  id: number,
  timeoutMs: number,
): Promise<Exchange> {
  const sock = new TcpSocket(proc.netns);
  const unkill = proc.onKill(() => sock.close());
  try {
    const clock = proc.world.clock;
    const sent = clock.now;
    const err = await sock.connect(server, port, timeoutMs);
    if (err) return { kind: 'error', reason: reasonOf(err) };
    const framed = new Uint8Array(query.length + 2);
    framed.set([query.length >> 8, query.length & 255]);
    framed.set(query, 2);
    const sendErr = sock.send(framed);
    if (sendErr) return { kind: 'error', reason: reasonOf(sendErr) };
    let buf = new Uint8Array(0);
    const deadline = clock.now + timeoutMs;
    for (;;) {
      if (buf.length >= 2 && buf.length >= 2 + ((buf[0] << 8) | buf[1])) {
        const reply = buf.subarray(2, 2 + ((buf[0] << 8) | buf[1]));
        const message = matches(reply, id);
        if (message) return { kind: 'answer', message, size: reply.length, rttMs: clock.now - sent };
        buf = buf.slice(2 + reply.length);
        continue;
      }
      const r = await sock.recv(Math.max(0, deadline - clock.now));
      if (r === null) return { kind: 'error', reason: 'timed out' };
      if (r === 'eof') return { kind: 'error', reason: 'end of file' };
      if (typeof r === 'string') return { kind: 'error', reason: reasonOf(r) };
      const joined = new Uint8Array(buf.length + r.length);
      joined.set(buf);
      joined.set(r, buf.length);
      buf = joined;
    }
  } finally {
    sock.close();
    unkill();
  }
}
