/**
 * The applications in a pod's containers, as far as the network sees them:
 * every declared containerPort is a socket listening on all addresses of
 * the sandbox (what a server does with `listen(":PORT")`), so traffic to it
 * is delivered and other ports answer as a pod with nothing there (RST,
 * port unreachable). TCP connections are accepted and read until the peer
 * closes; datagrams are read and dropped. What the application answers is
 * not modelled yet: this file is the seam for it. SCTP ports get no socket
 * (the kernel has no SCTP yet).
 */
import type { Pod, Protocol } from '../api/core-v1.js';
import type { Netns } from '../../kernel/netns.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { UdpSocket } from '../../kernel/socket/udp.js';

/** net.core.somaxconn's default, the backlog Go's net.Listen asks for. */
const SOMAXCONN = 4096;

export interface Listener {
  readonly container: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** Null when the protocol has no socket support (SCTP). */
  readonly socket: TcpSocket | UdpSocket | null;
}

export function startListeners(netns: Netns, pod: Pod): Listener[] {
  const listeners: Listener[] = [];
  for (const c of pod.spec.containers)
    for (const p of c.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      const socket =
        protocol === 'TCP'
          ? listenTcp(netns, p.containerPort)
          : protocol === 'UDP'
            ? bindUdp(netns, p.containerPort)
            : null;
      listeners.push({ container: c.name, port: p.containerPort, protocol, socket });
    }
  return listeners;
}

function listenTcp(netns: Netns, port: number): TcpSocket {
  const sock = new TcpSocket(netns);
  const err = sock.bind(0, port) ?? sock.listen(SOMAXCONN);
  if (err) throw new Error(`listen tcp :${port}: ${err}`);
  void acceptLoop(sock);
  return sock;
}

async function acceptLoop(sock: TcpSocket): Promise<void> {
  for (let conn = await sock.accept(); conn; conn = await sock.accept()) void readUntilClosed(conn);
}

async function readUntilClosed(conn: TcpSocket): Promise<void> {
  for (;;) {
    const data = await conn.recv();
    if (!(data instanceof Uint8Array)) return conn.close();
  }
}

function bindUdp(netns: Netns, port: number): UdpSocket {
  const sock = new UdpSocket(netns);
  const err = sock.bind(0, port);
  if (err) throw new Error(`listen udp :${port}: ${err}`);
  void drainUdp(sock);
  return sock;
}

async function drainUdp(sock: UdpSocket): Promise<void> {
  for (let d = await sock.recv(); d !== null && typeof d !== 'string'; d = await sock.recv());
}
