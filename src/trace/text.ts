import type { PacketView } from '../kernel/trace/events.js';
import type { TraceDocument, TracedPacket, TraceOutcome, TraceStep } from './json.js';

/** ANSI styles, or none when the output is not a terminal. */
export interface Palette {
  readonly bad: (s: string) => string;
  readonly good: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
export const COLOR: Palette = { bad: sgr('31'), good: sgr('32'), dim: sgr('2'), bold: sgr('1') };
const plain = (s: string) => s;
export const PLAIN: Palette = { bad: plain, good: plain, dim: plain, bold: plain };

const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'echo reply',
  3: 'unreachable',
  5: 'redirect',
  8: 'echo request',
  11: 'time exceeded',
};
const UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'net',
  1: 'host',
  2: 'protocol',
  3: 'port',
  4: 'need to frag',
  13: 'admin prohibited',
};

/** `tcp 10.0.1.2:32768 > 10.0.2.2:80 [S] ttl 64`, tcpdump-like. */
export function packetText(v: PacketView): string {
  const ends = v.sport !== undefined ? `${v.src}:${v.sport} > ${v.dst}:${v.dport}` : `${v.src} > ${v.dst}`;
  let what = '';
  if (v.icmpType !== undefined) {
    what = ` ${ICMP_TYPES[v.icmpType] ?? `type ${v.icmpType}`}`;
    if (v.icmpType === 3) what += ` ${UNREACH_CODES[v.icmpCode ?? 0] ?? `code ${v.icmpCode}`}`;
  }
  if (v.tcpFlags) what = ` [${v.tcpFlags}]`;
  return `${v.proto} ${ends}${what} ttl ${v.ttl}${v.mark ? ` mark 0x${v.mark.toString(16)}` : ''}`;
}

export const nsLabel = (ns: string) => ns || '(root)';

/** A probability as a person reads it: 33.3%, 100%, 0.01%. */
export function percent(p: number): string {
  const pc = p * 100;
  if (pc >= 99.95 && pc < 100) return '99.9%';
  if (pc === 0 || pc >= 0.1) return `${Number(pc.toFixed(1))}%`;
  return `${Number(pc.toPrecision(2))}%`;
}

/** The whole trace, one block per packet. */
export function renderText(doc: TraceDocument, pal: Palette = PLAIN): string {
  return doc.packets.map((p) => renderPacket(p, pal)).join('\n');
}

function renderPacket(p: TracedPacket, pal: Palette): string {
  const by =
    p.origin === 'socket'
      ? 'sent by a socket'
      : p.origin === 'kernel'
        ? 'sent by the kernel'
        : 'arrived from outside';
  const cause = p.cause !== null ? `, answering packet ${p.cause}` : '';
  const lines = [
    pal.bold(`packet ${p.id}: ${packetText(p.packet)}`) + ` (${by} in ${nsLabel(p.ns)}${cause})`,
  ];
  const width = Math.max(...p.steps.map((s) => nsLabel(s.ns).length), 1);
  let depth = 0;
  for (const s of p.steps) {
    if (s.type === 'hook' || s.type === 'bridge' || s.type === 'receive' || s.type === 'route') depth = 0;
    const [text, indent] = stepText(s, pal);
    if (s.type === 'chain') depth = 1;
    const nested = s.type === 'rule' || s.type === 'ruled-out' || s.type === 'verdict' || s.type === 'chance';
    const level = s.type === 'chain' ? 1 : nested ? depth + 1 : indent;
    lines.push(`  ${pal.dim(nsLabel(s.ns).padEnd(width))}  ${'  '.repeat(level)}${text}`);
  }
  lines.push(`  => ${p.outcomes.map((o) => outcomeText(o, pal)).join('; ')}`);
  return lines.join('\n') + '\n';
}

function outcomeText(o: TraceOutcome, pal: Palette): string {
  switch (o.kind) {
    case 'delivered':
      return pal.good(`delivered in ${nsLabel(o.ns)} to ${o.socket}`);
    case 'dropped':
      return pal.bad(`dropped in ${nsLabel(o.ns)}: ${o.reason}`);
    case 'sent':
      return `sent on ${o.dev} in ${nsLabel(o.ns)}`;
    case 'in-flight':
      return 'still in flight';
  }
}

/** One step's line and its indent level (chains and rules are placed by the caller). */
function stepText(s: TraceStep, pal: Palette): [string, number] {
  switch (s.type) {
    case 'receive':
      return [`received on ${s.dev}`, 0];
    case 'bridge': {
      const from = s.inPort ? `from ${s.inPort}` : 'from its own device';
      if (s.decision === 'hairpin-refused')
        return [`bridge ${s.bridge} ${from}: ${s.dstMac} FDB hit on ${s.inPort}, the port it came in by`, 0];
      const hairpin =
        s.inPort !== null && s.outPorts.includes(s.inPort) ? ' (hairpin: back out its input port)' : '';
      const to = s.outPorts.length > 0 ? ` -> ${s.outPorts.join(', ')}${hairpin}` : '';
      const what = {
        'fdb-hit': 'FDB hit',
        flood: 'flood (unknown or broadcast MAC)',
        local: 'to the bridge itself',
        'hairpin-refused': 'hairpin refused',
      }[s.decision];
      return [`bridge ${s.bridge} ${from}: ${s.dstMac} ${what}${to}`, 0];
    }
    case 'hook': {
      const devs = [s.in ? `in ${s.in}` : '', s.out ? `out ${s.out}` : ''].filter(Boolean).join(' ');
      const ports = [s.physIn ? `in ${s.physIn}` : '', s.physOut ? `out ${s.physOut}` : ''].filter(Boolean);
      const bridged = s.physIn ? ` (bridged, physdev ${ports.join(' ')})` : '';
      return [pal.bold(`${s.hook}`) + (devs ? ` ${devs}` : '') + bridged, 0];
    }
    case 'chain':
      return [`${s.table} ${s.chain}${s.via === 'hook' ? '' : ` (${s.via})`}`, 1];
    case 'rule':
      return s.matched
        ? [`${s.index}. ${s.rule}`, 2]
        : [pal.dim(`${s.index}. ${s.rule}  (no match: ${s.failed})`), 2];
    case 'ruled-out': {
      const rules = s.to > s.from ? `${s.from}-${s.to}. ${s.to - s.from + 1} rules` : `${s.from}. 1 rule`;
      return [pal.dim(`${rules} ruled out by the chain's index (no match: ${s.failed})`), 2];
    }
    case 'verdict': {
      const counters = s.counters ? ` [${s.counters.packets} pkts ${s.counters.bytes} bytes]` : '';
      const verdict =
        s.verdict === 'DROP' ? pal.bad(s.verdict) : s.verdict === 'ACCEPT' ? pal.good(s.verdict) : s.verdict;
      if (s.index === 0) return [`policy ${verdict}${counters}`, 2];
      const target = s.target === s.verdict ? '' : `${s.target || 'no target'}: `;
      return [`-> ${target}${verdict}${counters}`, 2];
    }
    case 'conntrack': {
      const tuple = s.orig && s.reply ? `  ${tupleText(s.orig)}  reply ${tupleText(s.reply)}` : '';
      const entry = s.entry === 'none' ? '' : ` (${s.entry} entry${s.tcpState ? ` ${s.tcpState}` : ''})`;
      return [`conntrack ${s.action}: ${s.state}${entry}${tuple}`, 1];
    }
    case 'rewrite':
      return [`${s.by} rewrote ${s.changes.map((c) => `${c.field} ${c.from} -> ${c.to}`).join(', ')}`, 1];
    case 'route':
      return [routeText(s), 0];
    case 'arp':
      return [
        s.status === 'failed'
          ? pal.bad(
              `arp ${s.nexthop ? `${s.nexthop} ` : ''}on ${s.dev}: no answer` +
                (s.waited !== undefined ? ` after ${seconds(s.waited)}, resolution failed` : ''),
            )
          : `arp ${s.nexthop} on ${s.dev}: ${s.status}${s.mac ? ` ${s.mac}` : ''}`,
        0,
      ];
    case 'xmit':
      return [`sent on ${s.dev} ${s.srcMac} > ${s.dstMac}`, 0];
    case 'deliver':
      return [pal.good(`delivered to ${s.socket}`), 0];
    case 'response':
      return [
        `answered with ${packetText(s.view)}${s.response !== undefined ? ` (packet ${s.response})` : ''}`,
        0,
      ];
    case 'chance': {
      const how = s.forced ? 'taken' : 'drawn';
      return [`chance ${s.what}: ${s.outcome} (${percent(s.probability)}, ${how})`, 2];
    }
    case 'drop':
      return [pal.bad(`DROP: ${s.reason}`), 0];
  }
}

function tupleText(t: { src: string; dst: string; proto: string; sport: number; dport: number }): string {
  return t.proto === 'icmp'
    ? `${t.src} > ${t.dst} id ${t.sport}`
    : `${t.src}:${t.sport} > ${t.dst}:${t.dport}`;
}

/** Virtual milliseconds as a person reads them: 3 s, 1.5 s, 200 ms. */
const seconds = (ms: number): string => (ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`);

const TABLE_NAMES: Readonly<Record<number, string>> = { 253: 'default', 254: 'main', 255: 'local' };

function routeText(s: Extract<TraceStep, { type: 'route' }>): string {
  if (s.result === 'error') return `route ${s.direction} ${s.dst}: ${s.error}`;
  const via = s.gateway ? ` via ${s.gateway}` : '';
  const dev = s.dev ? ` dev ${s.dev}` : '';
  const table = s.table !== undefined ? `table ${TABLE_NAMES[s.table] ?? s.table}` : '';
  const rule = s.rule ? `rule ${s.rule.pref}${s.rule.selector ? ` ${s.rule.selector}` : ''}, ` : '';
  const route = s.route ? `, route ${s.route}` : '';
  const src = s.direction === 'input' ? `from ${s.src}` : `src ${s.src}`;
  return `route ${s.direction} ${s.dst}: ${s.result}${via}${dev} ${src} (${rule}${table}${route})`;
}
