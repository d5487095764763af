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

const [SERVICES, ENDPOINTS, NODES] = process.argv.slice(2).map(Number);
const nodeName = (i) => `node-${i}`;
const config = (node) => ({ nodeName: node, nodeIP: '172.18.0.2', clusterCIDR: '10.244.0.0/16' });

const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const SERVICE_BASE = (10 << 24) | (96 << 16);
const POD_BASE = (10 << 24) | (244 << 16);

function service(s) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'bench', name: `svc-${s}` },
    spec: { clusterIP: ip(SERVICE_BASE + 1 + s), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  };
}

/** Endpoint e of service s: pod number s*ENDPOINTS+e, on node (that number) % NODES. */
function slice(s, podOffset = 0) {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: 'bench',
      name: `svc-${s}-abcde`,
      labels: { 'kubernetes.io/service-name': `svc-${s}` },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: Array.from({ length: ENDPOINTS }, (_, e) => {
      const pod = s * ENDPOINTS + e;
      return {
        addresses: [ip(POD_BASE + 2 + pod + (e === 0 ? podOffset : 0))],
        nodeName: nodeName(pod % NODES),
      };
    }),
  };
}

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
const fullGenerateMs = performance.now() - t;
t = performance.now();
await restore(full.restore);
const fullRestoreMs = performance.now() - t;
globalThis.gc?.();
const rssOneNode = mb();

// One endpoint changes: service 0's first pod is replaced by one with another address.
syncer.setEndpointSlice(slice(0, 1_000_000));
t = performance.now();
const change = syncer.sync(1000, existing);
const changeGenerateMs = performance.now() - t;
t = performance.now();
await restore(change.restore);
const changeRestoreMs = performance.now() - t;

// The kernel holds what a full sync of the new state would have written.
const saved = (await runTool(world, ['iptables-save', '-t', 'nat'])).stdout;
const newEndpoint = `--to-destination ${ip(POD_BASE + 2 + 1_000_000)}:8080`;
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
    changeLines: change.restore.split('\n').length - 1,
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
