import type { Proc } from '../process.js';
import type { ErrnoName } from '../../kernel/errno.js';
import type { NcOptions } from './args.js';
import { settle } from './udp.js';

/** One connected socket as netcat's readwrite() uses it (a TCP stream or a connected UDP socket). */
export interface NcConn {
  send(data: Uint8Array): ErrnoName | null;
  /** The next bytes read, 'eof', an error, or null once the socket is closed. */
  recv(): Promise<Uint8Array | 'eof' | ErrnoName | null>;
  /** shutdown(SHUT_WR) (-N after stdin EOF). */
  shutdownWrite(): void;
  close(): void;
}

type Event =
  | { from: 'stdin'; text: string | null }
  | { from: 'net'; data: Uint8Array | 'eof' | ErrnoName | null }
  | { from: 'timer' };

/**
 * readwrite(): copies stdin to the socket and the socket to stdout until
 * both inputs are gone (or, listening, the network side is), -q seconds
 * after stdin EOF, or after -w of idleness. Returns when the socket is closed.
 */
export async function readwrite(proc: Proc, conn: NcConn, options: NcOptions): Promise<void> {
  const clock = proc.world.clock;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let stdinOpen = true;
  let netOpen = true;
  let quitAt: number | null = null;
  let stdinP: Promise<Event> | null = null;
  let netP: Promise<Event> | null = null;
  for (;;) {
    if (!stdinOpen && !netOpen) break;
    if (options.listen && !netOpen) break;
    if (quitAt !== null && clock.now >= quitAt) break;
    if (stdinOpen && !stdinP) stdinP = proc.stdin.read().then((text) => ({ from: 'stdin', text }));
    if (netOpen && !netP) netP = conn.recv().then((data) => ({ from: 'net', data }));
    const deadlines = [quitAt, options.timeoutMs === null ? null : clock.now + options.timeoutMs];
    const until = Math.min(...deadlines.map((d) => d ?? Infinity));
    let resolveTimer: (e: Event) => void = () => {};
    const timerP = new Promise<Event>((r) => (resolveTimer = r));
    const timer =
      until === Infinity ? null : clock.schedule(until - clock.now, () => resolveTimer({ from: 'timer' }));
    const event = await Promise.race([stdinP, netP, timerP].filter((p): p is Promise<Event> => p !== null));
    timer?.cancel();
    if (event.from === 'timer') {
      // poll() timed out with -w: netcat returns.
      if (quitAt === null || clock.now < quitAt) break;
      continue;
    }
    if (event.from === 'stdin') {
      stdinP = null;
      if (event.text === null) {
        stdinOpen = false;
        if (options.shutdownOnEof) conn.shutdownWrite();
        if (options.quit === 0) break;
        if (options.quit > 0) quitAt = clock.now + options.quit * 1000;
      } else {
        conn.send(encoder.encode(event.text));
        await settle(proc);
      }
      continue;
    }
    netP = null;
    const data = event.data;
    if (data instanceof Uint8Array) proc.stdout.write(decoder.decode(data, { stream: true }));
    else netOpen = false;
  }
  conn.close();
}
