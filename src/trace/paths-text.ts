import type { AllPathsDocument, OutcomeSummary } from './paths.js';
import type { PacketOutcome } from './outcome.js';
import type { ReplySummary } from './reply.js';
import { flowText } from './reply.js';
import type { Palette } from './text.js';
import { nsLabel, packetText, percent, PLAIN, renderText } from './text.js';
import type { TraceDocument } from './json.js';

/** `delivered in default.web-1`, `dropped in node-a: ...`: how a packet's way ended. */
export function endText(o: PacketOutcome, pal: Palette): string {
  switch (o.verdict) {
    case 'delivered':
      return pal.good(`delivered in ${nsLabel(o.ns)}`);
    case 'dropped':
    case 'rejected':
      return pal.bad(`${o.verdict} in ${nsLabel(o.ns)}: ${o.dropReason ?? ''}`);
    case 'sent':
      return `sent out of ${nsLabel(o.ns)}`;
    case 'in-flight':
      return 'still in flight';
  }
}

/** `33.3% -> 10.244.1.5:8080 via KUBE-SEP-...: delivered in default.web-2, masqueraded`. */
export function outcomeLine(o: OutcomeSummary, pal: Palette): string {
  const via = o.via ? ` via ${o.via}` : '';
  const masq = o.masqueraded ? ', masqueraded' : '';
  return `${pal.bold(percent(o.probability).padStart(6))} -> ${o.destination}${via}: ${endText(o, pal)}${masq}`;
}

/** The reply's way back in a few lines: where it started, each reverse-NAT rewrite, where it arrived. */
export function replyText(r: ReplySummary, pal: Palette): string {
  if (r.packet === null || !r.sent) return 'reply: nothing answered the packet\n';
  const what = r.kind === 'icmp-error' ? 'ICMP error' : r.kind === 'tcp-reset' ? 'reset' : 'reply';
  const lines = [`${what} (packet ${r.packet}): ${packetText(r.sent)} from ${nsLabel(r.from ?? '')}`];
  for (const w of r.rewrites)
    lines.push(
      `  ${nsLabel(w.ns)} ${w.hook}: ${w.kind} ${w.changes.map((c) => `${c.field} ${c.from} -> ${c.to}`).join(', ')}`,
    );
  if (r.verdict === 'returned' && r.arrived) {
    const as = r.matches
      ? pal.good(r.kind === 'icmp-error' ? 'an error about the packet sent' : 'the answer to the packet sent')
      : pal.bad('not the answer to the packet sent (addresses or ports differ)');
    lines.push(`  => back at the sender as ${flowText(r.arrived)}: ${as}`);
  } else lines.push(`  => ${pal.bad(`${r.verdict}${r.dropReason ? `: ${r.dropReason}` : ''}`)}`);
  return lines.join('\n') + '\n';
}

/** The trace of one packet, then its reply's summary. */
export function renderWithReply(
  doc: TraceDocument,
  reply: ReplySummary | null,
  pal: Palette = PLAIN,
): string {
  return renderText(doc, pal) + (reply ? `\n${replyText(reply, pal)}` : '');
}

/** Every outcome with its probability, then each path's trace. */
export function renderAllPaths(doc: AllPathsDocument, pal: Palette = PLAIN): string {
  const first = doc.paths[0]?.packets[0];
  const head = first ? ` for ${packetText(first.packet)} from ${nsLabel(first.ns)}` : '';
  const n = doc.paths.length;
  const out = [
    `${n} path${n === 1 ? '' : 's'}${head}${doc.truncated ? ' (more not followed)' : ''}:`,
    ...doc.outcomes.map((o) => `  ${outcomeLine(o, pal)}`),
    '',
  ];
  for (const p of doc.paths) {
    const choices = p.choices.map((c) => `${c.what}: ${c.outcome}`).join('; ') || 'no chance decision';
    out.push(pal.bold(`== path ${p.id} (${percent(p.probability)}): ${choices}`));
    out.push(renderText({ version: doc.version, packets: p.packets }, pal));
    if (p.reply) out.push(replyText(p.reply, pal));
  }
  return out.join('\n');
}
