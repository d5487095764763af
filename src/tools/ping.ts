import type { Command, Proc } from './process.js';
import type { IPv4 } from '../net/ipv4.js';
import { formatIPv4, isMulticast } from '../net/ipv4.js';
import { ERRNO } from '../kernel/errno.js';
import type { ErrnoName } from '../kernel/errno.js';
import { IcmpSocket } from '../kernel/socket/icmp-socket.js';
import type { SocketEvent } from '../kernel/socket/icmp-socket.js';
import { ICMP } from '../kernel/icmp/types.js';
import { parsePingArgs } from './ping-args.js';
import type { PingOptions } from './ping-args.js';
import { describeIcmp, formatRtt, formatStats, lookupHost, nameOf } from './ping-format.js';
import type { PingStats } from './ping-format.js';

/** The RTT reported for a reply that took no virtual time (links have zero latency). */
const BASE_RTT_US = 50;
const SIGINT = 2;
/** sizeof(struct timeval): smaller payloads carry no timestamp, so no `time=`. */
const TIMEVAL = 16;

/** inet_aton: 1 to 4 parts, each decimal, octal (0...) or hex (0x...). */
export function inetAton(text: string): IPv4 | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => !/^(0[xX][0-9a-fA-F]*|0[0-7]*|[1-9]\d*)$/.test(p))) return null;
  const nums = parts.map((p) =>
    /^0[xX]/.test(p) ? parseInt(p.slice(2) || '0', 16) : p.startsWith('0') ? parseInt(p, 8) || 0 : Number(p),
  );
  const last = nums[nums.length - 1];
  const head = nums.slice(0, -1);
  if (head.some((n) => n > 255) || last >= 2 ** (8 * (5 - nums.length))) return null;
  let value = 0;
  head.forEach((n, i) => (value += n * 2 ** (24 - 8 * i)));
  return (value + last) >>> 0;
}

/**
 * The echo data ping sends: its -p pattern repeated (by default the bytes
 * 0, 1, 2, ...), the first 16 bytes overwritten by the send time (struct
 * timeval, little-endian) when the payload is large enough to carry it.
 */
export function echoPayload(options: PingOptions, nowMs: number): Uint8Array {
  const data = new Uint8Array(options.size);
  const pat = options.pattern;
  for (let i = 0; i < data.length; i++)
    data[i] = pat === null ? i & 0xff : pat.length ? pat[i % pat.length] : 0;
  if (data.length >= TIMEVAL) {
    const view = new DataView(data.buffer);
    view.setBigUint64(0, BigInt(Math.floor(nowMs / 1000)), true);
    view.setBigUint64(8, BigInt(Math.floor((nowMs % 1000) * 1000)), true);
  }
  return data;
}

/** iputils ping (IPv4, raw ICMP socket as root). */
export const ping: Command = async (proc) => {
  const parsed = parsePingArgs(proc.argv.slice(1));
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  for (const w of parsed.warnings) proc.stderr.write(w);
  proc.stdout.write(parsed.stdout);
  const options = parsed.options;
  const dst = inetAton(options.host) ?? lookupHost(options.host);
  if (dst === undefined || dst === null) {
    proc.stderr.write(`ping: ${options.host}: Temporary failure in name resolution\n`);
    return 2;
  }
  const sock = new IcmpSocket(proc.netns);
  try {
    return await run(proc, sock, options, dst);
  } finally {
    sock.close();
  }
};

async function run(proc: Proc, sock: IcmpSocket, options: PingOptions, dst: IPv4): Promise<number> {
  const fatal = (text: string): number => (proc.stderr.write(`ping: ${text}\n`), 2);
  let device = '';
  if (options.iface !== null) {
    const addr = inetAton(options.iface);
    if (addr !== null) {
      const err = sock.bind(addr);
      if (err) return fatal(`bind: ${ERRNO[err].message}`);
    } else {
      const link = proc.netns.linkByName(options.iface);
      if (!link) return fatal(`SO_BINDTODEVICE ${options.iface}: No such device`);
      sock.boundDev = link;
      device = link.name;
    }
  }
  sock.broadcast = options.broadcast;
  const route = sock.route(dst);
  if (!route.ok) return fatal(connectError(route.error));
  if (route.result.type === 'broadcast') proc.stderr.write('WARNING: pinging broadcast address\n');
  if (options.ttl !== null) {
    if (options.ttl === 0) return fatal('cannot set unicast time-to-live: Invalid argument');
    sock.ttl = options.ttl;
  }
  const from =
    options.iface !== null ? `from ${formatIPv4(sock.boundAddr ?? route.result.src)} ${device}: ` : '';
  proc.stdout.write(
    `PING ${options.host} (${formatIPv4(dst)}) ${from}${options.size}(${options.size + 28}) bytes of data.\n`,
  );
  const session = new PingSession(proc, sock, options, dst);
  let signal = 0;
  const unkill = proc.onKill((s) => {
    signal = s;
    sock.close();
  });
  try {
    await session.loop();
  } finally {
    unkill();
  }
  // SIGINT makes ping print its summary; other signals end it where it stands.
  if (signal !== 0 && signal !== SIGINT) return 128 + signal;
  return session.finish();
}

function connectError(error: ErrnoName): string {
  if (error === 'EACCES')
    return 'Do you want to ping broadcast? Then -b. If not, check your local firewall rules';
  return `connect: ${ERRNO[error].message}`;
}

/** main_loop and its bookkeeping (ping_common.c). */
class PingSession {
  private readonly id: number;
  private readonly start: number;
  private readonly sentAt = new Map<number, number>();
  private readonly seen = new Set<number>();
  private readonly timing: boolean;
  private readonly names: boolean;
  private readonly stats: PingStats = {
    transmitted: 0,
    received: 0,
    errors: 0,
    duplicates: 0,
    rtts: [],
    pipesize: 0,
    elapsedMs: 0,
  };
  private nextSend: number;
  private lastSend: number;
  private exitAt: number | null = null;
  private readonly deadlineAt: number | null;

  constructor(
    private readonly proc: Proc,
    private readonly sock: IcmpSocket,
    private readonly options: PingOptions,
    private readonly dst: IPv4,
  ) {
    this.id = proc.world.rng.below(0x10000);
    this.start = proc.world.clock.now;
    this.nextSend = this.start;
    this.lastSend = this.start;
    this.timing = options.size >= TIMEVAL;
    this.names = !options.numeric && inetAton(options.host) === null;
    this.deadlineAt = options.deadline ? this.start + options.deadline * 1000 : null;
  }

  private get now(): number {
    return this.proc.world.clock.now;
  }

  async loop(): Promise<void> {
    const { count } = this.options;
    const s = this.stats;
    for (;;) {
      if (count !== null && s.received + s.errors >= count) return;
      if (this.deadlineAt !== null && s.errors > 0) return;
      if (this.deadlineAt !== null && this.now >= this.deadlineAt) return;
      if (this.exitAt !== null && this.now >= this.exitAt) return;
      if (this.moreToSend() && this.now >= this.nextSend) {
        await this.send();
        continue;
      }
      const wakes = [this.exitAt, this.deadlineAt, this.moreToSend() ? this.nextSend : null].filter(
        (t): t is number => t !== null,
      );
      const until = wakes.length > 0 ? Math.min(...wakes) : Infinity;
      const event = await this.sock.recv(until === Infinity ? 2 ** 40 : until - this.now);
      if (event) this.handle(event);
      else if (this.sock.closed) return;
    }
  }

  /** pinger(): with a deadline, ping keeps sending until the count of replies arrives. */
  private moreToSend(): boolean {
    const { count } = this.options;
    return count === null || this.stats.transmitted < count || this.deadlineAt !== null;
  }

  private async send(): Promise<void> {
    const seq = (this.stats.transmitted + 1) & 0xffff;
    this.sentAt.set(seq, this.now);
    this.lastSend = this.now;
    this.seen.delete(seq);
    const err = this.sock.sendEcho(
      this.dst,
      this.id,
      seq,
      echoPayload(this.options, this.proc.world.clock.now),
    );
    if (err === 'EPERM') {
      // pinger(): on EPERM ping reads its error queue first. An ICMP error
      // about this probe (a REJECT's, looped back during sendto) is printed
      // and then sendmsg's errno; an empty queue makes the failure silent.
      // The raw socket's own copy of that ICMP error comes first here; one queue models both.
      for (let event = await this.sock.recv(0); event; event = await this.sock.recv(0)) {
        if (event.kind !== 'error') {
          this.handle(event);
          continue;
        }
        if (this.handleError(event)) this.proc.stderr.write(`ping: sendmsg: ${ERRNO[err].message}\n`);
        break;
      }
    } else if (err) this.proc.stderr.write(`ping: sendmsg: ${ERRNO[err].message}\n`);
    this.stats.transmitted++;
    this.nextSend = this.now + this.options.interval;
    const { count } = this.options;
    if (count !== null && this.stats.transmitted >= count && this.deadlineAt === null) this.scheduleExit();
  }

  /** schedule_exit: wait 2 RTTs (at least one interval) after the last probe, or -W without replies. */
  private scheduleExit(): void {
    if (this.exitAt !== null) return;
    let wait = this.options.linger;
    if (this.stats.received)
      wait = Math.max((2 * Math.max(0, ...this.stats.rtts)) / 1000, this.options.interval);
    this.exitAt = this.now + wait;
  }

  private handle(event: SocketEvent): void {
    if (event.kind === 'error') {
      this.handleError(event);
      return;
    }
    const { packet } = event;
    const icmp = packet.l4;
    if (icmp?.kind !== 'icmp') return;
    if (icmp.type === ICMP.ECHOREPLY)
      return this.handleReply(
        packet.src,
        icmp.id ?? -1,
        icmp.seq ?? 0,
        packet.ttl,
        packet.totalLength - 20,
        event.at,
      );
    const quoted = icmp.quoted?.l4;
    if (!quoted || quoted.kind !== 'icmp' || quoted.type !== ICMP.ECHO || quoted.id !== this.id) return;
    if (icmp.type !== ICMP.REDIRECT && icmp.type !== ICMP.SOURCE_QUENCH) {
      this.acknowledge(quoted.seq ?? 0);
      return;
    }
    if (this.options.quiet) return;
    const info = icmp.type === ICMP.REDIRECT ? (icmp.gateway ?? 0) : 0;
    this.proc.stdout.write(
      `From ${nameOf(packet.src, this.names)}: icmp_seq=${quoted.seq} ${describeIcmp(icmp.type, icmp.code, info)}\n`,
    );
  }

  private handleReply(from: IPv4, id: number, seq: number, ttl: number, bytes: number, at: number): void {
    if (id !== this.id) return;
    const sent = this.sentAt.get(seq);
    if (sent === undefined) return;
    this.acknowledge(seq);
    const dup = this.seen.has(seq);
    this.seen.add(seq);
    const rtt = Math.round((at - sent) * 1000) + BASE_RTT_US;
    if (dup) this.stats.duplicates++;
    else {
      this.stats.received++;
      if (this.timing) this.stats.rtts.push(rtt);
    }
    if (this.options.quiet) return;
    const time = this.timing ? ` time=${formatRtt(rtt)} ms` : '';
    // ping4_parse_reply: a reply from another address than the one pinged (a DNAT not undone
    // on the way back) is still counted, and flagged; -b and multicast pings expect that.
    const wrongSource = !this.options.broadcast && !isMulticast(this.dst) && from !== this.dst;
    const flags = `${dup ? ' (DUP!)' : ''}${wrongSource ? ' (DIFFERENT ADDRESS!)' : ''}`;
    this.proc.stdout.write(
      `${bytes} bytes from ${nameOf(from, this.names)}: icmp_seq=${seq} ttl=${ttl}${time}${flags}\n`,
    );
  }

  /** Returns whether the error was about one of our probes (net_errors in receive_error_msg). */
  private handleError(event: Extract<SocketEvent, { kind: 'error' }>): boolean {
    const quoted = event.quoted.l4;
    if (
      event.quoted.dst !== this.dst ||
      quoted?.kind !== 'icmp' ||
      quoted.type !== ICMP.ECHO ||
      quoted.id !== this.id
    )
      return false;
    const seq = quoted.seq ?? 0;
    this.acknowledge(seq);
    this.stats.errors++;
    if (this.options.quiet) return true;
    this.proc.stdout.write(
      `From ${nameOf(event.offender, this.names)} icmp_seq=${seq} ${describeIcmp(event.type, event.code, event.info)}\n`,
    );
    return true;
  }

  /** acknowledge(): how many probes were outstanding when this one was answered (`pipe N`). */
  private acknowledge(seq: number): void {
    const diff = (this.stats.transmitted - seq) & 0xffff;
    if (diff <= 0x7fff && diff + 1 > this.stats.pipesize) this.stats.pipesize = diff + 1;
  }

  finish(): number {
    const s = this.stats;
    // ping reports the time up to its last probe, not to its exit.
    s.elapsedMs = this.lastSend - this.start;
    this.proc.stdout.write(formatStats(this.options.host, s, this.timing));
    const { count } = this.options;
    const short = this.deadlineAt !== null && count !== null && s.received < count;
    return !s.received || short ? 1 : 0;
  }
}
