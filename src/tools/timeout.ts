import type { Command, InStream, Proc } from './process.js';
import { Killed } from './process.js';
import type { Netns } from '../kernel/netns.js';
import { findCommand } from './registry.js';
import { parseSignal } from './signals.js';

const HINT = "Try 'timeout --help' for more information.\n";

/** Programs that are shell builtins here but real programs on Linux: run through the shell. */
const SHELL_PROGRAMS = new Set(['sleep', 'echo', 'true', 'false', 'printf', 'test', 'env', 'kill']);

/** parse_duration: a float with an optional s/m/h/d suffix, in ms; null when invalid. */
function duration(text: string): number | null {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(text);
  if (!m) return null;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]!;
  return Number(m[1]) * unit * 1000;
}

/**
 * A process group of its own for the command timeout runs: its sleeps and
 * reads end with Killed when timeout (or the job around it) signals it,
 * and whatever it execs (`ip netns exec NS CMD`) runs in the same group.
 */
class Group {
  killed: number | null = null;
  private readonly killers = new Set<(signal: number) => void>();

  kill(signal: number): void {
    if (this.killed !== null) return;
    this.killed = signal;
    for (const k of [...this.killers]) k(signal);
  }

  onKill(cb: (signal: number) => void): () => void {
    this.killers.add(cb);
    return () => this.killers.delete(cb);
  }

  /** Rejects with Killed when the group is signalled first. */
  guard<T>(p: Promise<T>): Promise<T> {
    if (this.killed !== null) return Promise.reject(new Killed(this.killed));
    return new Promise<T>((resolve, reject) => {
      const off = this.onKill((s) => reject(new Killed(s)));
      p.then(
        (v) => (off(), resolve(v)),
        (e) => (off(), reject(e)),
      );
    });
  }

  sleep(parent: Proc, ms: number): Promise<void> {
    if (this.killed !== null) return Promise.reject(new Killed(this.killed));
    return new Promise((resolve, reject) => {
      const off = this.onKill((s) => {
        timer.cancel();
        reject(new Killed(s));
      });
      const timer = parent.world.clock.schedule(ms, () => {
        off();
        resolve();
      });
    });
  }

  /** Runs argv in this group; undefined when no such program exists. */
  async run(parent: Proc, argv: readonly string[], netns: Netns): Promise<number | undefined> {
    const command = await findCommand(argv[0]);
    if (!command) {
      if (!SHELL_PROGRAMS.has(argv[0])) return undefined;
      return this.guard(parent.exec(argv, { netns }));
    }
    const stdin: InStream = { read: () => this.guard(parent.stdin.read()) };
    const child: Proc = {
      ...parent,
      netns,
      argv,
      stdin,
      sleep: (ms) => this.sleep(parent, ms),
      onKill: (cb) => this.onKill(cb),
      exec: async (a, o) => {
        const status = await this.run(child, a, o?.netns ?? netns);
        if (status !== undefined) return status;
        parent.stderr.write(`exec of "${a[0]}" failed: No such file or directory\n`);
        return 1;
      },
    };
    return command(child);
  }
}

/**
 * timeout (coreutils): run a command, and signal it (TERM unless -s says
 * otherwise) once DURATION has passed on the virtual clock. Exits with the
 * command's status, or 124 when it timed out (128+signal for an uncaught
 * signal with --preserve-status), 125 for its own errors, 127 for a
 * command that does not exist.
 */
export const timeout: Command = async (proc) => {
  const args = proc.argv.slice(1);
  let signal = 15;
  let preserve = false;
  while (args.length && args[0].startsWith('-') && args[0] !== '-') {
    const a = args.shift()!;
    if (a === '--') break;
    if (a === '--preserve-status') preserve = true;
    else if (a === '--foreground' || a === '-v' || a === '--verbose') continue;
    else if (a === '-s' || a === '--signal' || a.startsWith('--signal=') || /^-s./.test(a)) {
      const v = a.startsWith('--signal=')
        ? a.slice(9)
        : a.length > 2 && a[1] === 's'
          ? a.slice(2)
          : args.shift();
      const s = v === undefined ? null : parseSignal(v);
      if (s === null) {
        proc.stderr.write(`timeout: ${v ?? ''}: invalid signal\n${HINT}`);
        return 125;
      }
      signal = s;
    } else if (a === '-k' || a === '--kill-after' || a.startsWith('--kill-after=') || /^-k./.test(a)) {
      if (!a.includes('=') && a.length === 2) args.shift();
    } else {
      proc.stderr.write(`timeout: unrecognized option '${a}'\n${HINT}`);
      return 125;
    }
  }
  if (args.length < 2) {
    proc.stderr.write(`timeout: missing operand\n${HINT}`);
    return 125;
  }
  const ms = duration(args[0]);
  if (ms === null) {
    proc.stderr.write(`timeout: invalid time interval '${args[0]}'\n${HINT}`);
    return 125;
  }
  const group = new Group();
  const offParent = proc.onKill((s) => group.kill(s));
  let timedOut = false;
  const timer =
    ms > 0
      ? proc.world.clock.schedule(ms, () => {
          timedOut = true;
          group.kill(signal);
        })
      : null;
  try {
    const status = await group.run(proc, args.slice(1), proc.netns);
    if (status === undefined) {
      proc.stderr.write(`timeout: failed to run command '${args[1]}': No such file or directory\n`);
      return 127;
    }
    return timedOut && !preserve ? 124 : status;
  } catch (e) {
    if (!(e instanceof Killed) || !timedOut) throw e;
    return preserve ? 128 + e.signal : 124;
  } finally {
    timer?.cancel();
    offParent();
  }
};
