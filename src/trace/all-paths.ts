import type { YieldToHost } from '../kernel/clock.js';
import type { TakenChance } from '../kernel/trace/chance.js';
import type { TraceEvent } from '../kernel/trace/events.js';
import type { TraceRequest, WorldBuilder } from './session.js';
import { tracePath } from './session.js';

/** A chance decision as a path took it. */
export interface PathChoice {
  readonly what: string;
  readonly outcome: string;
  readonly probability: number;
}

/** One way the packet can go: the decisions that lead there, their joint probability, and its trace. */
export interface ExploredPath {
  readonly probability: number;
  readonly choices: readonly PathChoice[];
  readonly events: readonly TraceEvent[];
  /** The lab script's exit status (the same on every path). */
  readonly status: number;
}

export interface Exploration {
  readonly paths: readonly ExploredPath[];
  /** More branches existed than `maxPaths` allowed to follow. */
  readonly truncated: boolean;
}

/** Paths followed at most: each is one build of the world and one packet. */
export const MAX_PATHS = 256;

const choicesOf = (decisions: readonly TakenChance[]): PathChoice[] =>
  decisions.map((d) => ({ what: d.what, outcome: d.outcomes[d.index], probability: d.weights[d.index] }));

/**
 * Every way the packet can go (`trace --all-paths`). The world is
 * deterministic, so a path is named by the outcomes of its chance
 * decisions: the first run draws none (each decision takes its first
 * possible outcome), and every other possible outcome of every decision a
 * run met becomes the prefix of another run, depth first, so the paths come
 * in the order of the rules (the first endpoint first). Probabilities
 * multiply along a path; impossible outcomes (weight 0) are never taken.
 */
export async function explorePaths(
  build: WorldBuilder,
  req: TraceRequest,
  yieldToHost: YieldToHost,
  maxPaths = MAX_PATHS,
): Promise<Exploration | { error: string }> {
  const paths: ExploredPath[] = [];
  const todo: number[][] = [[]];
  while (todo.length > 0) {
    if (paths.length >= maxPaths) return { paths, truncated: true };
    const prefix = todo.pop()!;
    const run = await tracePath(build, req, yieldToHost, prefix);
    if ('error' in run) return run;
    const { decisions } = run;
    paths.push({
      probability: decisions.reduce((p, d) => p * d.weights[d.index], 1),
      choices: choicesOf(decisions),
      events: run.events,
      status: run.status,
    });
    // Decisions this run met beyond its prefix: their other outcomes are paths still to take.
    for (let i = prefix.length; i < decisions.length; i++) {
      const taken = decisions.slice(0, i).map((d) => d.index);
      const { weights, index } = decisions[i];
      for (let alt = weights.length - 1; alt >= 0; alt--)
        if (alt !== index && weights[alt] > 0) todo.push([...taken, alt]);
    }
  }
  return { paths, truncated: false };
}
