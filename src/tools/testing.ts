import type { World } from '../kernel/world.js';
import type { Netns } from '../kernel/netns.js';
import { runUntilSettled } from '../kernel/clock.js';
import { commandsLoading, findCommand } from './registry.js';
import type { InStream, Proc } from './process.js';
import { chunksInput, Killed, stringInput } from './process.js';

/** Output of one command run by `runTool`. */
export interface ToolRun {
  stdout: string;
  stderr: string;
  status: number;
}

const setImmediateTurn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Runs one command against a world without the shell, for unit tests of
 * tools: `await runTool(world, ['ip', 'link', 'show'])`. Drives the virtual
 * clock until the command finishes.
 */
export async function runTool(
  world: World,
  argv: string[],
  /** `stdin` as a list: a pipe's writes, read one by one (their concatenation is the input). */
  options: {
    netns?: Netns;
    stdin?: string | readonly string[];
    progress?: (label: string, done: number, total: number) => void;
  } = {},
): Promise<ToolRun> {
  const out = { stdout: '', stderr: '' };
  // Module loads are host work at one instant of virtual time: settle them before the clock moves.
  const hostYield = async () => {
    await setImmediateTurn();
    for (let pending = commandsLoading(); pending.length > 0; pending = commandsLoading()) {
      await Promise.allSettled(pending);
      await setImmediateTurn();
    }
  };
  const exec = async (args: readonly string[], netns: Netns, stdin: InStream): Promise<number> => {
    const command = await findCommand(args[0]);
    if (!command) {
      out.stderr += `${args[0]}: command not found\n`;
      return 127;
    }
    const killers: ((s: number) => void)[] = [];
    const proc: Proc = {
      world,
      netns,
      argv: args,
      stdin,
      stdout: { write: (t) => void (out.stdout += t) },
      stderr: { write: (t) => void (out.stderr += t) },
      env: new Map(),
      cwd: process.cwd(),
      sleep: (ms) =>
        new Promise((resolve, reject) => {
          const timer = world.clock.schedule(ms, resolve);
          killers.push((s) => (timer.cancel(), reject(new Killed(s))));
        }),
      onKill: (cb) => {
        killers.push(cb);
        return () => killers.splice(killers.indexOf(cb), 1);
      },
      exec: (child, opts) => exec(child, opts?.netns ?? netns, stringInput('')),
      readFile: () => null,
      progress: options.progress,
    };
    return command(proc);
  };
  const work = exec(
    argv,
    options.netns ?? world.root,
    typeof options.stdin === 'object' ? chunksInput(options.stdin) : stringInput(options.stdin ?? ''),
  );
  // A command that needs neither the clock nor the host (an iptables-restore of a few chains, a
  // kube-proxy partial sync on each node of a cluster) settles within microtasks: what runUntilSettled
  // would find after its first host turn, without waiting for that turn.
  const early = await settledSoon(work);
  if (early !== null) {
    if ('error' in early) throw early.error;
    return { ...out, status: early.value };
  }
  const result = await runUntilSettled(world.clock, work, hostYield);
  if (result === 'deadlock') throw new Error(`${argv.join(' ')}: waits forever`);
  return { ...out, status: result.value };
}

/** Microtask turns runTool gives a command to settle before it turns to the clock and the host. */
const MICROTASK_TURNS = 256;

/** `work`'s outcome if it settles within MICROTASK_TURNS microtasks, else null (it may still settle later). */
async function settledSoon<T>(work: Promise<T>): Promise<{ value: T } | { error: unknown } | null> {
  let outcome: { value: T } | { error: unknown } | null = null;
  work.then(
    (value) => void (outcome = { value }),
    (error: unknown) => void (outcome = { error }),
  );
  for (let i = 0; i < MICROTASK_TURNS && outcome === null; i++) await undefined;
  return outcome;
}
