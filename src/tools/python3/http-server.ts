import { posix } from 'node:path';
import type { Proc } from '../process.js';
import { Killed } from '../process.js';
import { formatIPv4 } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { inetAton } from '../ping.js';
import { settle } from '../nc/udp.js';
import { parseHttpServerArgs } from './args.js';
import type { HttpServerOptions } from './args.js';
import type { FileView } from './handler.js';
import { Handler } from './handler.js';
import { httpDate, logDate } from './http-date.js';

/** The interpreter podpath stands for: Debian 12's python3 (its version is normalized in conformance). */
export const PYTHON_VERSION = '3.11.2';
const SERVER = `SimpleHTTP/0.6 Python/${PYTHON_VERSION}`;
/** socketserver.TCPServer.request_queue_size. */
const BACKLOG = 5;
const SIGINT = 2;

/** How the server names its socket and its clients (dual-stack `::` or IPv4). */
interface Family {
  readonly v6: boolean;
  host(addr: IPv4): string;
}

const IPV4: Family = { v6: false, host: formatIPv4 };
/** An IPv6 socket with IPV6_V6ONLY off: IPv4 clients appear as mapped addresses. */
const DUAL_STACK: Family = { v6: true, host: (a) => (a === 0 ? '::' : `::ffff:${formatIPv4(a)}`) };

/**
 * `python3 -m http.server`: ThreadingHTTPServer with SimpleHTTPRequestHandler,
 * serving the shell's files (those the script wrote, over the host's, read-only).
 */
export async function httpServer(proc: Proc, argv: readonly string[]): Promise<number> {
  const parsed = parseHttpServerArgs(argv);
  if (!parsed.ok) {
    proc.stdout.write(parsed.stdout);
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const options = parsed.options;
  const family = options.bind === null ? defaultFamily(proc) : IPV4;
  const addr = options.bind === null ? 0 : inetAton(options.bind);
  if (addr === null) {
    proc.stderr.write(traceback('socket.gaierror: [Errno -2] Name or service not known'));
    return 1;
  }
  const listener = new TcpSocket(proc.netns);
  // HTTPServer.allow_reuse_address.
  listener.reuseAddr = true;
  const err = listener.bind(addr, options.port) ?? listener.listen(BACKLOG);
  if (err) {
    listener.close();
    proc.stderr.write(traceback(`OSError: [Errno ${ERRNO[err].errno}] ${ERRNO[err].message}`));
    return 1;
  }
  const host = family.host(listener.localAddr);
  const urlHost = family.v6 ? `[${host}]` : host;
  const stdout = pythonStdout(proc);
  stdout.write(
    `Serving HTTP on ${host} port ${listener.localPort} (http://${urlHost}:${listener.localPort}/) ...\n`,
  );
  const conns = new Set<TcpSocket>();
  let signal = 0;
  const unkill = proc.onKill((s) => {
    signal = s;
    listener.close();
    for (const c of conns) c.close();
  });
  const directory = posix.resolve(proc.cwd, options.directory ?? '.');
  try {
    for (;;) {
      const conn = await listener.accept();
      if (!conn) break;
      conns.add(conn);
      // One thread per request: the accept loop goes on while it is served.
      void serve(proc, conn, family, directory, options).finally(() => conns.delete(conn));
    }
  } finally {
    unkill();
  }
  if (signal === SIGINT) {
    stdout.write('\nKeyboard interrupt received, exiting.\n');
    stdout.flush();
    return 0;
  }
  // Killed by another signal: what sat in the stdout buffer is lost.
  return 128 + signal;
}

/**
 * sys.stdout off a terminal: block-buffered (so `Serving HTTP on ...` is
 * lost when a signal kills the server, measured), unless PYTHONUNBUFFERED.
 */
function pythonStdout(proc: Proc): { write(text: string): void; flush(): void } {
  if (proc.env.get('PYTHONUNBUFFERED')) return { write: (t) => proc.stdout.write(t), flush() {} };
  let buffer = '';
  return {
    write: (t) => void (buffer += t),
    flush() {
      if (buffer) proc.stdout.write(buffer);
      buffer = '';
    },
  };
}

/** getaddrinfo(None, port, AI_PASSIVE) puts 0.0.0.0 first once loopback is up, `::` otherwise (measured). */
function defaultFamily(proc: Proc): Family {
  return proc.netns.linkByName('lo')?.adminUp ? IPV4 : DUAL_STACK;
}

function traceback(last: string): string {
  return `Traceback (most recent call last):\n  File "/usr/lib/python3.11/socketserver.py", line 472, in server_bind\n    self.socket.bind(self.server_address)\n${last}\n`;
}

/** The shell's files as the handler reads them. */
function fileView(proc: Proc): FileView {
  return {
    read: (path) => proc.readFile(path),
    list: (path) => proc.listDir?.(path) ?? null,
  };
}

const HEADER_END = /\r?\n\r?\n/;
const latin1 = new TextDecoder('latin1');
const encodeLatin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** One connection: requests until close_connection, then shutdown(SHUT_WR) and close (shutdown_request). */
async function serve(
  proc: Proc,
  conn: TcpSocket,
  family: Family,
  directory: string,
  options: HttpServerOptions,
): Promise<void> {
  const client = family.host(conn.remoteAddr);
  let pending = '';
  try {
    for (;;) {
      while (!HEADER_END.test(pending)) {
        const data = await conn.recv();
        if (!(data instanceof Uint8Array)) break;
        pending += latin1.decode(data);
      }
      const end = pending.search(HEADER_END);
      const raw = end < 0 ? pending : pending.slice(0, end);
      pending = end < 0 ? '' : pending.slice(end).replace(HEADER_END, '');
      const now = proc.world.clock.now;
      const ex = new Handler({
        files: fileView(proc),
        directory,
        protocol: options.protocol,
        server: SERVER,
        date: httpDate(now),
      }).handle(raw);
      for (const message of ex.logs) proc.stderr.write(`${client} - - [${logDate(now)}] ${message}\n`);
      if (ex.head) conn.send(encodeLatin1(ex.head));
      if (ex.body.length > 0) conn.send(ex.body);
      if (ex.close || raw === '') break;
    }
    conn.shutdownWrite();
    await settle(proc);
  } catch (e) {
    if (!(e instanceof Killed)) throw e;
  } finally {
    conn.close();
  }
}
