/** The resource types the API server serves, as its discovery documents describe them. */
export interface ResourceType {
  /** '' for the core (legacy) group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** The URL segment and discovery `name`, e.g. `pods`. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  /** Subresources served: `status`, and `scale` (as autoscaling/v1 Scale). */
  readonly subresources?: readonly ('status' | 'scale')[];
  /**
   * The etcd key segment under `/registry/`, where kube-apiserver's storage
   * factory does not use the plural (pkg/registry/.../storage).
   */
  readonly storagePrefix?: string;
  /** The verbs served, where not every one of VERBS (reviews are create-only and never stored). */
  readonly verbs?: readonly string[];
}

// Groups in the order the real server lists them under /apis (its group priorities).
const ns = true;
const cluster = false;

export const RESOURCES: readonly ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: ns,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    namespaced: ns,
    shortNames: ['ep'],
    storagePrefix: 'services/endpoints',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    namespaced: ns,
    shortNames: ['ev'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: cluster,
    shortNames: ['ns'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    namespaced: cluster,
    shortNames: ['no'],
    subresources: ['status'],
    storagePrefix: 'minions',
  },
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: ns,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    namespaced: ns,
    shortNames: ['sa'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    namespaced: ns,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
    storagePrefix: 'services/specs',
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    singular: 'daemonset',
    namespaced: ns,
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: ns,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    namespaced: ns,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    namespaced: ns,
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  },
  {
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectAccessReview',
    plural: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    namespaced: cluster,
    verbs: ['create'],
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    singular: 'cronjob',
    namespaced: ns,
    shortNames: ['cj'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    plural: 'jobs',
    singular: 'job',
    namespaced: ns,
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    singular: 'ingress',
    namespaced: ns,
    shortNames: ['ing'],
    subresources: ['status'],
    storagePrefix: 'ingress',
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    namespaced: ns,
    shortNames: ['netpol'],
  },
  ...(['ClusterRoleBinding', 'ClusterRole', 'RoleBinding', 'Role'] as const).map((kind): ResourceType => ({
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    kind,
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    namespaced: !kind.startsWith('Cluster'),
  })),
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    plural: 'leases',
    singular: 'lease',
    namespaced: ns,
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    namespaced: ns,
  },
];

export const apiVersionOf = (type: ResourceType): string =>
  type.group ? `${type.group}/${type.version}` : type.version;

/** The etcd key prefix of a resource's objects, `/registry/<resource>/[<namespace>/]`, as kube-apiserver lays it out. */
export function storagePrefixOf(type: ResourceType, namespace: string | undefined): string {
  const base = `/registry/${type.storagePrefix ?? type.plural}/`;
  return type.namespaced && namespace ? `${base}${namespace}/` : base;
}

/** The resource as API errors name it: `pods`, `deployments.apps`. */
export const qualifiedResource = (type: ResourceType): string =>
  type.group ? `${type.plural}.${type.group}` : type.plural;

export function findResource(group: string, version: string, plural: string): ResourceType | undefined {
  return RESOURCES.find((t) => t.group === group && t.version === version && t.plural === plural);
}

export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const t of RESOURCES) seen.set(`${t.group}/${t.version}`, { group: t.group, version: t.version });
  return [...seen.values()];
}

/** Verbs every served resource supports; the real server lists them in this order. */
export const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
] as const;
