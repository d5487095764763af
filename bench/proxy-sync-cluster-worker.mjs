// The endpoint-change-1000-nodes measurements, in a fresh node process
// against the built modules: one endpoint added to a cluster of SERVICES
// ClusterIP services x ENDPOINTS endpoints on NODES nodes, and the time
// until every node's kube-proxy has computed its partial sync (upstream
// since 1.26: the changed service's chains plus the top-level chains, which
// every node rewrites whole) and applied it with iptables-restore.
//
// The first SYNCERS nodes each have their own IptablesSyncer (its own
// informers' view), all sharing one ProxierCache: their proxier state is
// then one, derived for no node (shared-state.ts), which the first node's
// sync moves on with the change; every other node finds that version made
// and, having no ports whose rules depend on it, the outcome too. Each
// computes its restore input in the timed phase. The first KERNELS of them
// also have an emulated kernel holding their full ruleset (about 320,000
// rules): network namespaces of one world, as a twin's nodes are, which
// share what is the same (parsed rules, chunks of restore input read
// before, one map of user chains: restore-share.ts), whose restores are
// timed. By default every node of the cluster is measured (SYNCERS =
// KERNELS = NODES: ~5.5 GB). With fewer, the whole-cluster figure adds,
// for every node not measured, the mean of the later half of the measured
// ones; that understates: at 1,000 nodes each node's data is colder (a
// restore took 0.10 ms measured on all 1,000, 0.05 ms on the later half
// of 100). Prints one JSON object.
//
//   node bench/proxy-sync-cluster-worker.mjs SERVICES ENDPOINTS NODES SYNCERS KERNELS
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { World } = await dist('kernel/world.js');
const { runTool } = await dist('tools/testing.js');
const { findCommand } = await dist('tools/registry.js');
const { IptablesSyncer, DEFAULT_SYNC_PERIOD_MS } = await dist('k8s/proxy/iptables/syncer.js');
const { ProxierCache } = await dist('k8s/proxy/iptables/state.js');
const { nodeName, podIP, proxierConfig, service, slice } = await import('./proxy-sync-objects.mjs');

const [SERVICES, ENDPOINTS, NODES, SYNCERS, KERNELS] = process.argv.slice(2).map(Number);
const RESTORE = ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'];
await findCommand('iptables-restore');
await findCommand('iptables-save');

const mb = () => process.memoryUsage().rss / 2 ** 20;
const services = Array.from({ length: SERVICES }, (_, s) => service(s));
const slices = Array.from({ length: SERVICES }, (_, s) => slice(s, { endpoints: ENDPOINTS, nodes: NODES }));
globalThis.gc?.();
const rssObjects = mb();

// Every node's kube-proxy, fed the same objects (as its informers would), and its first (full) sync.
let t = performance.now();
const cache = new ProxierCache();
const nodes = Array.from({ length: SYNCERS }, (_, n) => {
  const syncer = new IptablesSyncer(proxierConfig(nodeName(n)), DEFAULT_SYNC_PERIOD_MS, cache);
  for (const s of services) syncer.setService(s);
  for (const s of slices) syncer.setEndpointSlice(s);
  return { syncer, first: syncer.sync(0, () => []) };
});
const setupSyncMs = performance.now() - t;
globalThis.gc?.();
const rssSyncers = mb();

// The first KERNELS nodes hold their rules in an emulated kernel.
const world = new World({ seed: 1 });
const restore = async (netns, text) => {
  const r = await runTool(world, RESTORE, { netns, stdin: text });
  if (r.status !== 0) throw new Error(`iptables-restore: ${r.stderr}`);
};
t = performance.now();
for (let n = 0; n < KERNELS; n++) {
  nodes[n].netns = world.createNetns(nodeName(n));
  await restore(nodes[n].netns, nodes[n].first.restoreChunks);
}
const setupRestoreMs = performance.now() - t;
for (const node of nodes) delete node.first;

// One endpoint added: service 0 gets a new pod on node-0.
const NEW_POD = 1_000_000;
const changed = slice(0, { endpoints: ENDPOINTS, nodes: NODES, extra: [{ pod: NEW_POD, node: 0 }] });
let computeMs = 0;
/** Each node's compute time, in node order: the first derives what the change means for the cluster (ProxierCache). */
const computes = [];
/** The same, as CPU time of this process (the machine may be shared: wall time counts others' work). */
let computeCpuMs = 0;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** Restore times of the nodes with a kernel: the first reads the change's chunks for the cluster. */
const restores = [];
/** The same, as CPU time. */
const restoresCpu = [];
let lines = 0;
/** Newlines in the chunks, counted in place: splitting 10,000 lines per node made garbage whose collection landed in the timed spans. */
const lineCount = (chunks) => {
  let n = 0;
  for (const chunk of chunks) for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) n++;
  return n;
};
let partial = 0;
/** The first node's restore input for the change (the check reads the chains it wrote). */
let changeText;
// Each CPU reading is taken outside the wall-clock span it goes with: one costs tens of microseconds,
// as much as a node's whole share of the change.
for (const node of nodes) {
  let cpu = cpuMs();
  t = performance.now();
  node.syncer.setEndpointSlice(changed);
  const r = node.syncer.sync(1000, () => []);
  // The restore input as kube-proxy hands it over: chunks shared with the other nodes (proxier.ts).
  const text = r.restoreChunks;
  changeText ??= text;
  computes.push(performance.now() - t);
  computeMs += computes.at(-1);
  computeCpuMs += cpuMs() - cpu;
  lines += lineCount(text);
  if (r.partial) partial++;
  if (node.netns) {
    cpu = cpuMs();
    t = performance.now();
    await restore(node.netns, text);
    restores.push(performance.now() - t);
    restoresCpu.push(cpuMs() - cpu);
  }
}

// The kernels' memory, read after the change: a forced collection of this ~10 GB heap just before
// it left ~75 ms of sweeping that its first node paid (none when the collection was seconds before),
// and a cluster's endpoint change does not follow a forced collection.
globalThis.gc?.();
const rssKernels = mb();

const check = [];
if (partial !== SYNCERS) check.push(`${SYNCERS - partial} nodes made a full sync instead of a partial one`);
const dnat = `--to-destination ${podIP(NEW_POD)}:8080`;
// The new endpoint's chain and the service chain jumping to it, as the change wrote them.
const written = changeText.join('');
const sep = new RegExp(`^-A (KUBE-SEP-\\w+) .*${dnat}`, 'm').exec(written)?.[1];
const svc = sep && new RegExp(`^-A (KUBE-SVC-\\w+) .*-j ${sep}$`, 'm').exec(written)?.[1];
if (!sep || !svc) check.push('the partial sync did not write the new endpoint');
const withKernel = nodes.filter((n) => n.netns);
// The first and last kernels' whole table as iptables-save prints it (about a second each for
// 320,000 rules: every node's would take minutes); every kernel's two chains hold the same rules as
// the first's (one parsed rule per line in the world: intern.ts).
const chainRules = (node, name) => node.netns.netfilter.view('nat').user.get(name ?? '')?.rules ?? [];
const sameRules = (a, b) => a.length > 0 && a.length === b.length && a.every((r, i) => r === b[i]);
for (const [i, node] of withKernel.entries()) {
  let ok =
    sameRules(chainRules(node, sep), chainRules(withKernel[0], sep)) &&
    sameRules(chainRules(node, svc), chainRules(withKernel[0], svc));
  if (ok && (i === 0 || i === withKernel.length - 1)) {
    const saved = (await runTool(world, ['iptables-save', '-t', 'nat'], { netns: node.netns })).stdout;
    ok = saved.includes(dnat) && saved.includes(`-A ${svc} `) && saved.includes(`-j ${sep}`);
  }
  if (!ok)
    check.push(`the new endpoint is not in ${nodeName(nodes.indexOf(node))}'s kernel after the partial sync`);
}

// The first node's restore reads the chunks this change made (once per cluster: the world keeps what
// it parsed), the others' find them read. The nodes measured pay what they paid, JIT warm-up included
// (it happens once per process, on the first few nodes); every node not measured pays what the later
// half of the measured ones did, whose code is as warm as the rest of a cluster's would be.
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const laterHalfMean = (xs) => {
  const later = xs.slice(1).slice(Math.floor((xs.length - 1) / 2));
  return later.length > 0 ? sum(later) / later.length : xs[0];
};
const computeWarmMs = laterHalfMean(computes);
const restoreWarmMs = KERNELS > 0 ? laterHalfMean(restores) : null;
const restoreFirstMs = KERNELS > 0 ? restores[0] : null;
const restoreOthersMs =
  KERNELS > 1 ? restores.slice(1).reduce((a, b) => a + b, 0) / (KERNELS - 1) : restoreFirstMs;
const restorePerNodeMs = KERNELS > 0 ? restores.reduce((a, b) => a + b, 0) / KERNELS : null;
console.log(
  JSON.stringify({
    nodes: NODES,
    syncers: SYNCERS,
    kernels: KERNELS,
    computeMs,
    computePerNodeMs: computeMs / SYNCERS,
    computeFirstMs: computes[0],
    computeOthersMs: SYNCERS > 1 ? (computeMs - computes[0]) / (SYNCERS - 1) : computes[0],
    computeCpuPerNodeMs: computeCpuMs / SYNCERS,
    restorePerNodeMs,
    restoreFirstMs,
    restoreOthersMs,
    restoreFirstCpuMs: KERNELS > 0 ? restoresCpu[0] : null,
    restoreOthersCpuMs: KERNELS > 1 ? restoresCpu.slice(1).reduce((a, b) => a + b, 0) / (KERNELS - 1) : null,
    computeWarmMs,
    restoreWarmMs,
    clusterMs:
      restorePerNodeMs === null
        ? null
        : computeMs + computeWarmMs * (NODES - SYNCERS) + sum(restores) + restoreWarmMs * (NODES - KERNELS),
    linesPerNode: lines / SYNCERS,
    setupSyncMs,
    setupRestoreMs,
    syncerMbPerNode: (rssSyncers - rssObjects) / SYNCERS,
    kernelMbPerNode: KERNELS > 0 ? (rssKernels - rssSyncers) / KERNELS : null,
    check,
  }),
);
