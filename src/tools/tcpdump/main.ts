import type { Command, OutStream, Proc } from '../process.js';
import type { Link } from '../../kernel/link/link.js';
import { openTap } from '../../kernel/capture/tap.js';
import type { CapturedFrame } from '../../kernel/capture/tap.js';
import {
  emitPcapHeader,
  emitPcapRecord,
  LINKTYPE_ETHERNET,
  LINKTYPE_LINUX_SLL2,
  parsePcap,
} from '../../net/pcap.js';
import { serviceName } from '../nc/services.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { parseTcpdumpArgs, VERSION } from './args.js';
import type { TcpdumpOptions } from './args.js';
import { decodePacket } from './decode.js';
import type { Packet } from './decode.js';
import { parseFilter } from './filter.js';
import type { Filter } from './filter.js';
import { matches } from './filter-match.js';
import { Printer } from './print.js';
import { libpcapSkips, linkBytes } from './link-bytes.js';

const LINK_TYPE_NAMES: Record<number, string> = {
  [LINKTYPE_ETHERNET]: 'EN10MB (Ethernet)',
  [LINKTYPE_LINUX_SLL2]: 'LINUX_SLL2 (Linux cooked v2)',
};

/** Binary bytes as a one-char-per-byte string (the emulated file system holds strings). */
export const latin1 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return s;
};
export const fromLatin1 = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** pcap_set_timeout(1000): the ring's block retire timeout, when tcpdump sees packets. */
const BLOCK_TIMEOUT_MS = 1000;

const plural = (n: number) => (n === 1 ? '' : 's');

function printer(proc: Proc, o: TcpdumpOptions): Printer {
  return new Printer({
    e: o.e,
    q: o.q,
    v: o.v,
    t: o.t,
    n: o.n > 0,
    ifname: (i) => proc.netns.links.get(i)?.name ?? null,
    ports: (port, proto) => {
      if (o.n > 0) return String(port);
      const name = serviceName(proc, port, proto, false);
      return name === '*' ? String(port) : name;
    },
    hostName: (addr) => hostsName(proc, addr),
  });
}

/** gethostbyaddr as far as /etc/hosts answers (a lab namespace has no DNS to ask). */
function hostsName(proc: Proc, addr: number): string | null {
  for (const line of (proc.readFile('/etc/hosts') ?? '').split('\n')) {
    const [ip, name] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (name && parseIPv4(ip) === addr) return name;
  }
  return null;
}

/** getservbyname for `port NAME` in a filter. */
function portByName(proc: Proc, name: string): number | null {
  for (const line of (proc.readFile('/etc/services') ?? '').split('\n')) {
    const m = /^([^\s#]+)\s+(\d+)\/(tcp|udp)/.exec(line);
    if (m && m[1] === name) return Number(m[2]);
  }
  return null;
}

function compile(proc: Proc, o: TcpdumpOptions): Filter | null | undefined {
  const parsed = parseFilter(o.expression, (name) => portByName(proc, name));
  if (parsed.ok) return parsed.filter;
  proc.stderr.write(`tcpdump: ${parsed.error}\n`);
  return undefined;
}

/** tcpdump 4.99.3 (libpcap 1.10.3): print or record what a namespace's devices send and receive. */
export const tcpdump: Command = async (proc) => {
  const parsed = parseTcpdumpArgs(proc.argv.slice(1));
  if (parsed.ok === 'version') {
    proc.stdout.write(VERSION);
    return 0;
  }
  if (!parsed.ok) {
    proc.stderr.write(parsed.stderr);
    return parsed.status;
  }
  const o = parsed.options;
  return o.readFile !== null ? readSavefile(proc, o, o.readFile) : capture(proc, o);
};

function readSavefile(proc: Proc, o: TcpdumpOptions, path: string): number {
  const text = proc.readFile(path);
  if (text === null) {
    proc.stderr.write(`tcpdump: ${path}: No such file or directory\n`);
    return 1;
  }
  const file = parsePcap(fromLatin1(text));
  if (!file.ok) {
    proc.stderr.write(`tcpdump: ${path}: ${file.error}\n`);
    return 1;
  }
  const { linkType, snaplen, records } = file.file;
  const name = LINK_TYPE_NAMES[linkType] ?? `${linkType}`;
  proc.stderr.write(`reading from file ${path}, link-type ${name}, snapshot length ${snaplen}\n`);
  if (linkType === LINKTYPE_LINUX_SLL2) proc.stderr.write('Warning: interface names might be incorrect\n');
  const filter = compile(proc, o);
  if (filter === undefined) return 1;
  const print = printer(proc, o);
  let n = 0;
  for (const r of records) {
    const p = decodePacket(r.bytes, linkType, r.timeUs, r.origLen);
    if (!matches(filter, p)) continue;
    proc.stdout.write(print.line(p));
    if (o.count !== null && ++n >= o.count) break;
  }
  return 0;
}

/** pcap_lookupdev: the first device that is up, loopback last. */
function defaultDevice(proc: Proc): Link | undefined {
  const links = proc.netns.linkList();
  return (
    links.find((l) => l.adminUp && l.kind !== 'loopback') ??
    links.find((l) => l.kind !== 'loopback') ??
    links[0]
  );
}

async function capture(proc: Proc, o: TcpdumpOptions): Promise<number> {
  const any = o.iface === 'any';
  const dev = any ? null : o.iface === null ? defaultDevice(proc) : proc.netns.linkByName(o.iface);
  if (dev === undefined) {
    proc.stderr.write(`tcpdump: ${o.iface}: No such device exists\n(No such device exists)\n`);
    return 1;
  }
  // pcap_activate refuses a device that is down, before the filter is compiled.
  if (dev !== null && !dev.adminUp) {
    proc.stderr.write(`tcpdump: ${dev.name}: That device is not up\n`);
    return 1;
  }
  const filter = compile(proc, o);
  if (filter === undefined) return 1;
  const linkType = any ? LINKTYPE_LINUX_SLL2 : LINKTYPE_ETHERNET;
  let out: OutStream | null = null;
  if (o.writeFile !== null) {
    try {
      out = proc.openWrite!(o.writeFile);
    } catch (e) {
      proc.stderr.write(`tcpdump: ${o.writeFile}: ${(e as Error).message}\n`);
      return 1;
    }
    out.write(latin1(emitPcapHeader(linkType, o.snaplen)));
  }
  const name = any ? 'any' : dev!.name;
  if (any) proc.stderr.write('tcpdump: data link type LINUX_SLL2\n');
  const quiet = o.v > 0 || out !== null;
  proc.stderr.write(
    (quiet ? 'tcpdump: ' : 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n') +
      `listening on ${name}, link-type ${LINK_TYPE_NAMES[linkType]}, snapshot length ${o.snaplen} bytes\n`,
  );
  const print = printer(proc, o);
  let received = 0;
  let captured = 0;
  const ring: { p: Packet; bytes: Uint8Array }[] = [];
  return new Promise<number>((resolve) => {
    const finish = () => {
      close();
      unkill();
      timer.cancel();
      proc.stderr.write(
        `${captured} packet${plural(captured)} captured\n` +
          `${received} packet${plural(received)} received by filter\n` +
          '0 packets dropped by kernel\n',
      );
      resolve(0);
    };
    // The kernel side: the socket filter counts ("received by filter") and queues into the ring.
    const deliver = (c: CapturedFrame) => {
      const bytes = linkBytes(c, any);
      const p = decodePacket(bytes, linkType, Math.round(c.time * 1000), bytes.length);
      if (!matches(filter, p)) return;
      received++;
      if (!libpcapSkips(c)) ring.push({ p, bytes });
    };
    // The user side: TPACKET_V3 hands over a block when its retire timer fires (tcpdump's
    // 1000 ms timeout, no immediate mode when stdout is not a terminal).
    const retire = () => {
      for (const { p, bytes } of ring.splice(0)) {
        captured++;
        if (out)
          out.write(
            latin1(
              emitPcapRecord({
                timeUs: p.timeUs,
                bytes: bytes.subarray(0, o.snaplen),
                origLen: bytes.length,
              }),
            ),
          );
        else proc.stdout.write(print.line(p));
        if (o.count !== null && captured >= o.count) return finish();
      }
      timer = proc.world.clock.schedule(BLOCK_TIMEOUT_MS, retire);
    };
    let timer = proc.world.clock.schedule(BLOCK_TIMEOUT_MS, retire);
    const close = openTap(proc.netns, { dev, deliver });
    // SIGTERM/SIGINT: pcap_breakloop (what is still in the ring is not read), a newline in
    // case a line was cut, then the statistics.
    const unkill = proc.onKill(() => {
      proc.stdout.write('\n');
      finish();
    });
  });
}
