// apiserver-load-sqlite / apiserver-load-etcd: 10,000 pods created by 20
// concurrent clients while 100 watchers follow the pods collection, against
// `podpath apiserver` (a child process, as users run it) on each storage.
//
//   podpath    p99 latency of the creates (request sent to response read)
//   reference  Kubernetes' API call latency SLO: mutating calls p99 <= 1 s
//   notes      writes/s, p50, and watch lag: from a create's response to
//              its ADDED event at a watcher (p50/p99 over every watcher)
//
// Correctness in the same run: every watcher must see every pod exactly once.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from './lib.mjs';

const PODS = Number(process.env.BENCH_API_PODS ?? 10_000);
const WRITERS = Number(process.env.BENCH_API_WRITERS ?? 20);
const WATCHERS = Number(process.env.BENCH_API_WATCHERS ?? 100);
const SLO_MS = 1000;

const quantile = (sorted, q) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function startServer(storage) {
  const child = spawn(
    process.execPath,
    [join(root, 'dist/cli/main.js'), 'apiserver', '--listen', '127.0.0.1:0', '--storage', storage],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`apiserver exited ${code}: ${err}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

/** One watcher: records when each pod's ADDED event arrived; resolves once it has `PODS` of them. */
function watch(url, rv, seen) {
  const controller = new AbortController();
  const done = (async () => {
    const res = await fetch(`${url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${rv}`, {
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let buffered = '';
    let count = 0;
    for await (const chunk of res.body) {
      buffered += decoder.decode(chunk, { stream: true });
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const event = JSON.parse(line);
        if (event.type !== 'ADDED') continue;
        const name = event.object.metadata.name;
        if (seen.has(name)) throw new Error(`watcher saw ${name} twice`);
        seen.set(name, performance.now());
        if (++count === PODS) return;
      }
    }
    throw new Error(`watch ended after ${count} of ${PODS} pods`);
  })();
  return { done, stop: () => controller.abort() };
}

async function load(storage) {
  const server = await startServer(storage);
  try {
    const list = await (await fetch(`${server.url}/api/v1/namespaces/default/pods`)).json();
    const watchers = Array.from({ length: WATCHERS }, () => {
      const seen = new Map();
      return { seen, ...watch(server.url, list.metadata.resourceVersion, seen) };
    });
    const acked = new Map();
    const latencies = [];
    let next = 0;
    const start = performance.now();
    const writer = async () => {
      for (let i = next++; i < PODS; i = next++) {
        const name = `load-${i}`;
        const t0 = performance.now();
        const res = await fetch(`${server.url}/api/v1/namespaces/default/pods`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name, labels: { app: 'load' } },
            spec: { containers: [{ name: 'c', image: 'nginx' }] },
          }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`create ${name}: HTTP ${res.status}`);
        const t1 = performance.now();
        latencies.push(t1 - t0);
        acked.set(name, t1);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    const elapsed = performance.now() - start;
    await Promise.all(watchers.map((w) => w.done));
    for (const w of watchers) w.stop();
    const lags = watchers
      .flatMap((w) => [...w.seen].map(([name, at]) => Math.max(0, at - acked.get(name))))
      .sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);
    return {
      writesPerSecond: (PODS / elapsed) * 1000,
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      lagP50: quantile(lags, 0.5),
      lagP99: quantile(lags, 0.99),
    };
  } finally {
    await server.stop();
  }
}

function figure(name, result, error) {
  if (error)
    return { name, podpath: null, reference: SLO_MS, unit: 'ms', ratio: null, failures: [error.message] };
  return {
    name,
    podpath: result.p99,
    reference: SLO_MS,
    unit: 'ms',
    ratio: SLO_MS / result.p99,
    target: { text: 'p99 <= 1 s (SLO)', met: result.p99 <= SLO_MS },
    notes: [
      `${PODS} pods by ${WRITERS} clients, ${WATCHERS} watchers: ${result.writesPerSecond.toFixed(0)} writes/s, ` +
        `latency p50 ${result.p50.toFixed(1)} ms p99 ${result.p99.toFixed(1)} ms, ` +
        `watch lag p50 ${result.lagP50.toFixed(1)} ms p99 ${result.lagP99.toFixed(1)} ms`,
    ],
  };
}

export async function apiserverLoad() {
  const figures = [];
  const dir = mkdtempSync(join(tmpdir(), 'podpath-bench-api-'));
  try {
    try {
      figures.push(figure('apiserver-load-sqlite', await load(`sqlite:${join(dir, 'state.db')}`)));
    } catch (error) {
      figures.push(figure('apiserver-load-sqlite', null, error));
    }
    const { existsSync } = await import('node:fs');
    const { ETCD_BINARY, startEtcd } = await import('../dist/k8s/storage/etcd-process.js');
    if (!existsSync(ETCD_BINARY)) {
      figures.push(figure('apiserver-load-etcd', null, new Error(`${ETCD_BINARY} is not installed`)));
      return figures;
    }
    const etcd = await startEtcd();
    try {
      figures.push(figure('apiserver-load-etcd', await load(etcd.endpoint.replace(/^http/, 'etcd'))));
    } catch (error) {
      figures.push(figure('apiserver-load-etcd', null, error));
    } finally {
      await etcd.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
