/**
 * Counters three ways: parsed from `iptables-save -c` snapshots (real Linux
 * and podpath) and counted from a trace document, all as one shape so they
 * compare as text.
 */
import type { TraceDocument } from '../../src/trace/json.js';

/** One rule's (index ≥ 1) or one built-in chain policy's (index 0) counters in one namespace. */
export interface Counter {
  readonly ns: string;
  readonly table: string;
  readonly chain: string;
  readonly index: number;
  /** The rule as iptables-save prints it after `-A CHAIN `, or `policy ACCEPT`. */
  readonly text: string;
  packets: number;
  bytes: number;
}

/** Counters by `ns|table|chain|index`. */
export type Counters = Map<string, Counter>;

const keyOf = (ns: string, table: string, chain: string, index: number) => `${ns}|${table}|${chain}|${index}`;

/** The output of the driver tail: two snapshots around the probe's output and status. */
export interface DriverRun {
  readonly before: Counters;
  readonly after: Counters;
  readonly probe: string;
  readonly status: string;
}

/** Splits the driver's stdout at its `@@` markers (setup output before the first one is ignored). */
export function parseRun(stdout: string): DriverRun {
  const start = stdout.indexOf('@@snapshot before\n');
  const probeAt = stdout.indexOf('\n@@probe\n', start);
  const statusAt = stdout.lastIndexOf('\n@@status ');
  const afterAt = stdout.indexOf('@@snapshot after\n', statusAt);
  if (start < 0 || probeAt < 0 || statusAt < probeAt || afterAt < 0)
    throw new Error(`driver output lacks its markers:\n${stdout}`);
  const statusLine = stdout.slice(statusAt + 1, stdout.indexOf('\n', statusAt + 1));
  return {
    before: parseSnapshot(stdout.slice(start, probeAt + 1)),
    after: parseSnapshot(stdout.slice(afterAt)),
    probe: stdout.slice(probeAt + '\n@@probe\n'.length, statusAt + 1),
    status: statusLine.slice('@@status '.length),
  };
}

const POLICY = /^:(\S+) (\S+) \[(\d+):(\d+)\]$/;
const RULE = /^\[(\d+):(\d+)\] -A (\S+) ?(.*)$/;

/** `@@ns NAME` sections of `iptables-save -c` output. */
export function parseSnapshot(text: string): Counters {
  const out: Counters = new Map();
  let ns = '';
  let table = '';
  const next = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('@@ns ')) ns = line.slice(5);
    else if (line.startsWith('*')) table = line.slice(1);
    else {
      const policy = POLICY.exec(line);
      if (policy && policy[2] !== '-') {
        const [, chain, target, packets, bytes] = policy;
        const index = 0;
        out.set(keyOf(ns, table, chain, index), {
          ns,
          table,
          chain,
          index,
          text: `policy ${target}`,
          packets: Number(packets),
          bytes: Number(bytes),
        });
        continue;
      }
      const rule = RULE.exec(line);
      if (!rule) continue;
      const [, packets, bytes, chain, spec] = rule;
      const at = `${ns}|${table}|${chain}`;
      const index = (next.get(at) ?? 0) + 1;
      next.set(at, index);
      out.set(keyOf(ns, table, chain, index), {
        ns,
        table,
        chain,
        index,
        text: spec,
        packets: Number(packets),
        bytes: Number(bytes),
      });
    }
  }
  return out;
}

/** What moved from `before` to `after`: counters with a nonzero difference. */
export function deltas(before: Counters, after: Counters): Counters {
  const out: Counters = new Map();
  for (const [key, a] of after) {
    const b = before.get(key);
    const packets = a.packets - (b?.packets ?? 0);
    const bytes = a.bytes - (b?.bytes ?? 0);
    if (packets !== 0 || bytes !== 0) out.set(key, { ...a, packets, bytes });
  }
  return out;
}

/**
 * What the trace says every packet counted: a matched rule step, or a
 * chain's policy verdict that bumped the policy counters, each once per
 * pass with the packet's IP total length at that hook.
 */
export function traceCounts(doc: TraceDocument): Counters {
  const out: Counters = new Map();
  const add = (ns: string, table: string, chain: string, index: number, text: string, bytes: number) => {
    const key = keyOf(ns, table, chain, index);
    const c = out.get(key) ?? { ns, table, chain, index, text, packets: 0, bytes: 0 };
    c.packets += 1;
    c.bytes += bytes;
    out.set(key, c);
  };
  for (const p of doc.packets) {
    let length = p.packet.length;
    for (const s of p.steps) {
      if (s.type === 'hook') length = s.view.length;
      else if (s.type === 'rule' && s.matched) add(s.ns, s.table, s.chain, s.index, s.rule, length);
      else if (s.type === 'verdict' && s.index === 0 && s.counters)
        add(s.ns, s.table, s.chain, 0, `policy ${s.target}`, length);
    }
  }
  return out;
}

/** One sorted line per counter: `NS table CHAIN #i [packets:bytes] rule`; the root namespace is `-`. */
export function render(counters: Counters): string {
  return [...counters.values()]
    .sort(
      (a, b) =>
        a.ns.localeCompare(b.ns) ||
        a.table.localeCompare(b.table) ||
        a.chain.localeCompare(b.chain) ||
        a.index - b.index,
    )
    .map((c) => `${c.ns || '-'} ${c.table} ${c.chain} #${c.index} [${c.packets}:${c.bytes}] ${c.text}`)
    .join('\n');
}

/**
 * The counters the trace's verdict steps report after each packet, the
 * last one per rule or policy: they must be what `iptables-save -c` prints
 * after the probe.
 */
export function traceFinalCounters(doc: TraceDocument, after: Counters): Counters {
  const out: Counters = new Map();
  for (const p of doc.packets) {
    for (const s of p.steps) {
      if (s.type !== 'verdict' || !s.counters) continue;
      const key = keyOf(s.ns, s.table, s.chain, s.index);
      const text = after.get(key)?.text ?? '(not in iptables-save)';
      out.set(key, { ns: s.ns, table: s.table, chain: s.chain, index: s.index, text, ...s.counters });
    }
  }
  return out;
}

/** The counters of `all` at the keys `some` has. */
export function pick(all: Counters, some: Counters): Counters {
  return new Map([...some.keys()].filter((k) => all.has(k)).map((k) => [k, all.get(k)!]));
}
