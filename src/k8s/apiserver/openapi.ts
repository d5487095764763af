import type { JsonObject } from '../api/meta.js';
import { groupVersions, RESOURCES } from '../api/resources.js';
import { VERSION } from './discovery.js';

/**
 * A minimal `/openapi/v3`: per group-version documents whose PATCH
 * operations carry `x-kubernetes-group-version-kind` and the
 * `fieldValidation` parameter. That is what kubectl's query-parameter
 * verifier (cli-runtime's query_param_verifier_v3.go) reads to choose
 * server-side validation instead of downloading schemas.
 */
const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

export function openapiRoot(): JsonObject {
  const paths: JsonObject = {};
  for (const { group, version } of groupVersions())
    paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}` };
  return { paths };
}

const queryParam = (name: string): JsonObject => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
});

export function openapiGroupVersion(path: string): JsonObject | undefined {
  const types = RESOURCES.filter((t) => gvPath(t.group, t.version) === path);
  if (types.length === 0) return undefined;
  const paths: JsonObject = {};
  for (const t of types) {
    const gvk = { group: t.group, version: t.version, kind: t.kind };
    const item = t.namespaced
      ? `/${path}/namespaces/{namespace}/${t.plural}/{name}`
      : `/${path}/${t.plural}/{name}`;
    const collection = t.namespaced ? `/${path}/namespaces/{namespace}/${t.plural}` : `/${path}/${t.plural}`;
    const op = (verb: string): JsonObject => ({
      operationId: `${verb}${t.kind}`,
      'x-kubernetes-action': verb,
      'x-kubernetes-group-version-kind': gvk,
      parameters: [queryParam('dryRun'), queryParam('fieldManager'), queryParam('fieldValidation')],
      responses: { '200': { description: 'OK' } },
    });
    paths[item] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
    paths[collection] = { get: op('list'), post: op('post') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: VERSION.gitVersion },
    paths,
    components: { schemas: {} },
  };
}
