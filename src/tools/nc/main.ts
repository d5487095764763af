import type { Command, Proc } from '../process.js';
import { Killed } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { inetAton } from '../ping.js';
import { parseNcArgs } from './args.js';
import type { NcOptions } from './args.js';
import { addSocketOwner } from '../../kernel/socket/owner.js';
import { readwrite } from './readwrite.js';
import { report, succeeded } from './report.js';
import { settle, udpConn, udpConnect, udptest } from './udp.js';
import { tcpClient, tcpListen } from './tcp.js';
import { serviceNumber } from './services.js';

/** What a run needs besides its options: the process and the resolved addresses. */
export interface NcRun {
  readonly proc: Proc;
  readonly options: NcOptions;
  readonly src: IPv4 | null;
  /** Cleanup registered for a kill (closing the open socket). */
  onKill(cb: () => void): void;
}

/**
 * Records that this nc holds `sock` as file descriptor `fd` (3 for its first
 * socket, 4 for a connection a listener accepted), for `ss -p`; the
 * kernel forgets the owner when the socket is closed.
 */
export function own(run: NcRun, sock: object, fd: number): void {
  addSocketOwner(sock, { comm: 'nc', pid: run.proc.pid ?? 0, fd });
}

/** netcat-openbsd (Debian 1.219): TCP or UDP client and server. */
export const nc: Command = async (proc) => {
  const parsed = parseNcArgs(proc.argv.slice(1), (name, proto) => serviceNumber(proc, name, proto));
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const options = parsed.options;
  let src: IPv4 | null = null;
  if (options.sourceAddr !== null) {
    src = inetAton(options.sourceAddr);
    if (src === null) {
      proc.stderr.write(`nc: getaddrinfo: Name or service not known\n`);
      return 1;
    }
  }
  const cleanups: (() => void)[] = [];
  let signal = 0;
  const unkill = proc.onKill((s) => {
    signal = s;
    for (const cb of cleanups) cb();
  });
  const run: NcRun = { proc, options, src, onKill: (cb) => cleanups.push(cb) };
  try {
    const status = options.listen ? await listen(run) : await connect(run);
    if (signal) return 128 + signal;
    // What the last close() sent is processed by the peer before nc's exit is seen (softirq on real Linux).
    await settle(proc);
    return status;
  } catch (e) {
    if (e instanceof Killed) return 128 + e.signal;
    throw e;
  } finally {
    unkill();
  }
};

async function listen(run: NcRun): Promise<number> {
  if (!run.options.udp) return tcpListen(run);
  const { proc, options } = run;
  const sock = new UdpSocket(proc.netns);
  own(run, sock, 3);
  run.onKill(() => sock.close());
  sock.reuseAddr = true;
  sock.reusePort = true;
  const err = sock.bind(listenAddr(run), options.ports[0]);
  if (err) {
    sock.close();
    proc.stderr.write(`nc: ${ERRNO[err].message}\n`);
    return 1;
  }
  if (options.verbose) report(run, `Bound on ${formatIPv4(sock.localAddr)} ${sock.localPort}`);
  if (options.keep) {
    // "For UDP and -k, don't connect the socket, let it receive datagrams from multiple socket pairs."
    await readwrite(proc, udpConn(sock), options);
    return 0;
  }
  // recvfrom(MSG_PEEK) then connect(): the first sender becomes the only peer.
  const first = await sock.recv(Infinity, true);
  if (first === null || typeof first === 'string') return 1;
  sock.connect(first.from, first.port);
  if (options.verbose) report(run, `Connection received on ${formatIPv4(first.from)} ${first.port}`);
  await readwrite(proc, udpConn(sock), options);
  return 0;
}

/** The address a listener binds: `nc -l HOST PORT`, else -s, else the wildcard. */
export function listenAddr(run: NcRun): IPv4 {
  return (run.options.host !== null ? inetAton(run.options.host) : null) ?? run.src ?? 0;
}

async function connect(run: NcRun): Promise<number> {
  const { proc, options } = run;
  const host = options.host ?? '';
  const dst = inetAton(host);
  if (dst === null) {
    proc.stderr.write(
      `nc: getaddrinfo for host "${host}" port ${options.ports[0]}: Name or service not known\n`,
    );
    return 1;
  }
  // main()'s ret: a connected port makes it 0, a failed UDP probe 1 again; a port that
  // does not connect leaves it as it was (measured: `nc -z 8080-8083` with 8081 closed exits 0).
  let status = 1;
  for (const port of options.ports) {
    const ok = options.udp ? await udpOne(run, dst, port) : await tcpClient(run, dst, port);
    if (ok === 'fatal') return 1;
    if (ok === true) status = 0;
    else if (ok === 'probe-failed') status = 1;
  }
  return status;
}

async function udpOne(run: NcRun, dst: IPv4, port: number): Promise<boolean | 'fatal' | 'probe-failed'> {
  const { proc, options } = run;
  const c = udpConnect(proc, run.src, options.sourcePort, dst, port);
  if (!c.ok) {
    if (c.stage === 'bind') {
      proc.stderr.write(`nc: bind failed: ${ERRNO[c.error].message}\n`);
      return 'fatal';
    }
    if (options.verbose)
      proc.stderr.write(
        `nc: connect to ${options.host} port ${port} (udp) failed: ${ERRNO[c.error].message}\n`,
      );
    return false;
  }
  const sock = c.sock;
  own(run, sock, 3);
  run.onKill(() => sock.close());
  if (options.verbose) {
    if (!(await udptest(proc, sock, options.timeoutMs))) {
      sock.close();
      return 'probe-failed';
    }
    succeeded(run, options.host ?? '', port, 'udp');
  }
  if (options.zero) {
    sock.close();
    return true;
  }
  await readwrite(proc, udpConn(sock), options);
  return true;
}
