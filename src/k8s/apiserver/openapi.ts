import { createHash } from 'node:crypto';
import type { JsonObject } from '../api/meta.js';
import { groupVersions, RESOURCES } from '../api/resources.js';
import { VERSION } from './discovery.js';
import { groupVersionSchemas } from './openapi-schemas.js';

/**
 * `/openapi/v3`: per group-version documents whose operations carry
 * `x-kubernetes-group-version-kind` and the `fieldValidation` parameter,
 * which is what kubectl's query-parameter verifier (cli-runtime's
 * query_param_verifier_v3.go) reads to choose server-side validation, and
 * whose `components.schemas` describe the kinds for `kubectl explain`.
 * PATCH operations have no request body on purpose: kubectl apply would
 * then build strategic merge patches from these schemas, which carry no
 * patch strategies, instead of from its own compiled-in types.
 */
const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);

const queryParam = (name: string): JsonObject => ({
  name,
  in: 'query',
  schema: { type: 'string', uniqueItems: true },
});

function groupVersionDocument(group: string, version: string): JsonObject {
  const path = gvPath(group, version);
  const paths: JsonObject = {};
  for (const t of RESOURCES.filter((r) => r.group === group && r.version === version)) {
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
    components: { schemas: groupVersionSchemas(group, version) },
  };
}

interface Served {
  document: JsonObject;
  /** As the real server's root lists it: the SHA-512 of the document, upper-case hex. */
  hash: string;
}

let served: Map<string, Served> | undefined;

/** The documents never change while the server runs: built once, on first use. */
function documents(): Map<string, Served> {
  if (!served) {
    served = new Map();
    for (const { group, version } of groupVersions()) {
      const document = groupVersionDocument(group, version);
      const hash = createHash('sha512').update(JSON.stringify(document)).digest('hex').toUpperCase();
      served.set(gvPath(group, version), { document, hash });
    }
  }
  return served;
}

export function openapiRoot(): JsonObject {
  const paths: JsonObject = {};
  for (const [path, { hash }] of documents())
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${hash}` };
  return { paths };
}

export function openapiGroupVersion(path: string): JsonObject | undefined {
  return documents().get(path)?.document;
}
