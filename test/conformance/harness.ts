/**
 * Conformance harness: runs one lab script with real bash in a throwaway
 * network world (unshare) and with `bin/podpath run`, then compares the
 * normalized stdout, stderr and exit status.
 *
 * The real side never touches the machine's own network namespace:
 * `unshare --net --mount --pid --fork` gives it a fresh netns, a private
 * mount namespace with its own tmpfs on /run/netns (so `ip netns add` names
 * vanish with it) and a pid namespace (so every process it started dies
 * when the script's bash, pid 1 there, exits or is killed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unifiedDiff } from './diff.js';
import { normalize } from './normalize.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PODPATH_BIN = join(REPO_ROOT, 'bin/podpath');
export const PODPATH_MAIN = join(REPO_ROOT, 'dist/cli/main.js');

/** Directories whose *.sh files are conformance scripts. */
export const SCRIPT_DIRS = ['test/conformance', 'examples'];

/** Real tools every real-side run needs. */
export const REQUIRED_TOOLS = ['bash', 'unshare', 'ip', 'ping'];

export interface Script {
  /** Test name: `smoke-lo.sh`, or `examples/router.sh` outside test/conformance. */
  name: string;
  /** Absolute directory; the script runs with this cwd. */
  dir: string;
  /** File name, passed as `bash FILE` so bash's messages say `FILE: line N: ...`. */
  file: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** Exit status, or `signal NAME` / `timeout after Ns` when it did not exit on its own. */
  status: number | string;
  ms: number;
}

export interface Comparison {
  script: Script;
  real: RunResult;
  podpath: RunResult;
  ok: boolean;
  /** Unified diffs of the differing streams, '' when everything matched. */
  report: string;
  /** The first real run differed and a second one was compared (see startSuite). */
  realRetried?: boolean;
}

export function discoverScripts(root = REPO_ROOT): Script[] {
  const scripts: Script[] = [];
  for (const sub of SCRIPT_DIRS) {
    const dir = join(root, sub);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.sh')) continue;
      const name = sub === 'test/conformance' ? file : `${sub}/${file}`;
      scripts.push({ name, dir, file });
    }
  }
  return scripts;
}

/**
 * Picks scripts by the names people type: `smoke-lo`, `smoke-lo.sh`,
 * `examples/router.sh` or a path. Throws on a name that matches nothing.
 */
export function selectScripts(all: Script[], names: string[]): Script[] {
  if (names.length === 0) return all;
  return names.map((raw) => {
    const wanted = raw.endsWith('.sh') ? raw : `${raw}.sh`;
    const asPath = resolve(wanted);
    const found = all.find((s) => s.name === wanted || s.file === wanted || join(s.dir, s.file) === asPath);
    if (!found)
      throw new Error(`no conformance script named ${raw} (known: ${all.map((s) => s.name).join(', ')})`);
    return found;
  });
}

/** PATH with the sbin directories root expects, whatever the caller's PATH. */
function toolPath(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    if (!dirs.includes(dir)) dirs.push(dir);
  }
  return dirs.join(delimiter);
}

/** Both sides get the same small environment: no locale or terminal differences. */
function scriptEnv(): NodeJS.ProcessEnv {
  return { PATH: toolPath(), HOME: process.env.HOME ?? '/root', LC_ALL: 'C' };
}

function findTool(name: string): string | undefined {
  for (const dir of toolPath().split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Why the real side cannot run here, or undefined when it can. */
export function realSideUnavailable(): string | undefined {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (process.getuid?.() !== 0) return 'not running as root';
  const missing = REQUIRED_TOOLS.filter((tool) => !findTool(tool));
  if (missing.length) return `missing real tools: ${missing.join(', ')}`;
  const probe = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'true'], {
    env: scriptEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 10_000,
  });
  if (probe.status !== 0) return `unshare does not work here: ${String(probe.stderr).trim() || probe.status}`;
  return undefined;
}

export const DEFAULT_TIMEOUT_MS = Number(process.env.PODPATH_CONFORMANCE_TIMEOUT_MS ?? 60_000);

/** Runs a command in its own process group with no stdin; on timeout the whole group is killed. */
export function runCommand(argv: string[], cwd: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      env: scriptEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' (not 'exit'): wait until both pipes are drained.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        status: timedOut ? `timeout after ${timeoutMs / 1000}s` : (code ?? `signal ${signal}`),
        ms: performance.now() - started,
      });
    });
  });
}

const REAL_PRELUDE = 'mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && exec bash "$0" "$@"';

export function runReal(script: Script, timeoutMs?: number): Promise<RunResult> {
  return runCommand(
    ['unshare', '--net', '--mount', '--pid', '--fork', 'bash', '-c', REAL_PRELUDE, script.file],
    script.dir,
    timeoutMs,
  );
}

export function runPodpath(script: Script, timeoutMs?: number): Promise<RunResult> {
  return runCommand([PODPATH_BIN, 'run', script.file], script.dir, timeoutMs);
}

/** Limits how many tasks run at once; tasks start in submission order. */
export function pool(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= limit || queue.length === 0) return;
    active++;
    queue.shift()!();
  };
  return (task) =>
    new Promise((resolvePromise, reject) => {
      queue.push(() => {
        task()
          .then(resolvePromise, reject)
          .finally(() => {
            active--;
            next();
          });
      });
      next();
    });
}

export function compare(
  script: Script,
  real: RunResult,
  podpath: RunResult,
  sides: [string, string] = ['real', 'podpath'],
): Comparison {
  const label = (side: string, stream: string) => `${side}/${script.name} ${stream} (normalized)`;
  const parts: string[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const diff = unifiedDiff(normalize(real[stream]), normalize(podpath[stream]), [
      label(sides[0], stream),
      label(sides[1], stream),
    ]);
    if (diff) parts.push(diff);
  }
  if (real.status !== podpath.status) {
    parts.push(`exit status: ${sides[0]} ${real.status}, ${sides[1]} ${podpath.status}\n`);
  }
  const where = relative(REPO_ROOT, join(script.dir, script.file));
  const report = parts.length ? `${where}: ${sides[1]} differs from ${sides[0]}:\n\n${parts.join('\n')}` : '';
  return { script, real, podpath, ok: parts.length === 0, report };
}

export interface SuiteOptions {
  realConcurrency?: number;
  podpathConcurrency?: number;
  timeoutMs?: number;
  /**
   * Runs the real side twice instead of real vs podpath: shows which
   * outputs vary from run to run on the kernel itself (need a normalizer
   * rule, or a steadier script).
   */
  selfCheck?: boolean;
}

/**
 * Starts every script on both sides at once (each side in its own pool) and
 * returns one promise per script, in order, so results can be reported as
 * they arrive.
 */
export function startSuite(scripts: Script[], options: SuiteOptions = {}): Map<string, Promise<Comparison>> {
  // Real sides are timing-sensitive (linkwatch, ARP against ping intervals): on two cores, more than 4 at once made some flake.
  const real = pool(options.realConcurrency ?? Number(process.env.PODPATH_CONFORMANCE_JOBS ?? 4));
  const podpath = pool(options.podpathConcurrency ?? 4);
  const results = new Map<string, Promise<Comparison>>();
  for (const script of scripts) {
    const realRun = real(() => runReal(script, options.timeoutMs));
    const podpathRun = options.selfCheck
      ? real(() => runReal(script, options.timeoutMs))
      : podpath(() => runPodpath(script, options.timeoutMs));
    const first = Promise.all([realRun, podpathRun]).then(([r, p]) =>
      compare(script, r, p, options.selfCheck ? ['real', 'real-again'] : undefined),
    );
    // podpath is deterministic, the kernel under load is not (a ping deadline, a
    // delayed ACK on a busy two-core CI machine): a mismatch earns the real side
    // one more run, and the second comparison decides. A podpath bug differs twice.
    results.set(
      script.name,
      options.selfCheck
        ? first
        : first.then((c) =>
            c.ok
              ? c
              : real(() => runReal(script, options.timeoutMs)).then((again) => ({
                  ...compare(script, again, c.podpath),
                  realRetried: true,
                })),
          ),
    );
  }
  return results;
}
