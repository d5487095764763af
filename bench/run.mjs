// npm run bench: times podpath against the real kernel on two labs and
// prints a table. Informational only: nothing here is a test assertion.
//
//   lab-200ns-400veth  a generated script (bench/gen-lab.mjs), one run per side
//   examples/router.sh cold start (new node process each run), median of several runs
//
// The real side needs root and runs in a throwaway network world
// (unshare --net --mount --pid --fork), never in the machine's own namespace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLab } from './gen-lab.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const podpath = join(root, 'bin/podpath');
const TIMEOUT_MS = 300_000;
const ROUTER_RUNS = Number(process.env.BENCH_RUNS ?? 7);
const REAL_PRELUDE = 'mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns && exec bash "$0"';
const env = { PATH: `${process.env.PATH}:/usr/sbin:/sbin`, HOME: process.env.HOME ?? '/root', LC_ALL: 'C' };

function timeRun(argv, cwd) {
  const started = performance.now();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - started;
  const failed = result.error
    ? String(result.error.message)
    : result.status !== 0
      ? `exit ${result.status ?? result.signal}`
      : '';
  // The line that says what went wrong: a thrown Error's message, else the first line.
  const lines = String(result.stderr ?? '').split('\n');
  return {
    ms,
    failed,
    stdout: String(result.stdout ?? ''),
    stderr: lines.find((l) => /^\w*Error\b/.test(l)) ?? lines[0],
  };
}

function realAvailable() {
  if (process.getuid?.() !== 0) return 'needs root';
  const probe = spawnSync('unshare', ['--net', '--mount', '--pid', '--fork', 'true'], {
    env,
    stdio: 'ignore',
  });
  return probe.status === 0 ? '' : 'unshare unavailable';
}

const runPodpath = (dir, file) => timeRun([podpath, 'run', file], dir);
const runReal = (dir, file) =>
  timeRun(['unshare', '--net', '--mount', '--pid', '--fork', 'bash', '-c', REAL_PRELUDE, file], dir);

function median(runs) {
  const ok = runs.filter((r) => !r.failed);
  if (ok.length === 0) return runs[0];
  const sorted = ok.map((r) => r.ms).sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], failed: '' };
}

const fmt = (r) =>
  r === undefined
    ? 'n/a'
    : r.failed
      ? `FAILED (${r.failed})`
      : r.ms >= 1000
        ? `${(r.ms / 1000).toFixed(2)} s`
        : `${r.ms.toFixed(0)} ms`;

const noReal = realAvailable();
const rows = [];
const notes = [];

// (a) Large generated lab.
const work = mkdtempSync(join(tmpdir(), 'podpath-bench-'));
try {
  writeFileSync(join(work, 'lab.sh'), generateLab({ namespaces: 200, pairs: 400 }));
  const pod = runPodpath(work, 'lab.sh');
  const real = noReal ? undefined : runReal(work, 'lab.sh');
  rows.push({ name: 'lab 200 netns / 400 veth (1 run)', pod, real, targetMs: 2000 });
  if (pod.failed) notes.push(`lab podpath: ${pod.stderr}`);
  // The lab prints no random values, so the outputs must be identical.
  if (real && !pod.failed && !real.failed && real.stdout !== pod.stdout) {
    notes.push('lab: podpath printed something else than the real kernel (run both by hand and diff)');
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// (b) Cold start of the bundled example.
{
  const dir = join(root, 'examples');
  const podRuns = Array.from({ length: ROUTER_RUNS }, () => runPodpath(dir, 'router.sh'));
  const realRuns = noReal
    ? []
    : Array.from({ length: Math.min(ROUTER_RUNS, 5) }, () => runReal(dir, 'router.sh'));
  const pod = median(podRuns);
  rows.push({
    name: `examples/router.sh cold (median of ${ROUTER_RUNS})`,
    pod,
    real: noReal ? undefined : median(realRuns),
    targetMs: 300,
  });
  if (pod.failed) notes.push(`router podpath: ${podRuns[0].stderr}`);
}

const header = ['benchmark', 'podpath', 'real kernel', 'podpath/real', 'target', 'met'];
const table = rows.map(({ name, pod, real, targetMs }) => [
  name,
  fmt(pod),
  noReal ? `n/a (${noReal})` : fmt(real),
  !pod.failed && real && !real.failed ? `${(pod.ms / real.ms).toFixed(2)}x` : '-',
  `< ${targetMs >= 1000 ? `${targetMs / 1000} s` : `${targetMs} ms`}`,
  pod.failed ? 'no' : pod.ms < targetMs ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((cell, i) => cell.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));
for (const note of notes) console.log(`note: ${note}`);
