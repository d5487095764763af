import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from './load.js';
import { ClusterError } from './errors.js';

const example = readFileSync(new URL('../proxy/iptables/testdata/cluster.yaml', import.meta.url), 'utf8');

const NODES = `apiVersion: v1
kind: Node
metadata: {name: node-a}
---
apiVersion: v1
kind: Node
metadata: {name: node-b}
`;

function error(text: string): ClusterError {
  try {
    loadCluster(text, 'c.yaml');
  } catch (e) {
    if (e instanceof ClusterError) return e;
    throw e;
  }
  throw new Error('loaded without error');
}

describe('loadCluster', () => {
  it('allocates podCIDRs, InternalIPs, pod IPs and the first service IP as Kubernetes would', () => {
    const c = loadCluster(example, 'cluster.yaml');
    expect(c.nodes.map((n) => [n.spec?.podCIDR, n.status?.addresses?.[0].address])).toEqual([
      ['10.244.0.0/24', '172.18.0.2'],
      ['10.244.1.0/24', '172.18.0.3'],
    ]);
    expect(c.pods.map((p) => [p.spec.nodeName, p.status?.podIP])).toEqual([
      ['node-a', '10.244.0.2'],
      ['node-b', '10.244.1.2'],
    ]);
    const kubernetes = c.services.find((s) => s.metadata.name === 'kubernetes')!;
    expect(kubernetes.spec.clusterIP).toBe('10.96.0.1');
    // Dynamic allocations land above the static band (the first 256 addresses of a /12).
    for (const s of c.services)
      if (s !== kubernetes) expect(s.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\./);
    expect(c.services.find((s) => s.metadata.name === 'web')!.spec.clusterIP).not.toMatch(/^10\.96\.[01]\./);
    const np = c.services.find((s) => s.metadata.name === 'web-np')!;
    expect(np.spec.ports!.every((p) => p.nodePort! >= 30086 && p.nodePort! <= 32767)).toBe(true);
  });

  it('is deterministic for one seed', () => {
    expect(loadCluster(example, 'a')).toEqual(loadCluster(example, 'a'));
  });

  it('derives EndpointSlices from selectors, resolving named target ports', () => {
    const c = loadCluster(example, 'cluster.yaml');
    const web = c.endpointSlices.find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(web.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(web.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(web.endpoints.map((e) => [e.addresses[0], e.nodeName, e.conditions?.ready])).toEqual([
      ['10.244.0.2', 'node-a', true],
      ['10.244.1.2', 'node-b', true],
    ]);
    const empty = c.endpointSlices.find(
      (s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'empty',
    )!;
    expect(empty.endpoints).toEqual([]);
  });

  it('marks pods that are not Ready as not-ready endpoints, and keeps given slices as they are', () => {
    const c = loadCluster(
      `${NODES}---
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: x}}
spec: {containers: [{name: c}]}
status: {conditions: [{type: Ready, status: "False"}]}
---
apiVersion: v1
kind: Service
metadata: {name: x}
spec: {selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: y}
spec: {selector: {app: x}, ports: [{port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: y-manual, labels: {kubernetes.io/service-name: y}}
addressType: IPv4
endpoints: [{addresses: [10.244.0.9]}]
ports: [{port: 80}]
`,
      'c.yaml',
    );
    expect(
      c.endpointSlices.find((s) => s.metadata.name?.startsWith('x-'))!.endpoints[0].conditions?.ready,
    ).toBe(false);
    expect(
      c.endpointSlices
        .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'y')
        .map((s) => s.metadata.name),
    ).toEqual(['y-manual']);
  });

  it.each([
    ['a YAML syntax error', 'apiVersion: v1\nkind: Node\nmetadata: {name: [\n', /^c\.yaml:\d+: YAML: /],
    [
      'an unknown kind',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n',
      /^c\.yaml:2: Deployment d: kind: no matches for kind "Deployment" in version "apps\/v1"$/,
    ],
    [
      'a pod on a missing node',
      `${NODES}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: node-z\n  containers: [{name: c}]\n`,
      /^c\.yaml:13: Pod default\/p: spec\.nodeName: node "node-z" not found$/,
    ],
    [
      'a pod IP outside its node CIDR',
      `${NODES}---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: node-a, containers: [{name: c}]}\nstatus:\n  podIP: 10.244.1.5\n`,
      /^c\.yaml:14: Pod default\/p: status\.podIP: 10\.244\.1\.5 is outside the podCIDR of node node-a 10\.244\.0\.0\/24$/,
    ],
    [
      'a clusterIP outside the serviceCIDR',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: 192.168.1.1\n  ports: [{port: 80}]\n',
      /^c\.yaml:5: Service default\/s: spec\.clusterIP: 192\.168\.1\.1 is outside the serviceCIDR 10\.96\.0\.0\/12$/,
    ],
    [
      'a duplicate clusterIP',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: t}\nspec:\n  clusterIP: 10.96.0.10\n  ports: [{port: 80}]\n',
      /^c\.yaml:10: Service default\/t: spec\.clusterIP: provided IP is already allocated \(10\.96\.0\.10, used by Service default\/s\)$/,
    ],
    [
      'a podCIDR outside the clusterCIDR',
      'apiVersion: v1\nkind: Node\nmetadata: {name: n}\nspec: {podCIDR: 10.1.0.0/24}\n',
      /^c\.yaml:4: Node n: spec\.podCIDR: 10\.1\.0\.0\/24 is outside the clusterCIDR 10\.244\.0\.0\/16$/,
    ],
    [
      'a missing namespace',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec: {ports: [{port: 80}]}\n',
      /^c\.yaml:3: Service shop\/s: metadata\.namespace: namespace "shop" not found$/,
    ],
    [
      'a duplicate object',
      `${NODES}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: node-a\n`,
      /^c\.yaml:12: Node node-a: metadata\.name: already defined at c\.yaml:1$/,
    ],
    ['a document that is not a mapping', '- a\n- b\n', /^c\.yaml:1: a document must be a mapping/],
    [
      'a bad Cluster CIDR',
      'apiVersion: podpath.io/v1alpha1\nkind: Cluster\nmetadata: {name: x}\nspec:\n  serviceCIDR: 10.96.0.0\n',
      /^c\.yaml:5: Cluster x: spec\.serviceCIDR: invalid CIDR "10\.96\.0\.0"$/,
    ],
    [
      'a node port out of range',
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 8080\n',
      /^c\.yaml:8: Service default\/s: spec\.ports\.0\.nodePort: 8080 is outside the node port range 30000-32767$/,
    ],
  ])('rejects %s with file, line and object', (_name, text, message) => {
    expect(error(text).message).toMatch(message);
  });
});
