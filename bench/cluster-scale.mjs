// cluster-1000 (issue 8, target 3): `podpath up` of a 1,000-node cluster
// with 10,000 services, 30,000 pods and 100,000 endpoints in under 60 s and
// 8 GiB, then a trace in under 50 ms. No real reference: the targets are
// the references (ratio = target / podpath).
//
// The cluster (bench/cluster-scale-gen.mjs) grows with its node count (30
// pods, 10 services of 10 endpoints per node), so each scale is the same
// cluster shape. Each scale is brought up in a fresh node process
// (bench/cluster-scale-worker.mjs) whose heap is capped at the 8 GiB
// target; scales run from the smallest up, and a scale is skipped when the
// previous ones predict it would exceed the time budget or the memory cap.
// The two figures are the 1,000-node ones only when 1,000 nodes were
// actually built; otherwise they are null and the notes give the largest
// scale measured, its bytes per node, pod and rule, and the extrapolation
// to 1,000 nodes, marked as such.
//
//   BENCH_CLUSTER_NODES   scales to try (default 10,30,100,300,1000)
//   BENCH_CLUSTER_BUDGET  seconds one scale may take (default 300)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { env, launcherFlags, root } from './lib.mjs';

const TARGET_NODES = 1000;
const TARGET_SECONDS = 60;
const TARGET_BYTES = 8 * 2 ** 30;
const TARGET_TRACE_MS = 50;
const SCALES = (process.env.BENCH_CLUSTER_NODES ?? '10,30,100,300,1000').split(',').map(Number);
const BUDGET_S = Number(process.env.BENCH_CLUSTER_BUDGET ?? 300);
const HEAP_MB = TARGET_BYTES / 2 ** 20;

/** One scale in its own process, capped at the memory target: the worker's JSON, or why it has none. */
function runScale(nodes) {
  const started = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      // As bin/podpath runs `podpath up`, with the heap capped at the target.
      ...launcherFlags('up'),
      '--expose-gc',
      `--max-old-space-size=${HEAP_MB}`,
      join(root, 'bench/cluster-scale-worker.mjs'),
      String(nodes),
    ],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: BUDGET_S * 1000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 << 20,
    },
  );
  const wallS = (performance.now() - started) / 1000;
  if (r.status === 0) return { nodes, ...JSON.parse(String(r.stdout)) };
  const stderr = String(r.stderr ?? '');
  const why =
    r.signal === 'SIGKILL' || r.error
      ? `over the ${BUDGET_S} s budget`
      : /heap out of memory|Allocation failed/.test(stderr)
        ? `out of memory under the ${HEAP_MB / 1024} GiB cap`
        : `exit ${r.status ?? r.signal}: ${stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.slice(0, 200)}`;
  return { nodes, failed: why, wallS };
}

/** x at scale n, extrapolated from two measured scales as a power law (what grows with nodes x rules is quadratic). */
function powerLaw(a, b, pick, n) {
  const k = Math.log(pick(b) / pick(a)) / Math.log(b.nodes / a.nodes);
  return { value: pick(b) * (n / b.nodes) ** k, exponent: k };
}

const gib = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

export function clusterScale() {
  const done = [];
  const notes = [];
  for (const nodes of SCALES) {
    const [a, b] = done.slice(-2);
    if (a && b) {
      const t = powerLaw(a, b, (r) => r.buildMs, nodes).value / 1000;
      const m = powerLaw(a, b, (r) => r.maxRss, nodes).value;
      if (t > BUDGET_S || m > TARGET_BYTES * 1.5) {
        notes.push(
          `${nodes} nodes not tried: predicted ${t.toFixed(0)} s and ${gib(m)} (budget ${BUDGET_S} s, cap ${gib(TARGET_BYTES)})`,
        );
        break;
      }
    }
    const r = runScale(nodes);
    if (r.failed) {
      notes.push(`${nodes} nodes: failed, ${r.failed} (after ${r.wallS.toFixed(0)} s)`);
      break;
    }
    done.push(r);
  }
  for (const r of done) notes.push(describe(r));
  const full = done.find((r) => r.nodes === TARGET_NODES);
  const largest = done.at(-1);
  const failures = done
    .filter((r) => r.trace.verdict !== 'delivered')
    .map((r) => `${r.nodes} nodes: trace ${r.trace.verdict}`);
  if (!full && done.length >= 2) {
    const [a, b] = done.slice(-2);
    const t = powerLaw(a, b, (r) => r.buildMs, TARGET_NODES);
    const m = powerLaw(a, b, (r) => r.maxRss, TARGET_NODES);
    notes.push(
      `EXTRAPOLATED, not measured: ${TARGET_NODES} nodes would take about ${(t.value / 1000).toFixed(0)} s ` +
        `(time grows as nodes^${t.exponent.toFixed(2)} from ${a.nodes} to ${b.nodes} nodes) and ` +
        `${gib(m.value)} peak RSS (nodes^${m.exponent.toFixed(2)})`,
    );
  }
  if (!full)
    notes.push(`${TARGET_NODES} nodes not reached: the figures above are null, not the largest scale's`);
  const build = {
    name: 'cluster-1000-build-seconds',
    podpath: full ? full.buildMs / 1000 : null,
    reference: TARGET_SECONDS,
    unit: 's',
    ratio: full ? TARGET_SECONDS / (full.buildMs / 1000) : null,
    target: {
      text: `reference: the target, < ${TARGET_SECONDS} s; trace < ${TARGET_TRACE_MS} ms`,
      met: full ? full.buildMs / 1000 < TARGET_SECONDS && full.traceMs < TARGET_TRACE_MS : false,
    },
    notes,
    failures,
  };
  // Peak RSS of the process that built the cluster, in GiB (the name says bytes; the unit says GiB).
  const memory = {
    name: 'cluster-1000-memory-bytes',
    podpath: full ? full.maxRss / 2 ** 30 : null,
    reference: TARGET_BYTES / 2 ** 30,
    unit: 'GiB',
    ratio: full ? TARGET_BYTES / full.maxRss : null,
    target: {
      text: `reference: the target, < ${gib(TARGET_BYTES)}`,
      met: full ? full.maxRss < TARGET_BYTES : false,
    },
    notes: largest ? [`largest scale built: ${largest.nodes} nodes, peak RSS ${gib(largest.maxRss)}`] : [],
  };
  return [build, memory];
}

/** One scale's figures: time per phase, memory, and what a node, a pod and a rule cost. */
function describe(r) {
  const m = r.marks;
  const phase = (from, to) => (m[to].ms - (from ? m[from].ms : 0)) / 1000;
  const heap = (from, to) => m[to].heap - (from ? m[from] : r.before).heap;
  const perNode = heap(null, 'routes') / r.nodes;
  const perRule = heap('routes', 'kube-proxy') / r.rules;
  const perPod = heap('kube-proxy', 'pods') / r.pods;
  return (
    `${r.nodes} nodes (${r.services} services, ${r.pods} pods, ${r.endpoints} endpoints, ` +
    `${r.rules} rules, ${r.rulesNode0} on node-0): up ${(r.buildMs / 1000).toFixed(1)} s (${(r.buildCpuMs / 1000).toFixed(1)} s CPU) ` +
    `[nodes ${phase(null, 'nodes').toFixed(1)} s, host-gw routes ${phase('nodes', 'routes').toFixed(1)} s, ` +
    `kube-proxy ${phase('routes', 'kube-proxy').toFixed(1)} s, pods ${phase('kube-proxy', 'pods').toFixed(1)} s], ` +
    `peak RSS ${gib(r.maxRss)}, heap ${gib(r.after.heap)}; ` +
    `per node ${kb(perNode)} (namespace, eth0, routes), per rule ${perRule.toFixed(0)} B, per pod ${kb(perPod)}; ` +
    `trace ${r.traceMs.toFixed(1)} ms cold, ${r.traceWarmMs.toFixed(1)} ms warm (${r.trace.verdict} to ${r.trace.destination})`
  );
}
