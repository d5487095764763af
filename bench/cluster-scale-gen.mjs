// The cluster-scale benchmark's cluster, as loadCluster would return it for
// an equivalent cluster.yaml (defaults applied, addresses allocated by the
// same allocators, EndpointSlices derived by the same controller code) but
// built programmatically: a YAML file of 40,000 objects is not what is
// measured here.
//
// NODES nodes, 30 pods per node, 10 services per node with 10 endpoints
// each (1,000 nodes: 30,000 pods, 10,000 services, 100,000 endpoints). Pods
// come in groups of 10 (a Deployment's replicas), spread round-robin over
// the nodes as the scheduler places them; service s selects group s mod
// (number of groups), so each pod backs about 3 services. One service in 20
// is a NodePort with externalTrafficPolicy Local and one in 20 a plain
// NodePort, one in 50 has internalTrafficPolicy Local: their chains depend
// on which endpoints are local, so every node's ruleset differs from the
// others' there (and only there, besides the node's own address).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { applyDefaults } = await dist('k8s/api/defaults.js');
const { allocateNodes, allocatePodIPs, allocateServices, schedulePods } =
  await dist('k8s/cluster/allocate.js');
const { deriveEndpointSlices } = await dist('k8s/cluster/endpointslices.js');
const { BUILTIN_NAMESPACES, DEFAULT_SPEC } = await dist('k8s/cluster/model.js');
const { parsePrefix } = await dist('net/ipv4.js');
const { Rng } = await dist('kernel/rng.js');

export const PODS_PER_NODE = 30;
export const SERVICES_PER_NODE = 10;
export const ENDPOINTS_PER_SERVICE = 10;
export const NAMESPACE = 'scale';

/** What the allocators take: an object with where it came from (nowhere here). */
const located = (obj) => ({
  obj,
  file: 'cluster-scale',
  label: `${obj.kind} ${obj.metadata.name}`,
  line: () => 0,
});

/** The kind of service s (see the header). */
export const serviceKind = (s) =>
  s % 20 === 0 ? 'nodeport-local' : s % 20 === 1 ? 'nodeport' : s % 50 === 2 ? 'internal-local' : 'clusterip';

/** `servicesPerNode`: other than 10 only to try a scale's ruleset on fewer nodes (the worker's third argument). */
export function generateCluster(nodes, servicesPerNode = SERVICES_PER_NODE) {
  const spec = {
    ...DEFAULT_SPEC,
    // 1,000 /24 podCIDRs do not fit in the default 10.244.0.0/16.
    clusterCIDR: '10.128.0.0/9',
  };
  const nodeObjs = Array.from({ length: nodes }, (_, n) =>
    located({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${n}` } }),
  );
  const podCount = nodes * PODS_PER_NODE;
  const groups = podCount / ENDPOINTS_PER_SERVICE;
  const pods = Array.from({ length: podCount }, (_, p) => {
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        namespace: NAMESPACE,
        name: `pod-${p}`,
        labels: { group: `g${Math.floor(p / ENDPOINTS_PER_SERVICE)}` },
      },
      spec: { containers: [{ name: 'app', image: 'app', ports: [{ containerPort: 8080 }] }] },
    };
    applyDefaults('Pod', obj);
    return located(obj);
  });
  const services = Array.from({ length: nodes * servicesPerNode }, (_, s) => {
    const kind = serviceKind(s);
    const svcSpec = {
      selector: { group: `g${s % groups}` },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    };
    if (kind === 'nodeport' || kind === 'nodeport-local') svcSpec.type = 'NodePort';
    if (kind === 'nodeport-local') svcSpec.externalTrafficPolicy = 'Local';
    if (kind === 'internal-local') svcSpec.internalTrafficPolicy = 'Local';
    const obj = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: NAMESPACE, name: `svc-${s}` } };
    obj.spec = svcSpec;
    applyDefaults('Service', obj);
    return located(obj);
  });
  allocateNodes(nodeObjs, spec, parsePrefix(spec.clusterCIDR), parsePrefix(spec.nodeCIDR));
  const nodeList = nodeObjs.map((n) => n.obj);
  schedulePods(pods, nodeList);
  allocatePodIPs(pods, nodeList);
  allocateServices(services, parsePrefix(spec.serviceCIDR), spec.seed);
  // The EndpointSlice controller, given each service's own pods (what its selector matches).
  const rng = new Rng(spec.seed ^ 0x5eed);
  const endpointSlices = services.flatMap(({ obj }) => {
    const g = Number(obj.spec.selector.group.slice(1));
    const selected = pods.slice(g * ENDPOINTS_PER_SERVICE, (g + 1) * ENDPOINTS_PER_SERVICE).map((p) => p.obj);
    return deriveEndpointSlices(obj, selected, rng);
  });
  return {
    name: 'scale',
    spec,
    namespaces: [...BUILTIN_NAMESPACES, NAMESPACE].map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    })),
    nodes: nodeList,
    pods: pods.map((p) => p.obj),
    services: services.map((s) => s.obj),
    endpointSlices,
  };
}
