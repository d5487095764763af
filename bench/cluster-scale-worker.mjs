// The cluster-scale measurements at one scale, in a fresh node process
// against the built modules (bench/cluster-scale.mjs runs it with a heap
// cap): `podpath up` of the generated cluster (bench/cluster-scale-gen.mjs)
// through bringUp, timed per phase, the memory it holds afterwards, then a
// `podpath trace --cluster`-style trace of one TCP connection from a pod to
// a ClusterIP (the first packet through every hook of the pod's node, DNAT
// to an endpoint on another node, delivered to its listener). Prints one
// JSON object.
//
//   node --expose-gc bench/cluster-scale-worker.mjs NODES [SERVICES_PER_NODE]
import { join } from 'node:path';
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';
import { generateCluster, NAMESPACE } from './cluster-scale-gen.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { World } = await dist('kernel/world.js');
const { bringUp } = await dist('k8s/twin/up.js');
const { tracePath } = await dist('trace/session.js');
const { traceDocument } = await dist('trace/json.js');
const { packetOutcome } = await dist('trace/outcome.js');
const { parseIPv4 } = await dist('net/ipv4.js');
const { runTool } = await dist('tools/testing.js');

const NODES = Number(process.argv[2]);
const SERVICES_PER_NODE = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const gc = () => globalThis.gc?.();
const heap = () => {
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
};

let t = performance.now();
const cluster = generateCluster(NODES, SERVICES_PER_NODE);
const generateMs = performance.now() - t;
const before = heap();

// Phase boundaries from the progress callback: the end of each phase, with the heap it leaves (a full
// collection, inside the timed build). Not after the last phase: the trace follows it at once, as in
// `podpath trace --cluster`, and took 300-320 ms at 1,000 nodes right after it (66 ms after a 1.5 s
// pause: by every sign the sweeping of the collection's 2 GB); its heap is read after the traces instead.
const marks = {};
const LAST_PHASE = 'pods';
const mark = (name) => {
  marks[name] = { ms: performance.now() - t, ...(name === LAST_PHASE ? {} : heap()) };
};
const world = new World({ seed: cluster.spec.seed });
// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
const cpu = process.cpuUsage();
t = performance.now();
const twin = await bringUp(cluster, world, (phase, done, total) => {
  if (done === total) mark(phase);
});
const buildMs = performance.now() - t;
const used = process.cpuUsage(cpu);
const buildCpuMs = (used.user + used.system) / 1000;
// One trace: pod-0 (node-0) to the ClusterIP of a service whose endpoints are elsewhere, right after
// the build, as `podpath trace --cluster` runs it (before the measurements below, whose collections
// and iptables-save are the bench's, not the user's).
const target = cluster.services.find(
  (s) =>
    s.spec.type === undefined ||
    (s.spec.type === 'ClusterIP' && s.spec.internalTrafficPolicy !== 'Local' && s.metadata.name !== 'svc-0'),
);
const req = {
  source: { kind: 'netns', ns: `${NAMESPACE}.pod-0` },
  spec: { proto: 'tcp', dst: parseIPv4(target.spec.clusterIP), dport: 80 },
};
const hostYield = () => new Promise((r) => setImmediate(r));
const traces = [];
let outcome;
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const run = await tracePath(async () => ({ world, status: 0 }), req, hostYield);
  traces.push(performance.now() - t);
  if ('error' in run) outcome = { verdict: run.error };
  else outcome = packetOutcome(traceDocument(run.events).packets[0]);
}

const after = heap();
Object.assign(marks[LAST_PHASE], after);

// Rules per node (node-0's own iptables-save) and in the whole cluster.
const save = (await runTool(world, ['iptables-save'], { netns: world.named.get('node-0') })).stdout;
const rulesNode0 = save.split('\n').filter((l) => l.startsWith('-A ')).length;
const rules = twin.nodes.reduce((sum, n) => sum + n.proxy.natRules + n.proxy.filterRules, 0);

console.log(
  JSON.stringify({
    nodes: NODES,
    pods: cluster.pods.length,
    services: cluster.services.length,
    endpoints: cluster.endpointSlices.reduce((n, s) => n + s.endpoints.length, 0),
    rules,
    rulesNode0,
    generateMs,
    buildMs,
    buildCpuMs,
    marks,
    before,
    after,
    maxRss: process.resourceUsage().maxRSS * 1024,
    traceMs: traces[0],
    traceWarmMs: Math.min(...traces.slice(1)),
    trace: { to: `${target.spec.clusterIP}:80`, ...outcome },
  }),
);
