import type { DropCode, PacketView } from '../kernel/trace/events.js';
import type { TracedPacket, TraceStep } from './json.js';

/**
 * Where one packet's way ended, as kube-proxy's packet-flow tests put it:
 * delivered, dropped or rejected (the sender is told: REJECT, or nothing
 * listens and the kernel answers RST / port unreachable), at which
 * address and port, and whether its source was rewritten on the way
 * (SNAT, MASQUERADE). `sent`: it left the emulated hosts on a device;
 * `in-flight`: nothing final happened in the time followed.
 */
export interface PacketOutcome {
  readonly verdict: 'delivered' | 'dropped' | 'rejected' | 'sent' | 'in-flight';
  /** `IP:PORT` (`IP` for ICMP) of the packet as it was when its way ended. */
  readonly destination: string;
  readonly masqueraded: boolean;
  readonly dropReason: string | null;
  readonly dropCode: DropCode | null;
  /** The namespace where it ended. */
  readonly ns: string;
  /** The chain whose rule DNATed it (`KUBE-SEP-...`), or null. */
  readonly via: string | null;
}

/** Drops after which the sender gets an answer: a REJECT rule, or no socket (RST, port unreachable). */
const REJECTING: ReadonlySet<DropCode> = new Set(['nf-reject', 'no-socket']);

/** The packet's headers after each step: hooks and receptions show them, rewrites change them. */
export function headersAt(start: PacketView, steps: readonly TraceStep[]): PacketView[] {
  let view = start;
  return steps.map((s) => {
    if (s.type === 'hook' || s.type === 'receive') view = s.view;
    else if (s.type === 'rewrite') view = rewritten(view, s.changes);
    return view;
  });
}

function rewritten(view: PacketView, changes: readonly { field: string; to: string }[]): PacketView {
  let out = view;
  for (const c of changes) {
    if (c.field === 'src' || c.field === 'dst') out = { ...out, [c.field]: c.to };
    else if (c.field === 'sport' || c.field === 'dport') out = { ...out, [c.field]: Number(c.to) };
  }
  return out;
}

export const endpointText = (v: PacketView, end: 'src' | 'dst'): string => {
  const port = end === 'src' ? v.sport : v.dport;
  return port === undefined ? v[end] : `${v[end]}:${port}`;
};

/** Source NAT: a nat rewrite of the source on the SNAT hooks. */
const isSnat = (s: TraceStep): boolean =>
  s.type === 'rewrite' &&
  s.by === 'nat' &&
  (s.hook === 'POSTROUTING' || s.hook === 'INPUT') &&
  s.changes.some((c) => c.field === 'src');

/** The summary of a followed packet's way (its first delivery or, failing one, its first end). */
export function packetOutcome(p: TracedPacket): PacketOutcome {
  const views = headersAt(p.packet, p.steps);
  const end = endIndex(p.steps);
  const at = end < 0 ? p.steps.length - 1 : end;
  const view = at < 0 ? p.packet : views[at];
  const last = at < 0 ? null : p.steps[at];
  const dnat = [...p.steps].reverse().find((s) => s.type === 'verdict' && s.target === 'DNAT');
  let verdict: PacketOutcome['verdict'] = 'in-flight';
  if (last?.type === 'deliver') verdict = 'delivered';
  else if (last?.type === 'drop') verdict = REJECTING.has(last.code) ? 'rejected' : 'dropped';
  else if (last?.type === 'xmit') verdict = 'sent';
  return {
    verdict,
    destination: endpointText(view, 'dst'),
    masqueraded: p.steps.some(isSnat),
    dropReason: last?.type === 'drop' ? last.reason : null,
    dropCode: last?.type === 'drop' ? last.code : null,
    ns: last?.ns ?? p.ns,
    via: dnat?.type === 'verdict' ? dnat.chain : null,
  };
}

/** The step that ended the way: the first delivery, else the first drop, else -1. */
function endIndex(steps: readonly TraceStep[]): number {
  const delivered = steps.findIndex((s) => s.type === 'deliver');
  if (delivered >= 0) return delivered;
  const dropped = steps.findIndex((s) => s.type === 'drop');
  if (dropped >= 0) return dropped;
  return steps.length > 0 && steps[steps.length - 1].type === 'xmit' ? steps.length - 1 : -1;
}
