import type { PacketView } from '../kernel/trace/events.js';
import type { TraceDocument, TracedPacket, TraceStep } from './json.js';
import { endpointText, headersAt, packetOutcome } from './outcome.js';

/** A rewrite of the reply on its way back (conntrack's reverse NAT: un-DNAT, un-SNAT). */
export interface ReplyRewrite {
  readonly ns: string;
  readonly hook: string;
  /** `un-DNAT` (the source goes back to what the sender asked for), `un-SNAT` (the destination back to the sender), or `nat`. */
  readonly kind: 'un-DNAT' | 'un-SNAT' | 'nat';
  readonly changes: readonly { readonly field: string; readonly from: string; readonly to: string }[];
}

/**
 * The answer to the traced packet on its way back (`--reply`): which packet
 * it is, where it started, how conntrack rewrote it, and whether it reached
 * the sender as the answer to what was sent (addresses and ports swapped).
 */
export interface ReplySummary {
  /** Trace id of the answer, null when nothing answered. */
  readonly packet: number | null;
  /** What answered: the kernel's `reply` (SYN-ACK, echo reply, the UDP server's answer), a `tcp-reset`, an `icmp-error`. */
  readonly kind?: 'reply' | 'tcp-reset' | 'icmp-error';
  /** `returned` (back at the sender), or how it ended elsewhere; `none` when nothing answered. */
  readonly verdict: 'returned' | 'delivered' | 'dropped' | 'rejected' | 'sent' | 'in-flight' | 'none';
  readonly from?: string;
  /** The answer as it was sent. */
  readonly sent?: PacketView;
  readonly rewrites: readonly ReplyRewrite[];
  /** The answer as it reached the sender. */
  readonly arrived?: PacketView;
  /** It arrived addressed from where the packet was sent to, to where it came from. */
  readonly matches?: boolean;
  readonly dropReason?: string | null;
}

type Rewrite = Extract<TraceStep, { type: 'rewrite' }>;

const kindOf = (s: Rewrite): ReplyRewrite['kind'] => {
  const fields = new Set(s.changes.map((c) => c.field));
  if (fields.has('src') || fields.has('sport')) return 'un-DNAT';
  if (fields.has('dst') || fields.has('dport')) return 'un-SNAT';
  return 'nat';
};

/** The reply's headers where it reaches the sender, or undefined when it never does. */
function arrival(reply: TracedPacket, sender: TracedPacket): PacketView | undefined {
  const views = headersAt(reply.packet, reply.steps);
  // From outside: back out of the device the packet came in on; from a namespace: as it was
  // handed to the protocols there (after the INPUT hook's un-SNAT of a locally sent packet).
  const receivedIn = sender.steps.find((s) => s.type === 'receive');
  const i =
    sender.origin === 'wire' && receivedIn?.type === 'receive'
      ? reply.steps.findIndex((s) => s.type === 'xmit' && s.ns === sender.ns && s.dev === receivedIn.dev)
      : lastIndex(reply.steps, (s) => s.ns === sender.ns && s.type !== 'xmit' && s.type !== 'route');
  return i < 0 ? undefined : views[i];
}

function lastIndex<T>(list: readonly T[], pred: (x: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return i;
  return -1;
}

const answers = (reply: PacketView, sent: PacketView): boolean =>
  reply.src === sent.dst &&
  reply.dst === sent.src &&
  (sent.sport === undefined || (reply.sport === sent.dport && reply.dport === sent.sport));

/** The reply to the first packet of `doc`: the first packet that answers it. */
export function replySummary(doc: TraceDocument): ReplySummary {
  const sender = doc.packets[0];
  const reply = doc.packets.find((p) => p.cause === sender?.id) ?? doc.packets[1];
  if (!sender || !reply) return { packet: null, verdict: 'none', rewrites: [] };
  const rewrites = reply.steps
    .filter((s): s is Rewrite => s.type === 'rewrite' && s.by === 'nat')
    .map((s) => ({ ns: s.ns, hook: s.hook, kind: kindOf(s), changes: s.changes }));
  const arrived = arrival(reply, sender);
  const end = packetOutcome(reply);
  const response = sender.steps.find((s) => s.type === 'response' && s.response === reply.id);
  const kind = response?.type === 'response' ? response.kind : 'reply';
  // An ICMP error comes from whoever refused the packet: it answers when it reaches the sender.
  const matches = (v: PacketView) =>
    kind === 'icmp-error' ? v.dst === sender.packet.src : answers(v, sender.packet);
  return {
    packet: reply.id,
    kind,
    verdict: arrived ? 'returned' : end.verdict,
    from: reply.ns,
    sent: reply.packet,
    rewrites,
    ...(arrived ? { arrived, matches: matches(arrived) } : { dropReason: end.dropReason }),
  };
}

/** `10.96.0.10:80 > 10.244.0.2:32768`. */
export const flowText = (v: PacketView): string => `${endpointText(v, 'src')} > ${endpointText(v, 'dst')}`;
