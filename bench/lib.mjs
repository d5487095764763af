// Shared by the benchmarks: running a script on podpath or on the real
// kernel, timing it, and summarizing repeated runs.
//
// The real side needs root and runs in a throwaway network world
// (unshare --net --mount --pid --fork), never in the machine's own namespace.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const podpath = join(root, 'bin/podpath');
const TIMEOUT_MS = 300_000;
const REAL_PRELUDE = 'mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && exec bash "$0"';
/**
 * The node flags bin/podpath starts `podpath COMMAND` with: a bench that
 * runs podpath's modules in a process of its own runs them under the heap
 * settings the command line gives that command.
 */
export function launcherFlags(command) {
  const r = spawnSync(join(root, 'bin/podpath'), [command], {
    env: { ...process.env, PODPATH_PRINT_NODE_FLAGS: '1' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bin/podpath: no node flags for ${command}: ${r.stderr}`);
  return r.stdout.trim().split(' ');
}

export const env = {
  PATH: `${process.env.PATH}:/usr/sbin:/sbin`,
  HOME: process.env.HOME ?? '/root',
  LC_ALL: 'C',
};

/**
 * Runs argv to completion and times it (wall clock, process start
 * included). `failed` is empty on success, else why; `stderr` is the line
 * that says what went wrong.
 */
export function timeRun(argv, cwd) {
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 << 20,
  });
  const ms = performance.now() - started;
  const failed = result.error
    ? String(result.error.message)
    : result.status !== 0
      ? `exit ${result.status ?? result.signal}`
      : '';
  const stderr = String(result.stderr ?? '');
  const lines = stderr.split('\n');
  return {
    ms,
    failed,
    stdout: String(result.stdout ?? ''),
    stderr: lines.find((l) => /^\w*Error\b/.test(l)) ?? lines[0],
    stderrAll: stderr,
  };
}

/** Why the real side cannot run here, or '' when it can. */
export function realUnavailable() {
  if (process.getuid?.() !== 0) return 'needs root';
  const probe = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'true'], {
    env,
    stdio: 'ignore',
  });
  return probe.status === 0 ? '' : 'unshare unavailable';
}

/** `bin/podpath run FILE` in dir, as a user runs it: a new node process each time. */
export const runPodpath = (dir, file) => timeRun([podpath, 'run', file], dir);

/** `bash FILE` in dir inside a throwaway network world. */
export const runReal = (dir, file) =>
  timeRun(['unshare', '--net', '--mount', '--pid', '--fork', 'bash', '-c', REAL_PRELUDE, file], dir);

/** The run with the median time among the successful ones (the first run when all failed). */
export function median(runs) {
  const ok = runs.filter((r) => !r.failed).sort((a, b) => a.ms - b.ms);
  return ok.length === 0 ? runs[0] : ok[Math.floor(ok.length / 2)];
}

/** iptables-save output without its `# Generated`/`# Completed` lines (they carry the date). */
export const withoutComments = (text) =>
  text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

/** The first line where two texts differ, for a loud mismatch report. */
export function firstDifference(a, b, [nameA, nameB] = ['real', 'podpath']) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if (x[i] !== y[i])
      return `line ${i + 1}: ${nameA} ${JSON.stringify(x[i])}, ${nameB} ${JSON.stringify(y[i])}`;
  return '';
}
