// The proxy-sync benchmark's measurements, in a fresh node process against
// the built modules (npm run build): kube-proxy (iptables mode) on one node
// of a cluster of NODES nodes, SERVICES ClusterIP services with ENDPOINTS
// endpoints each (spread over the nodes), through IptablesSyncer and into
// that node's emulated kernel with podpath's iptables-restore, as
// kube-proxy pipes it into the real one. Prints one JSON object.
//
//   node bench/proxy-sync-worker.mjs [SERVICES ENDPOINTS NODES]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { World } = await dist('kernel/world.js');
const { runTool } = await dist('tools/testing.js');
const { findCommand } = await dist('tools/registry.js');
const { IptablesSyncer } = await dist('k8s/proxy/iptables/syncer.js');
const { syncProxyRules } = await dist('k8s/proxy/iptables/proxier.js');
const {
  nodeName,
  podIP,
  proxierConfig,
  service,
  slice: makeSlice,
} = await import('./proxy-sync-objects.mjs');

const [SERVICES, ENDPOINTS, NODES] = process.argv.slice(2).map(Number);
const config = proxierConfig;
const slice = (s, podOffset = 0) => makeSlice(s, { endpoints: ENDPOINTS, nodes: NODES, podOffset });

const services = Array.from({ length: SERVICES }, (_, s) => service(s));
const slices = Array.from({ length: SERVICES }, (_, s) => slice(s));
await findCommand('iptables-restore');
await findCommand('iptables-save');

const mb = () => process.memoryUsage().rss / 2 ** 20;
globalThis.gc?.();
const rssBefore = mb();

// Other nodes' full restore input (what their kube-proxies compute), BENCH_PROXY_OTHER_NODES of
// them (default 0: about 5 s each at 10,000 services); kept only as a count.
const OTHER_NODES = Math.min(Number(process.env.BENCH_PROXY_OTHER_NODES ?? 0), NODES - 1);
let t = performance.now();
let allNodesRules = 0;
for (let n = 1; n <= OTHER_NODES; n++) {
  const r = syncProxyRules({ config: config(nodeName(n)), services, endpointSlices: slices });
  allNodesRules += r.filterRules + r.natRules;
  if (r.restore.length === 0) throw new Error('no restore input'); // the text is built on first read
}
const allNodesGenerateMs = performance.now() - t;

// node-0: the syncer and its kernel.
const world = new World({ seed: 1 });
const syncer = new IptablesSyncer(config(nodeName(0)));
for (const s of services) syncer.setService(s);
for (const s of slices) syncer.setEndpointSlice(s);
const restore = async (text) => {
  const r = await runTool(world, ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'], {
    stdin: text,
  });
  if (r.status !== 0) throw new Error(`iptables-restore: ${r.stderr}`);
};
const existing = () => [];

t = performance.now();
const full = syncer.sync(0, existing);
const fullText = full.restore; // built on first read: part of the computation
const fullGenerateMs = performance.now() - t;
t = performance.now();
await restore(fullText);
const fullRestoreMs = performance.now() - t;
globalThis.gc?.();
const rssOneNode = mb();

// One endpoint changes: service 0's first pod is replaced by one with another address.
syncer.setEndpointSlice(slice(0, 1_000_000));
t = performance.now();
const change = syncer.sync(1000, existing);
const changeText = change.restore;
const changeGenerateMs = performance.now() - t;
t = performance.now();
await restore(changeText);
const changeRestoreMs = performance.now() - t;

// The kernel holds what a full sync of the new state would have written.
const saved = (await runTool(world, ['iptables-save', '-t', 'nat'])).stdout;
const newEndpoint = `--to-destination ${podIP(1_000_000)}:8080`;
const check = [];
if (!change.partial) check.push('the endpoint change was not a partial sync');
if (!saved.includes(newEndpoint)) check.push('the new endpoint is not in the kernel after the partial sync');

console.log(
  JSON.stringify({
    fullMs: fullGenerateMs + fullRestoreMs,
    fullGenerateMs,
    fullRestoreMs,
    changeMs: changeGenerateMs + changeRestoreMs,
    changeGenerateMs,
    changeRestoreMs,
    changeLines: changeText.split('\n').length - 1,
    filterRules: full.filterRules,
    natRules: full.natRules,
    natChains: full.activeNatChains.size,
    otherNodes: OTHER_NODES,
    otherNodesGenerateMs: allNodesGenerateMs,
    otherNodesRules: allNodesRules,
    rssBeforeMb: rssBefore,
    rssOneNodeMb: rssOneNode,
    check,
  }),
);
