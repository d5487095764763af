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
  /** Subresources served, e.g. `status`. */
  readonly subresources?: readonly string[];
}

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
    subresources: ['status'],
  },
];

export const apiVersionOf = (type: ResourceType): string =>
  type.group ? `${type.group}/${type.version}` : type.version;

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
