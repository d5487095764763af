import type { Command, Proc } from '../process.js';
import type { IPv4 } from '../../net/ipv4.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { ERRNO } from '../../kernel/errno.js';
import { inetAton } from '../ping.js';
import { lookupHost } from '../ping-format.js';
import type { TracerouteOptions } from './args.js';
import { VERSION, checkOptions, parseTracerouteArgv } from './args.js';
import { HELP } from './help.js';
import type { Endpoint, ProbeMethod } from './methods.js';
import { IcmpMethod, SocketFailure, TcpMethod, UdpMethod } from './methods.js';
import type { Probe, Timing } from './probe.js';
import { checkExpired, formatProbe, newProbe, probeTimeout } from './probe.js';
import { probeDone } from './methods.js';

const IP_HEADER = 20;
const UDP_HEADER = 8;
/** DEF_DATA_LEN: all but the IP header. */
const DEF_DATA_LEN = 40;

/** Modern traceroute for Linux 2.1.2 (Debian), IPv4, as root. */
export const traceroute: Command = async (proc) => {
  const parsed = parseTracerouteArgv(proc.argv.slice(1));
  if (parsed.ok === 'help') return (proc.stderr.write(HELP), 0);
  if (parsed.ok === 'version') return (proc.stderr.write(VERSION), 0);
  if (!parsed.ok) return (proc.stderr.write(parsed.stderr), parsed.status);
  const options = parsed.options;
  const dst = resolve(proc, options);
  if (dst === null) return 2;
  const problem = checkOptions(options);
  if (problem) return (proc.stderr.write(`${problem}\n`), 2);
  if (!['default', 'icmp', 'tcp'].includes(options.method))
    return (proc.stderr.write(`trace method's init failed\n`), 2);
  return run(proc, options, dst);
};

/** set_host: a numeric address or a name from the hosts table (there is no DNS). */
function resolve(proc: Proc, o: TracerouteOptions): IPv4 | null {
  const addr = inetAton(o.host) ?? lookupHost(o.host) ?? null;
  const reason =
    addr === null
      ? 'Temporary failure in name resolution'
      : o.family === 6
        ? 'Address family for hostname not supported'
        : null;
  if (reason === null) return addr;
  proc.stderr.write(
    `${o.host}: ${reason}\nCannot handle "host" cmdline arg \`${o.host}' on position 1 (argc ${o.hostArgc})\n`,
  );
  return null;
}

/** The probe data length (data_len) and the module's own header length (header_len - 20). */
function sizes(o: TracerouteOptions): { header: number; data: number } {
  const header = o.method === 'default' ? UDP_HEADER : 0;
  let data = 0;
  if (o.packetLen === null || o.packetLen < 0) data = DEF_DATA_LEN - header;
  else if (o.packetLen >= IP_HEADER + header) data = o.packetLen - IP_HEADER - header;
  // icmp_init: at least an ICMP header.
  if (o.method === 'icmp') data = Math.max(data, 8);
  return { header, data };
}

async function run(proc: Proc, o: TracerouteOptions, dst: IPv4): Promise<number> {
  const fatal = (e: SocketFailure): number => (
    proc.stderr.write(`\n${e.call}: ${ERRNO[e.errno].message}\n`),
    1
  );
  let src: IPv4 | null = null;
  if (o.source !== null) src = inetAton(o.source) ?? lookupHost(o.source) ?? null;
  const dev = o.device === null ? null : (proc.netns.linkByName(o.device) ?? null);
  if (o.device !== null && dev === null)
    return fatal(new SocketFailure('setsockopt SO_BINDTODEVICE', 'ENODEV'));
  const at: Endpoint = { netns: proc.netns, dst, src, dev };
  const { header, data } = sizes(o);
  let method: ProbeMethod;
  let total = IP_HEADER + header + data;
  try {
    if (o.method === 'icmp') {
      const icmp = new IcmpMethod(at, o.port, data);
      method = icmp;
      icmp.open();
    } else if (o.method === 'tcp') {
      const tcp = new TcpMethod(at, o.port || 80);
      method = tcp;
      tcp.open();
      total = IP_HEADER + tcp.headerLength;
    } else method = new UdpMethod(at, o.port, data);
  } catch (e) {
    if (e instanceof SocketFailure) return fatal(e);
    throw e;
  }
  proc.stdout.write(
    `traceroute to ${o.host} (${formatIPv4(dst)}), ${o.maxHops} hops max, ${total} byte packets`,
  );
  let signal = 0;
  const unkill = proc.onKill((s) => {
    signal = s;
    method.close();
  });
  try {
    await trace(proc, o, method, () => signal !== 0);
  } catch (e) {
    if (e instanceof SocketFailure) return fatal(e);
    throw e;
  } finally {
    unkill();
    method.close();
  }
  if (signal) return 128 + signal;
  proc.stdout.write('\n');
  return 0;
}

/** do_it: keep up to -N probes in flight, print each as soon as it and all before it are settled. */
async function trace(
  proc: Proc,
  o: TracerouteOptions,
  method: ProbeMethod,
  killed: () => boolean,
): Promise<void> {
  const clock = proc.world.clock;
  const perHop = o.probesPerHop;
  const probes: Probe[] = Array.from({ length: o.maxHops * perHop }, newProbe);
  const timing: Timing = { waitMs: o.waitSecs * 1000, hereFactor: o.hereFactor, nearFactor: o.nearFactor };
  const sendMs = (o.sendSecs >= 10 ? o.sendSecs / 1000 : o.sendSecs) * 1000;
  let start = (o.firstHop - 1) * perHop;
  let end = probes.length;
  let lastSend: number | null = null;
  while (start < end && !killed()) {
    let num = 0;
    let next: number | null = null;
    const now = clock.now;
    for (let n = start; n < end; n++) {
      let pb = probes[n];
      if (n === start && !pb.done && pb.sent) {
        const expire = pb.sendTime + probeTimeout(probes, n, perHop, timing);
        if (expire > now) next = expire;
        else {
          probeDone(pb);
          checkExpired(probes, n, perHop);
          pb = probes[n];
        }
      }
      if (pb.done) {
        if (n === start) {
          proc.stdout.write(formatProbe(probes, n, perHop, o.numeric));
          start++;
        }
        if (pb.final) end = (Math.floor(n / perHop) + 1) * perHop;
        continue;
      }
      if (!pb.sent) {
        if (sendMs && lastSend !== null && lastSend + sendMs > now) {
          next = lastSend + sendMs;
          break;
        }
        method.send(pb, Math.floor(n / perHop) + 1);
        if (!pb.sent) {
          if (next !== null) break;
          throw new Error('send probe');
        }
        lastSend = pb.sendTime;
      }
      if (next === null) next = pb.sendTime + probeTimeout(probes, n, perHop, timing);
      if (++num >= o.simProbes) break;
    }
    if (next !== null) await method.poll(Math.max(0, next - clock.now));
  }
}
