import { groupVersions, RESOURCES, VERBS, type ResourceType } from '../api/resources.js';
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

/** `/version` for another release (`v1.27.4`): the same build fields with its major, minor and gitVersion. */
export function versionInfo(gitVersion: `v${number}.${number}.${number}`): JsonObject {
  const [major, minor] = gitVersion.slice(1).split('.');
  return { ...VERSION, major, minor, gitVersion };
}

export const verbsOf = (t: ResourceType): readonly string[] => t.verbs ?? VERBS;

/** The group names under `/apis`, in the real server's priority order. */
export const namedGroups = (): string[] =>
  [...new Set(groupVersions().map((gv) => gv.group))].filter((g) => g !== '');

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
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: namedGroups().map(groupDocument) };
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
      verbs: [...verbsOf(t)],
    };
    if (t.shortNames) entry.shortNames = [...t.shortNames];
    if (t.categories) entry.categories = [...t.categories];
    resources.push(entry);
    for (const sub of [...(t.subresources ?? [])].sort()) {
      const scale = sub === 'scale';
      resources.push({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: t.namespaced,
        // scale answers as autoscaling/v1 Scale, which legacy discovery names with its group and version.
        ...(scale ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { kind: t.kind }),
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
