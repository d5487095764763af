/**
 * cluster.yaml → Cluster: sorts the objects by kind, rejects what a real
 * cluster would not accept (with file, line and object), applies the API
 * server's defaults and fills in what the control plane would decide.
 */
import type { EndpointSlice, Namespace, Node, Pod, Service } from '../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../api/core-v1.js';
import { applyDefaults } from '../api/defaults.js';
import { isObject } from '../api/meta.js';
import { parsePrefix, type Prefix } from '../../net/ipv4.js';
import { Rng } from '../../kernel/rng.js';
import { ClusterError } from './errors.js';
import { BUILTIN_NAMESPACES, DEFAULT_SPEC, type Cluster, type ClusterSpec } from './model.js';
import { parseClusterYAML, type Located } from './parse.js';
import { allocateNodes, allocatePodIPs, allocateServices, schedulePods } from './allocate.js';
import { deriveEndpointSlices } from './endpointslices.js';

/** apiVersion and kind pairs a cluster file may hold. */
const KINDS: Readonly<Record<string, string>> = {
  Namespace: 'v1',
  Node: 'v1',
  Pod: 'v1',
  Service: 'v1',
  EndpointSlice: 'discovery.k8s.io/v1',
  Cluster: 'podpath.io/v1alpha1',
};
const NAMESPACED = new Set(['Pod', 'Service', 'EndpointSlice']);

const fail = (at: Located<unknown>, path: (string | number)[] | undefined, reason: string): never => {
  throw new ClusterError(at.file, at.line(path), at.label, path ? `${path.join('.')}: ${reason}` : reason);
};

export function loadCluster(text: string, file: string): Cluster {
  const objects = parseClusterYAML(text, file);
  const byKind = new Map<string, Located[]>();
  const seen = new Map<string, Located>();
  for (const at of objects) {
    const { kind, apiVersion } = at.obj;
    if (typeof kind !== 'string' || typeof apiVersion !== 'string')
      fail(at, undefined, 'apiVersion and kind are required');
    if (KINDS[kind!] !== apiVersion)
      fail(at, ['kind'], `no matches for kind "${kind}" in version "${apiVersion}"`);
    if (typeof at.obj.metadata.name !== 'string' || at.obj.metadata.name === '')
      fail(at, ['metadata', 'name'], 'name is required');
    if (NAMESPACED.has(kind!)) at.obj.metadata.namespace ??= 'default';
    else if (at.obj.metadata.namespace !== undefined) delete at.obj.metadata.namespace;
    const key = `${kind}/${at.obj.metadata.namespace ?? ''}/${at.obj.metadata.name}`;
    const dup = seen.get(key);
    if (dup) fail(at, ['metadata', 'name'], `already defined at ${dup.file}:${dup.line()}`);
    seen.set(key, at);
    byKind.set(kind!, [...(byKind.get(kind!) ?? []), at]);
  }
  const get = <T>(kind: string) => (byKind.get(kind) ?? []) as unknown as Located<T>[];
  const clusters = get<{ metadata: { name?: string }; spec?: unknown }>('Cluster');
  if (clusters.length > 1) fail(clusters[1], undefined, 'only one Cluster object is allowed');
  const { name, spec } = clusterSpec(clusters[0]);
  const namespaces = checkNamespaces(get<Namespace>('Namespace'), [
    ...get<Pod>('Pod'),
    ...get<Service>('Service'),
    ...get<EndpointSlice>('EndpointSlice'),
  ]);

  const nodes = get<Node>('Node');
  const pods = get<Pod>('Pod');
  const services = get<Service>('Service');
  for (const at of pods) requireSpec(at, 'containers');
  for (const at of services) requireSpec(at);
  for (const at of [...pods, ...services]) applyDefaults(at.obj.kind, at.obj as never);
  allocateNodes(
    nodes,
    spec,
    cidr(clusters[0], spec.clusterCIDR, 'clusterCIDR'),
    cidr(clusters[0], spec.nodeCIDR, 'nodeCIDR'),
  );
  schedulePods(
    pods,
    nodes.map((n) => n.obj),
  );
  allocatePodIPs(
    pods,
    nodes.map((n) => n.obj),
  );
  allocateServices(services, cidr(clusters[0], spec.serviceCIDR, 'serviceCIDR'), spec.seed);

  const given = get<EndpointSlice>('EndpointSlice').map((s) => s.obj);
  const sliced = new Set(
    given.map((s) => `${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME]}`),
  );
  const rng = new Rng(spec.seed ^ 0x5eed);
  const derived = services
    .filter((s) => !sliced.has(`${s.obj.metadata.namespace}/${s.obj.metadata.name}`))
    .flatMap((s) =>
      deriveEndpointSlices(
        s.obj,
        pods.map((p) => p.obj),
        rng,
      ),
    );
  return {
    name,
    spec,
    namespaces,
    nodes: nodes.map((n) => n.obj),
    pods: pods.map((p) => p.obj),
    services: services.map((s) => s.obj),
    endpointSlices: [...given, ...derived],
  };
}

function requireSpec(at: Located<{ spec?: unknown }>, list?: string): void {
  if (!isObject(at.obj.spec)) fail(at, ['spec'], 'spec is required');
  if (list && !Array.isArray((at.obj.spec as Record<string, unknown>)[list]))
    fail(at, ['spec', list], `${list} is required`);
}

const UNSET = { file: '<defaults>', label: 'Cluster', obj: {}, line: () => 0 } as Located<unknown>;

function cidr(at: Located<unknown> | undefined, text: string, field: string): Prefix {
  const p = parsePrefix(text);
  if (!p || !text.includes('/')) fail(at ?? UNSET, ['spec', field], `invalid CIDR "${text}"`);
  return p!;
}

function clusterSpec(at: Located<{ metadata: { name?: string }; spec?: unknown }> | undefined): {
  name: string;
  spec: ClusterSpec;
} {
  if (!at) return { name: 'podpath', spec: DEFAULT_SPEC };
  const s = isObject(at.obj.spec) ? at.obj.spec : {};
  const str = (key: string, dflt: string) => {
    const v = s[key];
    if (v === undefined) return dflt;
    if (typeof v !== 'string') fail(at, ['spec', key], 'must be a string');
    return v as string;
  };
  const proxy = isObject(s.proxy) ? s.proxy : {};
  const network = isObject(s.network) ? s.network : {};
  if ((proxy.mode ?? 'iptables') !== 'iptables')
    fail(at, ['spec', 'proxy', 'mode'], `unsupported proxy mode "${String(proxy.mode)}" (iptables)`);
  if ((network.cni ?? 'bridge') !== 'bridge')
    fail(at, ['spec', 'network', 'cni'], `unsupported CNI "${String(network.cni)}" (bridge)`);
  if ((network.crossNode ?? 'host-gw') !== 'host-gw')
    fail(
      at,
      ['spec', 'network', 'crossNode'],
      `unsupported crossNode "${String(network.crossNode)}" (host-gw)`,
    );
  const npa = proxy.nodePortAddresses ?? [];
  if (!Array.isArray(npa) || npa.some((a) => typeof a !== 'string'))
    fail(at, ['spec', 'proxy', 'nodePortAddresses'], 'must be a list of CIDRs');
  const maskSize = s.nodeCIDRMaskSize ?? DEFAULT_SPEC.nodeCIDRMaskSize;
  if (typeof maskSize !== 'number' || !Number.isInteger(maskSize) || maskSize < 1 || maskSize > 30)
    fail(at, ['spec', 'nodeCIDRMaskSize'], 'must be an integer from 1 to 30');
  const spec: ClusterSpec = {
    clusterCIDR: str('clusterCIDR', DEFAULT_SPEC.clusterCIDR),
    serviceCIDR: str('serviceCIDR', DEFAULT_SPEC.serviceCIDR),
    nodeCIDR: str('nodeCIDR', DEFAULT_SPEC.nodeCIDR),
    nodeCIDRMaskSize: maskSize as number,
    proxy: {
      mode: 'iptables',
      masqueradeAll: proxy.masqueradeAll === true,
      nodePortAddresses: npa as string[],
    },
    network: { cni: 'bridge', crossNode: 'host-gw' },
    seed: typeof s.seed === 'number' ? s.seed : DEFAULT_SPEC.seed,
  };
  for (const f of ['clusterCIDR', 'serviceCIDR', 'nodeCIDR'] as const) cidr(at, spec[f], f);
  return { name: at.obj.metadata.name ?? 'podpath', spec };
}

function checkNamespaces(
  declared: Located<Namespace>[],
  namespaced: Located<{ metadata: { namespace?: string } }>[],
): Namespace[] {
  const names = new Set([...BUILTIN_NAMESPACES, ...declared.map((n) => n.obj.metadata.name!)]);
  for (const at of namespaced) {
    const ns = at.obj.metadata.namespace!;
    if (!names.has(ns)) fail(at, ['metadata', 'namespace'], `namespace "${ns}" not found`);
  }
  const builtins = BUILTIN_NAMESPACES.filter((n) => !declared.some((d) => d.obj.metadata.name === n)).map(
    (name): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  );
  return [...builtins, ...declared.map((n) => n.obj)];
}
