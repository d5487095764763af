import type { World } from '../kernel/world.js';
import type { OutStream } from '../tools/process.js';
import type { YieldToHost } from '../kernel/clock.js';
import { runUntilSettled } from '../kernel/clock.js';
import { Fds, Runtime, Shell, type Ctx } from './interp.js';
import { SharedInput } from './job.js';
import { runShellText } from './run-text.js';
import { stringInput } from '../tools/process.js';
import { commandsLoading } from '../tools/registry.js';

export interface ScriptOptions {
  world: World;
  /** The script text. */
  source: string;
  /** $0 as bash sees it, used in messages such as `lab.sh: line 3: x: command not found`. */
  scriptName: string;
  /** $1, $2, ... */
  args: string[];
  stdout: OutStream;
  stderr: OutStream;
  /** Host directory for `< FILE` and relative paths. */
  cwd: string;
  yieldToHost: YieldToHost;
  /** Leave background jobs running when the script ends (a listener a trace needs after the lab). */
  keepJobs?: boolean;
  /** Receives the programs' progress reports (Proc.progress). */
  progress?: (label: string, done: number, total: number) => void;
}

/**
 * Yields to the host, and when the clock has nothing left to fire, keeps
 * yielding while host work is still finishing (lazy tool modules load over
 * several host turns): the script is only deadlocked once that is done.
 */
function hostYield(rt: Runtime, base: YieldToHost, finished: () => boolean): YieldToHost {
  return async () => {
    await base();
    // Host work (a tool's module still loading) happens at this instant of
    // virtual time: finish it before the clock may jump to the next timer.
    for (let work = pendingHostWork(rt); work.length > 0 && !finished(); work = pendingHostWork(rt)) {
      await Promise.allSettled(work);
      await base();
    }
    if (finished() || rt.world.clock.hasPending()) return;
    for (let i = 0; i < IDLE_TURNS && !finished(); i++) {
      const work = pendingHostWork(rt);
      if (work.length > 0) await Promise.allSettled(work);
      await base();
    }
  };
}

const IDLE_TURNS = 64;

/** What the host still does at this instant: the shell's own I/O and module loads any program started. */
const pendingHostWork = (rt: Runtime): Promise<unknown>[] => [...rt.hostWork, ...commandsLoading()];

const sessions = new WeakMap<World, { rt: Runtime; sh: Shell }>();

/** Exit status when the script waits for something that can never happen. */
export const DEADLOCK_STATUS = 124;

/** Runs a lab script to completion on the virtual clock; resolves to its exit status. */
export async function runScript(options: ScriptOptions): Promise<number> {
  const { world } = options;
  const dialect = options.scriptName === 'bash' ? 'interactive' : 'script';
  // `podpath shell` runs each line as a script on one world: its variables and functions carry over.
  let session = dialect === 'interactive' ? sessions.get(world) : undefined;
  if (!session) {
    const rt = new Runtime(world, options.scriptName, options.cwd);
    session = {
      rt,
      sh: Shell.create(rt, world.root, options.args, dialect, options.scriptName, options.cwd),
    };
    if (dialect === 'interactive') sessions.set(world, session);
  }
  const { rt, sh } = session;
  rt.progress = options.progress;
  const fds = new Fds(
    new Map([[0, new SharedInput(stringInput(''))]]),
    new Map([
      [1, options.stdout],
      [2, options.stderr],
    ]),
  );
  const ctx: Ctx = { fds, job: rt.mainJob, noErrexit: false };
  let done = false;
  const work = runShellText(sh, options.source, ctx).finally(() => (done = true));
  const result = await runUntilSettled(
    world.clock,
    work,
    hostYield(rt, options.yieldToHost, () => done),
  );
  let status: number;
  if (result === 'deadlock') {
    options.stderr.write(
      `${options.scriptName}: line ${sh.lineno}: podpath: deadlock: the script waits for something that never happens\n`,
    );
    rt.mainJob.kill(15);
    status = DEADLOCK_STATUS;
  } else status = result.value;
  // The script is over: when the pid namespace's init exits, the kernel SIGKILLs the rest.
  if (dialect === 'interactive' || options.keepJobs) return status;
  for (const job of rt.jobs) job.kill(9);
  for (let i = 0; i < 3; i++) await options.yieldToHost();
  return status;
}
