import type { Command, Proc } from '../process.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import type { DnsMessage } from '../../net/dns/message.js';
import { decodeMessage, encodeMessage } from '../../net/dns/message.js';
import { parseDnsmasqArgs } from './args.js';
import type { DnsmasqOptions } from './args.js';
import type { HostEntry, LocalData } from './answer.js';
import { answerQuery, readHostsFile } from './answer.js';

const VERSION = '2.90';
const COMPILE_OPTIONS =
  'IPv6 GNU-getopt DBus no-UBus i18n IDN2 DHCP DHCPv6 no-Lua TFTP conntrack ipset nftset auth cryptohash DNSSEC loop-detect inotify dumpfile';
/** The TCP listen backlog dnsmasq asks for (ss shows Send-Q 32). */
const TCP_BACKLOG = 32;

const SIGNAL_NAMES: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 15: 'SIGTERM' };

/**
 * Debian's dnsmasq 2.90 as a local DNS server in the foreground (--no-daemon):
 * answers from --address, --host-record, --addn-hosts, --cname, --srv-host,
 * --mx-host and --txt-record over UDP and TCP, logging to stderr. There is
 * no upstream: what local data cannot answer is REFUSED, as the real one
 * does with --no-resolv and no --server.
 */
export const dnsmasq: Command = async (proc) => {
  const parsed = parseDnsmasqArgs(proc.argv.slice(1));
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const o = parsed.options;
  const log = (line: string) => proc.stderr.write(`dnsmasq: ${line}\n`);
  const sockets = openSockets(proc, o);
  if (typeof sockets === 'string') {
    proc.stderr.write(`\ndnsmasq: ${sockets}\n`);
    return 2;
  }
  let signal = 0;
  const closeAll = () => {
    for (const s of sockets.udp) s.close();
    for (const s of sockets.tcp) s.close();
  };
  const unkill = proc.onKill((s) => {
    signal = s;
    closeAll();
  });
  try {
    log(`started, version ${VERSION} cachesize 150`);
    log(`compile time options: ${COMPILE_OPTIONS}`);
    if (o.noResolv) log('warning: no upstream servers configured');
    for (const d of localDomains(o)) log(`using only locally-known addresses for ${d}`);
    const data: LocalData = { options: o, hosts: loadHosts(proc, o, log), mxSrv: [...o.mxSrv] };
    const serve = (query: DnsMessage, client: string): Uint8Array => {
      const a = answerQuery(data, query, client);
      if (o.logQueries) for (const line of a.log) log(line);
      return encodeMessage(a.response, 'owners');
    };
    await Promise.all([
      ...sockets.udp.map((s) => serveUdp(s, serve)),
      ...sockets.tcp.map((s) => serveTcp(proc, s, serve)),
    ]);
  } finally {
    unkill();
    closeAll();
  }
  if (signal in SIGNAL_NAMES) {
    log(`exiting on receipt of ${SIGNAL_NAMES[signal]}`);
    return 0;
  }
  return signal ? 128 + signal : 0;
};

/** The domains answered only locally, newest first (measured: the reverse of the command line). */
function localDomains(o: DnsmasqOptions): string[] {
  return [...new Set([...o.locals].reverse())];
}

/** --host-record entries, then each --addn-hosts file, reporting as dnsmasq does at start. */
function loadHosts(proc: Proc, o: DnsmasqOptions, log: (line: string) => void): HostEntry[] {
  const hosts: HostEntry[] = o.hostRecords.flatMap((r) =>
    r.names.flatMap((name) =>
      r.addrs.map((addr) => ({ name, addr, source: 'config', canonical: r.names[0] })),
    ),
  );
  for (const file of o.hostsFiles) {
    const text = proc.readFile(file);
    if (text === null) {
      log(`failed to load names from ${file}: ${ERRNO.ENOENT.message}`);
      continue;
    }
    const read = readHostsFile(text, file);
    hosts.push(...read.entries);
    log(`read ${file} - ${read.names} names`);
  }
  if (o.hostsFiles.length === 0) log('cleared cache');
  return hosts;
}

/** One UDP and one TCP socket per --listen-address (bind-interfaces), or the wildcard. */
function openSockets(proc: Proc, o: DnsmasqOptions): { udp: UdpSocket[]; tcp: TcpSocket[] } | string {
  const udp: UdpSocket[] = [];
  const tcp: TcpSocket[] = [];
  // Without --bind-interfaces dnsmasq binds the wildcard and filters by destination itself.
  const addrs = o.bindInterfaces && o.listen.length > 0 ? o.listen : [0];
  for (const addr of addrs) {
    const t = new TcpSocket(proc.netns);
    const u = new UdpSocket(proc.netns);
    t.reuseAddr = u.reuseAddr = true;
    tcp.push(t);
    udp.push(u);
    const err = t.bind(addr, o.port) ?? t.listen(TCP_BACKLOG) ?? u.bind(addr, o.port);
    if (err) {
      for (const s of [...udp, ...tcp]) s.close();
      const what = addr === 0 ? `port ${o.port}` : formatIPv4(addr);
      return `failed to create listening socket for ${what}: ${ERRNO[err].message}`;
    }
  }
  return { udp, tcp };
}

function decode(bytes: Uint8Array): DnsMessage | null {
  try {
    const m = decodeMessage(bytes);
    return !m.header.qr && m.questions.length === 1 ? m : null;
  } catch {
    return null;
  }
}

async function serveUdp(sock: UdpSocket, serve: (q: DnsMessage, client: string) => Uint8Array) {
  for (;;) {
    const d = await sock.recv();
    if (d === null) return;
    if (typeof d === 'string') continue;
    const query = decode(d.data);
    if (query) sock.send(serve(query, formatIPv4(d.from)), { addr: d.from, port: d.port });
  }
}

async function serveTcp(
  proc: Proc,
  listener: TcpSocket,
  serve: (q: DnsMessage, client: string) => Uint8Array,
) {
  const conns: Promise<void>[] = [];
  for (;;) {
    const conn = await listener.accept();
    if (!conn) break;
    const unkill = proc.onKill(() => conn.close());
    conns.push(serveConnection(conn, serve).finally(unkill));
  }
  await Promise.all(conns);
}

/** Length-prefixed queries on one connection until the client closes it. */
async function serveConnection(conn: TcpSocket, serve: (q: DnsMessage, client: string) => Uint8Array) {
  let buf = new Uint8Array(0);
  for (;;) {
    while (buf.length >= 2 && buf.length >= 2 + ((buf[0] << 8) | buf[1])) {
      const len = (buf[0] << 8) | buf[1];
      const query = decode(buf.subarray(2, 2 + len));
      buf = buf.slice(2 + len);
      if (!query) continue;
      const reply = serve(query, formatIPv4(conn.remoteAddr));
      const framed = new Uint8Array(reply.length + 2);
      framed.set([reply.length >> 8, reply.length & 255]);
      framed.set(reply, 2);
      conn.send(framed);
    }
    const r = await conn.recv();
    if (r === null || typeof r === 'string') break;
    const joined = new Uint8Array(buf.length + r.length);
    joined.set(buf);
    joined.set(r, buf.length);
    buf = joined;
  }
  conn.close();
}
