import type { Proc } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import type { TcpState } from '../../kernel/socket/tcp.js';
import { tcpDumpOrder, udpDumpOrder } from '../../kernel/socket/diag.js';
import { socketOwners } from '../../kernel/socket/owner.js';
import { socketIds } from '../ss/ids.js';
import { hostName, portName } from './names.js';

export interface InetOptions {
  readonly all: boolean;
  readonly listening: boolean;
  readonly numericHosts: boolean;
  readonly numericPorts: boolean;
  readonly wide: boolean;
  readonly programs: boolean;
  readonly timers: boolean;
  /** -e: the User and Inode columns. */
  readonly extend: boolean;
  readonly numericUsers: boolean;
  readonly tcp: boolean;
  readonly udp: boolean;
}

/** tcp_state names of /proc/net/tcp as netstat prints them. */
const TCP_STATE: Record<TcpState, string> = {
  ESTABLISHED: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  CLOSE: 'CLOSE',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

/** "Active Internet connections (...)" and the column header. */
export function inetHeader(o: InetOptions): string {
  const which = o.all ? 'servers and established' : o.listening ? 'only servers' : 'w/o servers';
  let head = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
  if (o.extend) head += ' User       Inode     ';
  if (o.programs) head += ' PID/Program name    ';
  if (o.timers) head += ' Timer';
  return `Active Internet connections (${which})\n${head}\n`;
}

/** ADDR:PORT, the address cut so that both fit in 22 characters unless -W. */
function endpoint(proc: Proc, o: InetOptions, addr: IPv4, port: number, proto: 'tcp' | 'udp'): string {
  const p = portName(proc, port, proto, o.numericPorts);
  let a = hostName(proc, addr, o.numericHosts);
  if (!o.wide && a.length + p.length > 22) a = a.slice(0, Math.max(0, 22 - p.length));
  return `${a}:${p}`;
}

function line(proto: string, rq: number, sq: number, local: string, remote: string, state: string): string {
  return `${proto.padEnd(4)}  ${String(rq).padStart(6)} ${String(sq).padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(11)}`;
}

/**
 * finish_this_one: the -e, -p and -o columns and the newline. Every process
 * here runs as root; a TIME-WAIT or request minisocket has no inode (0).
 */
function finish(proc: Proc, o: InetOptions, sock: object, timer: string, mini = false): string {
  let s = '';
  if (o.extend) {
    const ino = mini ? 0 : socketIds(proc.world, sock).ino;
    s += ` ${(o.numericUsers ? '0' : 'root').padEnd(10)} ${String(ino).padEnd(10)}`;
  }
  if (o.programs) {
    const owner = socketOwners(sock)[0];
    s += ` ${(owner ? `${owner.pid}/${owner.comm}` : '-').padEnd(20)}`;
  }
  if (o.timers) s += ` ${timer}`;
  return `${s}\n`;
}

/** tcp_do_one for every line of /proc/net/tcp (listeners, then the established hash). */
export function tcpLines(proc: Proc, o: InetOptions): string {
  let out = '';
  for (const s of tcpDumpOrder(proc.netns)) {
    const listener = s.remotePort === 0;
    if (!(o.all || (o.listening && listener) || (!o.listening && !listener))) continue;
    let timer = 'off (0.00/0/0)';
    if (s.timer) {
      const left = Math.max(0, s.timer.expires - proc.world.clock.now) / 1000;
      timer = `${s.timer.kind} (${left.toFixed(2)}/${s.timer.retrans}/0)`;
    }
    out += line(
      'tcp',
      s.recvQueueBytes,
      // /proc/net/tcp shows write_seq - snd_una, 0 for a listener (ss shows its backlog instead).
      listener ? 0 : s.sendQueueBytes,
      endpoint(proc, o, s.localAddr, s.localPort, 'tcp'),
      endpoint(proc, o, s.remoteAddr, s.remotePort, 'tcp'),
      TCP_STATE[s.state],
    );
    out += finish(proc, o, s, timer, s.state === 'TIME-WAIT' || s.state === 'SYN-RECV');
  }
  return out;
}

/** udp_do_one for every line of /proc/net/udp. */
export function udpLines(proc: Proc, o: InetOptions): string {
  let out = '';
  for (const s of udpDumpOrder(proc.netns)) {
    const connected = s.remoteAddr !== 0;
    if (!(o.all || (connected && !o.listening) || (!connected && o.listening))) continue;
    out += line(
      'udp',
      s.recvQueueBytes,
      0,
      endpoint(proc, o, s.localAddr, s.localPort, 'udp'),
      endpoint(proc, o, s.remoteAddr, s.remotePort, 'udp'),
      s.state === 'ESTAB' ? 'ESTABLISHED' : '',
    );
    out += finish(proc, o, s, 'off (0.00/0/0)');
  }
  return out;
}
