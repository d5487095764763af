import { groupVersions, RESOURCES, VERBS } from '../api/resources.js';
import type { JsonObject } from '../api/meta.js';

/** The server version kubectl (and its version dispatcher) reads from `/version`. */
export const VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4',
  gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335',
  gitTreeState: 'clean',
  buildDate: '2025-04-22T16:02:27Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Legacy discovery: `/api`. */
export function coreVersions(serverAddress: string): JsonObject {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupDocument(group: string): JsonObject {
  const versions = groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

/** `/apis`: every named group. */
export function groupList(): JsonObject {
  const groups = [...new Set(groupVersions().map((gv) => gv.group))].filter((g) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(groupDocument) };
}

/** `/apis/GROUP`. */
export function group(name: string): JsonObject | undefined {
  if (!groupVersions().some((gv) => gv.group === name && name !== '')) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(name) };
}

/** `/api/v1`, `/apis/GROUP/VERSION`: the resources and their subresources. */
export function resourceList(groupName: string, version: string): JsonObject | undefined {
  const types = RESOURCES.filter((t) => t.group === groupName && t.version === version);
  if (types.length === 0) return undefined;
  const resources: JsonObject[] = [];
  for (const t of types) {
    const entry: JsonObject = {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: [...VERBS],
    };
    if (t.shortNames) entry.shortNames = [...t.shortNames];
    if (t.categories) entry.categories = [...t.categories];
    resources.push(entry);
    for (const sub of t.subresources ?? []) {
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ['get', 'patch', 'update'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupName ? `${groupName}/${version}` : version,
    resources,
  };
}
