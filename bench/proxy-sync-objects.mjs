// The proxy-sync benchmarks' cluster: SERVICES ClusterIP services (one TCP
// port each) with ENDPOINTS endpoints each, pods spread round-robin over
// NODES nodes, as plain API objects (what kube-proxy's informers hand out).
export const nodeName = (i) => `node-${i}`;
export const proxierConfig = (node) => ({
  nodeName: node,
  nodeIP: '172.18.0.2',
  clusterCIDR: '10.244.0.0/16',
});

export const ip = (n) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
const SERVICE_BASE = (10 << 24) | (96 << 16);
const POD_BASE = (10 << 24) | (244 << 16);
/** The address of pod number `pod`. */
export const podIP = (pod) => ip(POD_BASE + 2 + pod);

export function service(s) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'bench', name: `svc-${s}` },
    spec: { clusterIP: ip(SERVICE_BASE + 1 + s), ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
  };
}

/**
 * Service s's slice: endpoint e is pod number s*endpoints+e, on node (that
 * number) % nodes; `podOffset` renumbers the first pod (a replaced pod);
 * `extra` adds pods `{pod, node}` after them.
 */
export function slice(s, { endpoints, nodes, podOffset = 0, extra = [] }) {
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
    endpoints: [
      ...Array.from({ length: endpoints }, (_, e) => {
        const pod = s * endpoints + e;
        return { addresses: [podIP(pod + (e === 0 ? podOffset : 0))], nodeName: nodeName(pod % nodes) };
      }),
      ...extra.map(({ pod, node }) => ({ addresses: [podIP(pod)], nodeName: nodeName(node) })),
    ],
  };
}
