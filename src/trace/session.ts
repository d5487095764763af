import { World } from '../kernel/world.js';
import type { YieldToHost } from '../kernel/clock.js';
import { runUntilSettled } from '../kernel/clock.js';
import type { OutStream } from '../tools/process.js';
import { runScript } from '../shell/run.js';
import { TraceRecorder } from '../kernel/trace/recorder.js';
import type { TraceEvent } from '../kernel/trace/events.js';
import type { SyntheticPacket } from '../kernel/trace/inject.js';
import { injectPacket } from '../kernel/trace/inject.js';

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

/**
 * Virtual time a synthetic packet is followed for: long enough for ARP to
 * give up (3 probes a second apart) and the answers to come back.
 */
const DRAIN_MS = 5000;

async function buildLab(lab: LabOptions): Promise<{ world: World; status: number }> {
  const world = new World({ seed: lab.seed ?? 1 });
  const status = await runScript({ ...lab, world, args: [], keepJobs: true });
  return { world, status };
}

/** Runs the lab, then sends one synthetic packet from namespace `from` and records its way. */
export async function traceSynthetic(
  lab: LabOptions,
  from: string,
  spec: SyntheticPacket,
): Promise<TraceResult | { error: string }> {
  const { world, status } = await buildLab(lab);
  const netns = from === '' || from === 'root' ? world.root : world.named.get(from);
  if (!netns) return { error: `namespace "${from}" not found after the lab script` };
  const rec = new TraceRecorder();
  world.trace = rec;
  injectPacket(netns, spec, rec);
  const drained = new Promise<void>((resolve) => world.clock.schedule(DRAIN_MS, resolve));
  await runUntilSettled(world.clock, drained, lab.yieldToHost);
  world.trace = null;
  return { world, status, events: rec.events };
}

/** Runs the lab, then `command` as one more script line, following every packet it makes the hosts send. */
export async function traceCommand(
  lab: LabOptions,
  command: string,
  cmdOut: OutStream,
): Promise<TraceResult> {
  const { world } = await buildLab(lab);
  const rec = new TraceRecorder({ followAll: true });
  world.trace = rec;
  const status = await runScript({
    ...lab,
    world,
    source: command,
    scriptName: lab.scriptName,
    args: [],
    stdout: cmdOut,
  });
  world.trace = null;
  return { world, status, events: rec.events };
}
