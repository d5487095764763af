/**
 * `podpath trace --node-dump DIR`: the node rebuilt from its dump, then one
 * packet followed through it: sent by a socket on the node, or arriving on
 * one of its interfaces (`--in DEV`). Its neighbours are not in the dump,
 * so a packet routed out ends as "sent on DEV" (to the route's gateway).
 */
import { World } from '../../kernel/world.js';
import type { YieldToHost } from '../../kernel/clock.js';
import { runUntilSettled } from '../../kernel/clock.js';
import { TraceRecorder } from '../../kernel/trace/recorder.js';
import type { TraceEvent } from '../../kernel/trace/events.js';
import type { SyntheticPacket } from '../../kernel/trace/inject.js';
import { injectFrame, injectPacket } from '../../kernel/trace/inject.js';
import type { DumpError, DumpWarning } from './error.js';
import type { DumpFiles } from './files.js';
import { parseDump } from './dump.js';
import { buildNode } from './build.js';

export interface NodeTraceOptions {
  /** The interface the packet arrives on; absent: a socket on the node sends it. */
  readonly in?: string;
  readonly seed?: number;
  readonly yieldToHost: YieldToHost;
}

export interface NodeTrace {
  readonly world: World;
  readonly events: readonly TraceEvent[];
  readonly warnings: readonly DumpWarning[];
}

/** As long as session.ts follows a synthetic packet: ARP gives up within it (not that dummies ARP). */
const DRAIN_MS = 5000;

/** Builds the node from `files` into a fresh world. */
export async function rebuildNode(
  files: DumpFiles,
  seed = 1,
): Promise<{ world: World; warnings: DumpWarning[] } | DumpError> {
  const dump = parseDump(files);
  if (dump instanceof Error) return dump;
  const world = new World({ seed });
  const built = await buildNode(world, dump);
  return built instanceof Error ? built : { world, warnings: built };
}

export async function traceNodeDump(
  files: DumpFiles,
  spec: SyntheticPacket,
  options: NodeTraceOptions,
): Promise<NodeTrace | DumpError | { error: string }> {
  const node = await rebuildNode(files, options.seed);
  if (node instanceof Error) return node;
  const { world } = node;
  // The answers the node sends (echo reply, RST, ICMP error) are followed too: its counters count them.
  const rec = new TraceRecorder({ followReplies: true });
  if (options.in !== undefined) {
    const dev = world.root.linkByName(options.in);
    if (!dev) return { error: `--in ${options.in}: the dump has no such interface` };
    if (spec.src === undefined) return { error: '--in needs -s SRC (the sender is not on the node)' };
    world.trace = rec;
    injectFrame(dev, { ...spec, src: spec.src }, rec);
  } else {
    world.trace = rec;
    injectPacket(world.root, spec, rec);
  }
  const drained = new Promise<void>((resolve) => world.clock.schedule(DRAIN_MS, resolve));
  await runUntilSettled(world.clock, drained, options.yieldToHost);
  world.trace = null;
  return { world, events: rec.events, warnings: node.warnings };
}
