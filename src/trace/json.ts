import type { DropCode, OriginEvent, PacketView, RuleEvent, TraceEvent } from '../kernel/trace/events.js';
import type { DistributiveOmit } from '../kernel/trace/recorder.js';
import { ruleSpecText } from '../tools/iptables/rule-text.js';

/** The version of the JSON document (docs/trace-schema.md); bumped on any incompatible change. */
export const TRACE_SCHEMA_VERSION = 3;

/** One event as the document carries it: no packet id (the packet holds it), rules as iptables-save text. */
export type TraceStep =
  | DistributiveOmit<Exclude<TraceEvent, RuleEvent | OriginEvent>, 'packet'>
  | (Omit<RuleEvent, 'packet' | 'rule'> & { readonly rule: string });

/** How a packet's way ended (a flooded frame can end several ways). */
export type TraceOutcome =
  | { readonly kind: 'delivered'; readonly ns: string; readonly socket: string; readonly port?: number }
  | { readonly kind: 'dropped'; readonly ns: string; readonly code: DropCode; readonly reason: string }
  | { readonly kind: 'sent'; readonly ns: string; readonly dev: string }
  | { readonly kind: 'in-flight' };

export interface TracedPacket {
  readonly id: number;
  readonly ns: string;
  readonly origin: 'socket' | 'kernel' | 'wire';
  /** The packet whose handling sent this one, if it is in the trace. */
  readonly cause: number | null;
  readonly packet: PacketView;
  readonly outcomes: readonly TraceOutcome[];
  readonly steps: readonly TraceStep[];
}

export interface TraceDocument {
  readonly version: typeof TRACE_SCHEMA_VERSION;
  readonly packets: readonly TracedPacket[];
}

/** Groups the recorder's events by packet, in the order the packets started. */
export function traceDocument(events: readonly TraceEvent[]): TraceDocument {
  const packets = new Map<number, { origin: TraceEvent | null; steps: TraceStep[] }>();
  for (const e of events) {
    let p = packets.get(e.packet);
    if (!p) packets.set(e.packet, (p = { origin: null, steps: [] }));
    if (e.type === 'origin') p.origin = e;
    else p.steps.push(stepOf(e));
  }
  const out: TracedPacket[] = [];
  for (const [id, { origin, steps }] of packets) {
    if (origin?.type !== 'origin') continue;
    out.push({
      id,
      ns: origin.ns,
      origin: origin.by,
      cause: origin.cause ?? null,
      packet: origin.view,
      outcomes: outcomesOf(steps),
      steps,
    });
  }
  return { version: TRACE_SCHEMA_VERSION, packets: out };
}

function stepOf(e: Exclude<TraceEvent, OriginEvent>): TraceStep {
  if (e.type === 'rule') {
    const { packet: _id, type: _t, ns: _n, rule, ...rest } = e;
    // As iptables-save prints it: a rule without a target has no trailing space.
    return { type: e.type, ns: e.ns, ...rest, rule: ruleSpecText(rule).trimEnd() };
  }
  const { packet: _id, type: _t, ns: _n, ...rest } = e;
  // `type` and `ns` first: the document reads step by step.
  return { type: e.type, ns: e.ns, ...rest } as TraceStep;
}

/** Every drop and delivery; failing those, the last device it left by. */
function outcomesOf(steps: readonly TraceStep[]): TraceOutcome[] {
  const ends: TraceOutcome[] = [];
  for (const s of steps) {
    if (s.type === 'drop') ends.push({ kind: 'dropped', ns: s.ns, code: s.code, reason: s.reason });
    if (s.type === 'deliver')
      ends.push({
        kind: 'delivered',
        ns: s.ns,
        socket: s.socket,
        ...(s.port === undefined ? {} : { port: s.port }),
      });
  }
  if (ends.length > 0) return ends;
  const last = steps[steps.length - 1];
  if (last?.type === 'xmit') return [{ kind: 'sent', ns: last.ns, dev: last.dev }];
  return [{ kind: 'in-flight' }];
}
