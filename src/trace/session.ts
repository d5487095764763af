import { World } from '../kernel/world.js';
import type { YieldToHost } from '../kernel/clock.js';
import { runUntilSettled } from '../kernel/clock.js';
import type { OutStream } from '../tools/process.js';
import { runScript } from '../shell/run.js';
import { TraceRecorder } from '../kernel/trace/recorder.js';
import type { TraceEvent } from '../kernel/trace/events.js';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import { injectFrame, injectPacket } from '../kernel/trace/inject.js';
import type { TakenChance } from '../kernel/trace/chance.js';
import { ChanceTracker } from '../kernel/trace/chance.js';
import { parseIPv4 } from '../net/ipv4.js';
import { traceDocument } from './json.js';
import { packetOutcome } from './outcome.js';

/** A lab to build before tracing: the script and where its output goes. */
export interface LabOptions {
  readonly source: string;
  readonly scriptName: string;
  readonly seed?: number;
  readonly cwd: string;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly yieldToHost: YieldToHost;
}

export interface TraceResult {
  readonly world: World;
  /** The lab script's exit status. */
  readonly status: number;
  readonly events: readonly TraceEvent[];
}

/** A fresh world to trace in, built the same way every time (one per path with --all-paths). */
export type WorldBuilder = () => Promise<{ world: World; status: number }>;

/** Where the traced packet starts. */
export type PacketSource =
  /** Sent from a namespace, as a socket there would send it. */
  | { readonly kind: 'netns'; readonly ns: string }
  /** Arriving from outside on a device of a namespace (its source address given). */
  | { readonly kind: 'wire'; readonly ns: string; readonly dev: string };

export interface TraceRequest {
  readonly source: PacketSource;
  readonly spec: SyntheticPacket;
  /** Follow the answer back to the sender too (`--reply`). */
  readonly reply?: boolean;
}

/** One run of the packet: its events and the chance decisions taken on its way. */
export interface PathRun extends TraceResult {
  readonly decisions: readonly TakenChance[];
}

/**
 * Virtual time a synthetic packet is followed for: long enough for ARP to
 * give up (3 probes a second apart) and the answers to come back.
 */
const DRAIN_MS = 5000;

/** A builder that runs the lab script in a new world. */
export function labBuilder(lab: LabOptions): WorldBuilder {
  return async () => {
    const world = new World({ seed: lab.seed ?? 1 });
    const status = await runScript({ ...lab, world, args: [], keepJobs: true });
    return { world, status };
  };
}

async function drain(world: World, yieldToHost: YieldToHost): Promise<void> {
  const drained = new Promise<void>((resolve) => world.clock.schedule(DRAIN_MS, resolve));
  await runUntilSettled(world.clock, drained, yieldToHost);
}

const nsOf = (world: World, name: string) =>
  name === '' || name === 'root' ? world.root : world.named.get(name);

/** Sends the packet where `source` says; an error when the namespace or device is not there. */
function send(world: World, req: TraceRequest, rec: TraceRecorder): string | null {
  const { source, spec } = req;
  const netns = nsOf(world, source.ns);
  if (!netns) return `namespace "${source.ns}" not found after the lab script`;
  if (source.kind === 'netns') {
    injectPacket(netns, spec, rec);
    return null;
  }
  const dev = netns.linkByName(source.dev);
  if (!dev) return `device "${source.dev}" not found in namespace "${source.ns}"`;
  if (spec.src === undefined) return 'a packet from outside needs its source address';
  injectFrame(dev, { ...spec, src: spec.src }, rec);
  return null;
}

/**
 * UDP has no answer of the kernel's own: with --reply, the socket the
 * packet reached answers it (swapped addresses and ports), as a server would.
 */
function udpAnswer(world: World, events: readonly TraceEvent[], rec: TraceRecorder): boolean {
  const doc = traceDocument(events);
  const first = doc.packets[0];
  if (!first || first.packet.proto !== 'udp' || doc.packets.some((p) => p.cause === first.id)) return false;
  const out = packetOutcome(first);
  const netns = out.verdict === 'delivered' ? nsOf(world, out.ns) : undefined;
  // The packet as the socket saw it (after any NAT on the way): the answer swaps its ends.
  const seen = first.steps.filter((s) => s.type === 'receive' && s.ns === out.ns).pop();
  const view = seen?.type === 'receive' ? seen.view : first.packet;
  const src = parseIPv4(view.dst);
  const dst = parseIPv4(view.src);
  if (!netns || src === null || dst === null) return false;
  injectPacket(netns, { proto: 'udp', src, dst, sport: view.dport ?? 0, dport: view.sport ?? 0 }, rec);
  return true;
}

/**
 * Builds a world, sends the packet and follows it (and with `reply` its
 * answer). `forced`: the outcomes to take at the packet's chance decisions,
 * in order (--all-paths); null draws them from the seeded RNG.
 */
export async function tracePath(
  build: WorldBuilder,
  req: TraceRequest,
  yieldToHost: YieldToHost,
  forced: readonly number[] | null = null,
): Promise<PathRun | { error: string }> {
  const { world, status } = await build();
  const rec = new TraceRecorder({ followReplies: req.reply ?? false });
  const chance = new ChanceTracker(rec, forced);
  world.trace = rec;
  world.rng.chooser = chance;
  try {
    const error = send(world, req, rec);
    if (error) return { error };
    await drain(world, yieldToHost);
    if (req.reply && udpAnswer(world, rec.events, rec)) await drain(world, yieldToHost);
  } finally {
    world.trace = null;
    world.rng.chooser = null;
  }
  return { world, status, events: rec.events, decisions: chance.decisions };
}

/** Runs the lab, then sends one synthetic packet from namespace `from` and records its way. */
export async function traceSynthetic(
  lab: LabOptions,
  from: string,
  spec: SyntheticPacket,
): Promise<TraceResult | { error: string }> {
  return tracePath(labBuilder(lab), { source: { kind: 'netns', ns: from }, spec }, lab.yieldToHost);
}

/** Runs the lab, then `command` as one more script line, following every packet it makes the hosts send. */
export async function traceCommand(
  lab: LabOptions,
  command: string,
  cmdOut: OutStream,
): Promise<TraceResult> {
  const { world } = await labBuilder(lab)();
  const rec = new TraceRecorder({ followAll: true });
  world.trace = rec;
  world.rng.chooser = new ChanceTracker(rec);
  try {
    const status = await runScript({
      ...lab,
      world,
      source: command,
      scriptName: lab.scriptName,
      args: [],
      stdout: cmdOut,
    });
    return { world, status, events: rec.events };
  } finally {
    world.trace = null;
    world.rng.chooser = null;
  }
}
