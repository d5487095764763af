import type { JsonObject } from '../api/meta.js';
import { groupVersions, RESOURCES, type ResourceType } from '../api/resources.js';
import { namedGroups, verbsOf } from './discovery.js';

/** The aggregated discovery versions (KEP-3352): kubectl 1.27–1.29 ask for v2beta1 only, 1.30+ for v2 first. */
export type DiscoveryVersion = 'v2' | 'v2beta1';

/**
 * The aggregated discovery document kubectl's Accept header asks for, if any:
 * the first of its media types this server can produce, as content
 * negotiation picks; `undefined` for plain (legacy) JSON.
 */
export function negotiateDiscovery(accept: string | undefined): DiscoveryVersion | undefined {
  for (const media of (accept ?? '').split(',')) {
    const [type, ...params] = media.split(';').map((p) => p.trim());
    const p = new Map(params.map((kv) => kv.split('=') as [string, string]));
    if (type !== 'application/json') continue;
    if (p.get('g') === 'apidiscovery.k8s.io' && p.get('as') === 'APIGroupDiscoveryList') {
      const v = p.get('v');
      if (v === 'v2' || v === 'v2beta1') return v;
      continue;
    }
    // Plain JSON listed before any aggregated form: the client prefers it.
    if (p.size === 0) return undefined;
  }
  return undefined;
}

/** The Content-Type that tells client-go the body is an APIGroupDiscoveryList, not an APIVersions/APIGroupList. */
export const discoveryContentType = (v: DiscoveryVersion): string =>
  `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

// Built-in resources answer with their own kind: the real server leaves group and version empty.
const ownKind = (kind: string): JsonObject => ({ group: '', version: '', kind });

function resourceDiscovery(t: ResourceType): JsonObject {
  const entry: JsonObject = {
    resource: t.plural,
    responseKind: ownKind(t.kind),
    scope: t.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: t.singular,
    verbs: [...verbsOf(t)],
  };
  if (t.shortNames) entry.shortNames = [...t.shortNames];
  if (t.categories) entry.categories = [...t.categories];
  const subresources = [...(t.subresources ?? [])].sort().map((sub) => ({
    subresource: sub,
    responseKind: sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : ownKind(t.kind),
    verbs: ['get', 'patch', 'update'],
  }));
  if (subresources.length) entry.subresources = subresources;
  return entry;
}

function groupDiscovery(group: string): JsonObject {
  const versions = groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({
      version: gv.version,
      resources: RESOURCES.filter((t) => t.group === group && t.version === gv.version).map(
        resourceDiscovery,
      ),
      freshness: 'Current',
    }));
  // metav1.ObjectMeta marshals a zero creationTimestamp as null; the core group has no name.
  const metadata: JsonObject = group ? { name: group, creationTimestamp: null } : { creationTimestamp: null };
  return { metadata, versions };
}

/** `/api` (the core group alone) or `/apis` (every named group) as one APIGroupDiscoveryList. */
export function aggregatedDiscovery(root: 'api' | 'apis', v: DiscoveryVersion): JsonObject {
  const groups = root === 'api' ? [''] : namedGroups();
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map(groupDiscovery),
  };
}
