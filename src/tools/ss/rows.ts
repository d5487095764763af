import type { Proc } from '../process.js';
import { formatIPv4 } from '../../net/ipv4.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { TcpSocket, TcpTimer } from '../../kernel/socket/tcp.js';
import type { UdpSocket } from '../../kernel/socket/udp.js';
import { localPortRange } from '../../kernel/socket/ports.js';
import { socketOwners } from '../../kernel/socket/owner.js';
import { serviceName } from '../nc/services.js';
import type { Row } from './render.js';
import { SS, STATE_NAME, TCP_SS } from './states.js';
import { socketIds } from './ids.js';
import { tcpInfoText } from './info.js';
import { tcpDiag } from '../../kernel/socket/diag.js';

/** What the extra columns show: -p, -o (or -e), -e, -i. */
export interface Shown {
  readonly numeric: boolean;
  readonly users: boolean;
  readonly options: boolean;
  readonly details: boolean;
  readonly info: boolean;
}

/** The SS_* state ss files a socket under. */
export const udpSsState = (s: UdpSocket): number => (s.state === 'ESTAB' ? SS.ESTABLISHED : SS.CLOSE);
export const tcpSsState = (s: TcpSocket): number => TCP_SS[s.state];

/** resolve_service: `*` for port 0, numbers for -n and for ephemeral ports, else /etc/services. */
function service(proc: Proc, port: number, proto: 'tcp' | 'udp', numeric: boolean): string {
  if (port === 0) return '*';
  const [low, high] = localPortRange(proc.netns);
  if (numeric || (port >= low && port <= high)) return String(port);
  const name = serviceName(proc, port, proto, false);
  return name === '*' ? String(port) : name;
}

/** print_ms_timer. */
export function msTimer(timeout: number): string {
  let secs = Math.floor(timeout / 1000);
  const minutes = Math.floor(secs / 60);
  secs %= 60;
  let msecs = timeout % 1000;
  let out = '';
  if (minutes) {
    msecs = 0;
    out = `${minutes}min`;
    if (minutes > 9) secs = 0;
  }
  if (secs) {
    if (secs > 9) msecs = 0;
    out += `${secs}${msecs ? '.' : 'sec'}`;
  }
  if (msecs) out += `${String(msecs).padStart(3, '0')}ms`;
  return out;
}

function timerText(proc: Proc, t: TcpTimer): string {
  const left = Math.max(0, Math.round(t.expires - proc.world.clock.now));
  return ` timer:(${t.kind},${msTimer(left)},${t.retrans})`;
}

function usersText(sock: object): string {
  const owners = socketOwners(sock);
  if (owners.length === 0) return '';
  // find_entry walks a hash chain built by head insertion: the last process found comes first.
  const list = [...owners].reverse().map((o) => `("${o.comm}",pid=${o.pid},fd=${o.fd})`);
  return ` users:(${list.join(',')})`;
}

interface Common {
  readonly netid: 'tcp' | 'udp';
  readonly state: number;
  readonly recvQ: number;
  readonly sendQ: number;
  readonly localAddr: IPv4;
  readonly localPort: number;
  readonly remoteAddr: IPv4;
  readonly remotePort: number;
}

function row(proc: Proc, c: Common, shown: Shown, extra: string): Row {
  return {
    netid: c.netid,
    state: STATE_NAME[c.state],
    recvq: String(c.recvQ).padEnd(6),
    sendq: String(c.sendQ).padEnd(6),
    addr: `${formatIPv4(c.localAddr)}:`,
    serv: service(proc, c.localPort, c.netid, shown.numeric),
    raddr: `${formatIPv4(c.remoteAddr)}:`,
    rserv: service(proc, c.remotePort, c.netid, shown.numeric),
    proc: extra,
  };
}

/** inet_show_sock for a UDP socket. */
export function udpRow(proc: Proc, s: UdpSocket, shown: Shown): Row {
  let extra = shown.users ? usersText(s) : '';
  if (shown.details) {
    const ids = socketIds(proc.world, s);
    extra += ` ino:${ids.ino} sk:${ids.cookie.toString(16)} <->`;
  }
  const common: Common = {
    netid: 'udp',
    state: udpSsState(s),
    recvQ: s.recvQueueBytes,
    sendQ: 0,
    localAddr: s.localAddr,
    localPort: s.localPort,
    remoteAddr: s.remoteAddr,
    remotePort: s.remotePort,
  };
  return row(proc, common, shown, extra);
}

/** inet_show_sock + tcp_show_info for a TCP socket (or a TIME-WAIT/SYN-RECV minisock). */
export function tcpRow(proc: Proc, s: TcpSocket, shown: Shown): Row {
  const mini = s.state === 'TIME-WAIT' || s.state === 'SYN-RECV';
  let extra = shown.users ? usersText(s) : '';
  if ((shown.options || shown.details) && s.timer) extra += timerText(proc, s.timer);
  if (shown.details) {
    const ids = socketIds(proc.world, s);
    extra += mini
      ? ` ino:0 sk:${ids.cookie.toString(16)}`
      : ` ino:${ids.ino} sk:${ids.cookie.toString(16)} <->`;
  }
  // inet_show_sock: every TCP socket gets the line, empty for a minisocket.
  if (shown.info)
    extra += '\n\t' + tcpInfoText(tcpDiag(s), s.state === 'LISTEN', shown.options, shown.numeric);
  const common: Common = {
    netid: 'tcp',
    state: tcpSsState(s),
    recvQ: s.recvQueueBytes,
    sendQ: s.sendQueueBytes,
    localAddr: s.localAddr,
    localPort: s.localPort,
    remoteAddr: s.remoteAddr,
    remotePort: s.remotePort,
  };
  return row(proc, common, shown, extra);
}
