import type { IPv4 } from '../../net/ipv4.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import type { NcRun } from './main.js';
import { listenAddr, own } from './main.js';
import { report, succeeded } from './report.js';
import type { NcConn } from './readwrite.js';
import { readwrite } from './readwrite.js';

/** A TCP stream as readwrite() sees it. */
function tcpConn(sock: TcpSocket): NcConn {
  return {
    send: (data) => sock.send(data),
    recv: () => sock.recv(),
    shutdownWrite: () => sock.shutdownWrite(),
    close: () => sock.close(),
  };
}

/** remote_connect + the per-port part of main(): connect, report, then -z or readwrite. */
export async function tcpClient(run: NcRun, dst: IPv4, port: number): Promise<boolean | 'fatal'> {
  const { proc, options } = run;
  const sock = new TcpSocket(proc.netns);
  own(run, sock, 3);
  run.onKill(() => sock.close());
  if (run.src !== null || options.sourcePort !== null) {
    sock.reuseAddr = true;
    const err = sock.bind(run.src ?? 0, options.sourcePort ?? 0);
    if (err) {
      sock.close();
      proc.stderr.write(`nc: bind failed: ${ERRNO[err].message}\n`);
      return 'fatal';
    }
  }
  const r = await sock.connect(dst, port, options.timeoutMs ?? Infinity);
  if (r !== null) {
    sock.close();
    if (options.verbose) {
      const how = r === 'timeout' ? `timed out: ${ERRNO.EINPROGRESS.message}` : `failed: ${ERRNO[r].message}`;
      proc.stderr.write(`nc: connect to ${options.host} port ${port} (tcp) ${how}\n`);
    }
    return false;
  }
  if (options.verbose) succeeded(run, options.host ?? '', port, 'tcp');
  if (options.zero) {
    sock.close();
    return true;
  }
  await readwrite(proc, tcpConn(sock), options);
  return true;
}

/** The -l side: bind, listen, accept one connection (or one after another with -k). */
export async function tcpListen(run: NcRun): Promise<number> {
  const { proc, options } = run;
  const sock = new TcpSocket(proc.netns);
  // local_listen sets SO_REUSEADDR and SO_REUSEPORT: a second `nc -l` on the port binds too.
  sock.reuseAddr = true;
  sock.reusePort = true;
  own(run, sock, 3);
  run.onKill(() => sock.close());
  const err = sock.bind(listenAddr(run), options.ports[0]) ?? sock.listen(1);
  if (err) {
    sock.close();
    proc.stderr.write(`nc: ${ERRNO[err].message}\n`);
    return 1;
  }
  if (options.verbose) report(run, `Listening on ${formatIPv4(sock.localAddr)} ${sock.localPort}`);
  for (;;) {
    const conn = await sock.accept();
    if (!conn) return 1;
    own(run, conn, 4);
    run.onKill(() => conn.close());
    if (options.verbose)
      report(run, `Connection received on ${formatIPv4(conn.remoteAddr)} ${conn.remotePort}`);
    await readwrite(proc, tcpConn(conn), options);
    if (!options.keep) break;
  }
  sock.close();
  return 0;
}
