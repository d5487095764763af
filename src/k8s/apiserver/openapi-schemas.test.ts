import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isObject, type Json, type JsonObject } from '../api/meta.js';
import { CORE_MESSAGES } from '../api/proto-schema-core.js';
import { GROUP_MESSAGES } from '../api/proto-schema-groups.js';
import { groupVersions, RESOURCES } from '../api/resources.js';
import { unknownFields } from '../api/schema.js';
import { openapiGroupVersion, openapiRoot } from './openapi.js';
import { groupVersionSchemas, kindSchemaId, packageOf } from './openapi-schemas.js';
import { INT64_FIELDS, NEWER_FIELDS } from './openapi-tables.js';

const gvPath = (group: string, version: string) => (group ? `apis/${group}/${version}` : `api/${version}`);
const schemasOf = (group: string, version: string) =>
  (openapiGroupVersion(gvPath(group, version))!.components as JsonObject).schemas as JsonObject;
const core = schemasOf('', 'v1');
const apps = schemasOf('apps', 'v1');
const schema = (schemas: JsonObject, id: string) => schemas[id] as JsonObject;
const props = (schemas: JsonObject, id: string) => schema(schemas, id).properties as JsonObject;

/** Every `$ref` under a value. */
function refsIn(value: Json, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  return out;
}

describe('OpenAPI v3 component schemas', () => {
  it('names schemas as kube-apiserver does', () => {
    expect(Object.keys(core)).toEqual(
      expect.arrayContaining([
        'io.k8s.api.core.v1.Pod',
        'io.k8s.api.core.v1.PodList',
        'io.k8s.api.core.v1.Container',
        'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
        'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
        'io.k8s.apimachinery.pkg.api.resource.Quantity',
        'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
      ]),
    );
    expect(packageOf('rbac.authorization.k8s.io', 'v1')).toBe('io.k8s.api.rbac.v1');
    expect(kindSchemaId('networking.k8s.io', 'v1', 'Ingress')).toBe('io.k8s.api.networking.v1.Ingress');
    expect(kindSchemaId('apps', 'v1', 'DeploymentSpec')).toBe('io.k8s.api.apps.v1.DeploymentSpec');
    expect(kindSchemaId('', 'v1', 'Deployment')).toBeUndefined();
  });

  it('sorts schemas by name, as the real documents list them', () => {
    const names = Object.keys(core);
    expect(names).toEqual([...names].sort());
  });

  it('marks every served kind and its list with x-kubernetes-group-version-kind', () => {
    for (const { group, version, kind } of RESOURCES) {
      const schemas = schemasOf(group, version);
      const id = `${packageOf(group, version)}.${kind}`;
      expect(schema(schemas, id)['x-kubernetes-group-version-kind'], id).toEqual([{ group, kind, version }]);
      expect(schema(schemas, `${id}List`)['x-kubernetes-group-version-kind']).toEqual([
        { group, kind: `${kind}List`, version },
      ]);
      expect(props(schemas, id).apiVersion).toEqual({ type: 'string' });
      expect(props(schemas, id).kind).toEqual({ type: 'string' });
      expect(schema(schemas, id).description).toMatch(/\.$/);
    }
  });

  it('types fields as the Go structs do: value structs through allOf with a default, pointers through $ref', () => {
    expect(props(core, 'io.k8s.api.core.v1.Pod').spec).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }],
      default: {},
    });
    expect(props(core, 'io.k8s.api.core.v1.PodSpec').securityContext).toEqual({
      $ref: '#/components/schemas/io.k8s.api.core.v1.PodSecurityContext',
    });
    expect(props(core, 'io.k8s.api.core.v1.Container').ports).toEqual({
      type: 'array',
      items: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.ContainerPort' }], default: {} },
    });
    expect(props(core, 'io.k8s.api.core.v1.Container').command).toEqual({
      type: 'array',
      items: { type: 'string', default: '' },
    });
    expect(props(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta').labels).toEqual({
      type: 'object',
      additionalProperties: { type: 'string', default: '' },
    });
    expect(props(core, 'io.k8s.api.core.v1.ConfigMap').binaryData).toEqual({
      type: 'object',
      additionalProperties: { type: 'string', format: 'byte' },
    });
    expect(props(core, 'io.k8s.api.core.v1.ResourceRequirements').limits).toEqual({
      type: 'object',
      additionalProperties: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
    });
    expect(props(core, 'io.k8s.api.core.v1.ContainerPort').containerPort).toEqual({
      type: 'integer',
      format: 'int32',
    });
    expect(props(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta').generation).toEqual({
      type: 'integer',
      format: 'int64',
    });
    expect(props(core, 'io.k8s.api.core.v1.PodSecurityContext').supplementalGroups).toEqual({
      type: 'array',
      items: { type: 'integer', format: 'int64', default: 0 },
    });
    expect(props(core, 'io.k8s.api.core.v1.Container').stdin).toEqual({ type: 'boolean' });
    expect(schema(core, 'io.k8s.apimachinery.pkg.util.intstr.IntOrString')).toEqual({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(schema(core, 'io.k8s.apimachinery.pkg.apis.meta.v1.Time')).toEqual({
      type: 'string',
      format: 'date-time',
    });
  });

  it('inlines embedded structs: a volume source sits beside the volume name', () => {
    const volume = props(core, 'io.k8s.api.core.v1.Volume');
    expect(Object.keys(volume)).toEqual(
      expect.arrayContaining(['name', 'configMap', 'emptyDir', 'hostPath']),
    );
    expect(volume.volumeSource).toBeUndefined();
    expect(Object.keys(props(core, 'io.k8s.api.core.v1.Probe'))).toEqual(
      expect.arrayContaining(['exec', 'httpGet', 'periodSeconds']),
    );
  });

  it('lists required fields as the real schemas do', () => {
    expect(schema(core, 'io.k8s.api.core.v1.PodSpec').required).toEqual(['containers']);
    expect(schema(core, 'io.k8s.api.core.v1.Container').required).toEqual(['name']);
    expect(schema(core, 'io.k8s.api.core.v1.ContainerPort').required).toEqual(['containerPort']);
    expect(schema(apps, 'io.k8s.api.apps.v1.DeploymentSpec').required).toEqual(['selector', 'template']);
    expect(schema(core, 'io.k8s.api.core.v1.Pod').required).toBeUndefined();
    expect(schema(core, 'io.k8s.api.core.v1.PodList').required).toEqual(['items']);
  });

  it('names only existing properties as required, in every document', () => {
    for (const { group, version } of groupVersions())
      for (const [id, s] of Object.entries(schemasOf(group, version))) {
        const { required, properties } = s as JsonObject;
        for (const name of (required as string[] | undefined) ?? [])
          expect(Object.keys(properties as JsonObject), `${id}.required`).toContain(name);
      }
  });

  it('names only existing fields of the protobuf tables as int64 or newer than v1.32', () => {
    const tables: Record<string, string> = { ...CORE_MESSAGES, ...GROUP_MESSAGES };
    for (const entry of INT64_FIELDS) {
      const [message, field] = entry.split('.');
      expect(tables[message], entry).toMatch(new RegExp(`(^|\\s)${field}=\\d+:int\\b`));
    }
    for (const entry of NEWER_FIELDS) {
      const [message, field] = entry.split('.');
      expect(tables[message], entry).toMatch(new RegExp(`(^|\\s)${field}=\\d+\\b`));
    }
    expect(props(core, 'io.k8s.api.core.v1.PodSpec').hostnameOverride).toBeUndefined();
  });

  it('makes each group-version document self-contained, holding only what its kinds reach', () => {
    for (const { group, version } of groupVersions()) {
      const schemas = schemasOf(group, version);
      for (const ref of refsIn(schemas))
        expect(Object.keys(schemas), ref).toContain(ref.slice('#/components/schemas/'.length));
    }
    expect(Object.keys(apps)).toContain('io.k8s.api.core.v1.PodSpec');
    expect(Object.keys(apps).some((id) => id.startsWith('io.k8s.api.batch.'))).toBe(false);
    expect(Object.keys(core).some((id) => id.startsWith('io.k8s.api.apps.'))).toBe(false);
  });

  it('describes no field that server-side field validation would reject as unknown', () => {
    // A body with every field the schema describes (lists of one, maps of one key), to a depth.
    const sample = (schemas: JsonObject, s: JsonObject, depth: number): Json => {
      const ref = (s.$ref ?? (s.allOf as JsonObject[] | undefined)?.[0].$ref) as string | undefined;
      if (ref)
        return sample(schemas, schemas[ref.slice('#/components/schemas/'.length)] as JsonObject, depth);
      if (s.items) return [sample(schemas, s.items as JsonObject, depth)];
      if (s.additionalProperties)
        return { key: sample(schemas, s.additionalProperties as JsonObject, depth) };
      if (s.properties && depth > 0)
        return Object.fromEntries(
          Object.entries(s.properties as JsonObject).map(([k, v]) => [
            k,
            sample(schemas, v as JsonObject, depth - 1),
          ]),
        );
      return 'x';
    };
    for (const { group, version, kind } of RESOURCES) {
      const schemas = schemasOf(group, version);
      const body = sample(schemas, schema(schemas, `${packageOf(group, version)}.${kind}`), 12);
      expect.soft(unknownFields(kind, body), kind).toEqual([]);
    }
  });
});

describe('OpenAPI v3 documents', () => {
  it('lists each group-version with the SHA-512 of its document, as the real root does', () => {
    const root = openapiRoot().paths as JsonObject;
    expect(Object.keys(root)).toEqual(groupVersions().map(({ group, version }) => gvPath(group, version)));
    const { serverRelativeURL } = root['apis/apps/v1'] as JsonObject;
    const hash = createHash('sha512')
      .update(JSON.stringify(openapiGroupVersion('apis/apps/v1')))
      .digest('hex')
      .toUpperCase();
    expect(serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${hash}`);
    expect(openapiGroupVersion('apis/nope/v1')).toBeUndefined();
  });

  it('keeps PATCH without a request body, so kubectl apply keeps its compiled-in patch strategies', () => {
    const paths = openapiGroupVersion('api/v1')!.paths as JsonObject;
    const patch = (paths['/api/v1/namespaces/{namespace}/pods/{name}'] as JsonObject).patch as JsonObject;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: '', version: 'v1', kind: 'Pod' });
    expect((patch.parameters as JsonObject[]).map((p) => p.name)).toContain('fieldValidation');
    expect(patch.requestBody).toBeUndefined();
  });

  it('builds the same schemas every time', () => {
    expect(groupVersionSchemas('batch', 'v1')).toEqual(groupVersionSchemas('batch', 'v1'));
  });
});
