import type { Exploration, PathChoice } from './all-paths.js';
import type { TracedPacket } from './json.js';
import { TRACE_SCHEMA_VERSION, traceDocument } from './json.js';
import type { PacketOutcome } from './outcome.js';
import { packetOutcome } from './outcome.js';
import type { ReplySummary } from './reply.js';
import { replySummary } from './reply.js';

/** One way the packet can go, as `--all-paths --json` prints it. */
export interface PathDocument {
  /** 1, 2, ... in the order the paths were taken (the order of the rules). */
  readonly id: number;
  readonly probability: number;
  readonly choices: readonly PathChoice[];
  readonly outcome: PacketOutcome;
  readonly reply?: ReplySummary;
  readonly packets: readonly TracedPacket[];
}

/** Paths with the same end, merged: their probabilities add up. */
export interface OutcomeSummary extends PacketOutcome {
  readonly probability: number;
  /** Ids of the paths that end this way. */
  readonly paths: readonly number[];
}

export interface AllPathsDocument {
  readonly version: typeof TRACE_SCHEMA_VERSION;
  readonly outcomes: readonly OutcomeSummary[];
  readonly paths: readonly PathDocument[];
  /** Not every branch was followed (too many). */
  readonly truncated: boolean;
}

/** Twelve significant digits: products of binary fractions print as people expect (0.5, not 0.50000000001). */
const tidy = (p: number): number => Number(p.toPrecision(12));

const sameEnd = (a: PacketOutcome, b: PacketOutcome): boolean =>
  a.verdict === b.verdict &&
  a.destination === b.destination &&
  a.masqueraded === b.masqueraded &&
  a.dropReason === b.dropReason &&
  a.ns === b.ns &&
  a.via === b.via;

export function allPathsDocument(ex: Exploration, reply: boolean): AllPathsDocument {
  const paths = ex.paths.map((p, i): PathDocument => {
    const doc = traceDocument(p.events);
    const first = doc.packets[0];
    return {
      id: i + 1,
      probability: tidy(p.probability),
      choices: p.choices.map((c) => ({ ...c, probability: tidy(c.probability) })),
      outcome: packetOutcome(first),
      ...(reply ? { reply: replySummary(doc) } : {}),
      packets: doc.packets,
    };
  });
  const outcomes: { outcome: PacketOutcome; probability: number; paths: number[] }[] = [];
  for (const p of paths) {
    const same = outcomes.find((o) => sameEnd(o.outcome, p.outcome));
    if (same) {
      same.probability += p.probability;
      same.paths.push(p.id);
    } else outcomes.push({ outcome: p.outcome, probability: p.probability, paths: [p.id] });
  }
  return {
    version: TRACE_SCHEMA_VERSION,
    // `probability` first: the line a person (or jq) reads.
    outcomes: outcomes.map((o) => ({ probability: tidy(o.probability), ...o.outcome, paths: o.paths })),
    paths,
    truncated: ex.truncated,
  };
}
