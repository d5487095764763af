/**
 * The `components.schemas` of the served `/openapi/v3` documents, named as
 * kube-apiserver names them (`io.k8s.api.core.v1.Pod`,
 * `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`) and shaped as its v3
 * documents are: structs as `type: object` with `properties`, references as
 * `$ref` (or `allOf: [{$ref}]` with `default: {}` where the Go field is a
 * value, not a pointer), lists as `array`/`items`, maps as
 * `additionalProperties`, and each kind carrying
 * `x-kubernetes-group-version-kind`. kubectl explain renders these
 * (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl). Built from the
 * protobuf tables (every field of the main kinds with its type) and
 * openapi-tables.ts for the rest.
 */
import type { Json, JsonObject } from '../api/meta.js';
import { CORE_MESSAGES } from '../api/proto-schema-core.js';
import { GROUP_MESSAGES, PROTOBUF_KINDS } from '../api/proto-schema-groups.js';
import { RESOURCES } from '../api/resources.js';
import {
  CORE_PACKAGE,
  EXTRA_TABLES,
  INT64_FIELDS,
  KIND_DESCRIPTIONS,
  META_MESSAGES,
  META_PACKAGE,
  NEWER_FIELDS,
  REQUIRED,
} from './openapi-tables.js';

interface Field {
  name: string;
  type: string;
  repeated: boolean;
  map: boolean;
  pointer: boolean;
  inline: boolean;
}

interface Message {
  /** The schema name, e.g. `io.k8s.api.core.v1.Pod`. */
  id: string;
  pkg: string;
  name: string;
  fields: Field[];
}

/** Helper types with their own schemas, as the real documents define them (v3 `oneOf` where Go declares two types). */
const HELPERS: Record<string, { id: string; schema: JsonObject }> = {
  Quantity: {
    id: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
    schema: { oneOf: [{ type: 'string' }, { type: 'number' }] },
  },
  IntOrString: {
    id: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    schema: { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] },
  },
  Time: { id: `${META_PACKAGE}.Time`, schema: { type: 'string', format: 'date-time' } },
  MicroTime: { id: `${META_PACKAGE}.MicroTime`, schema: { type: 'string', format: 'date-time' } },
  FieldsV1: { id: `${META_PACKAGE}.FieldsV1`, schema: { type: 'object' } },
};

function parseField(message: string, entry: string): Field {
  // The protobuf tables' `name=number[:type]`; the extra tables leave the number out.
  const m = /^(\w+)(?:=\d+)?(?::(\{)?(\w+)(\}|\[\]|\?|\^)?)?$/.exec(entry);
  if (!m || (m[2] === '{') !== (m[4] === '}'))
    throw new Error(`openapi schema ${message}: bad entry ${entry}`);
  return {
    name: m[1],
    type: m[3] ?? 'string',
    map: m[2] === '{',
    repeated: m[4] === '[]',
    pointer: m[4] === '?',
    inline: m[4] === '^',
  };
}

const parseTable = (name: string, text: string): Field[] =>
  text
    .split(/\s+/)
    .filter((e) => e !== '')
    .map((e) => parseField(name, e));

/** The schema package of a group-version: `io.k8s.api.apps.v1`, core for the legacy group. */
export const packageOf = (group: string, version: string): string =>
  `io.k8s.api.${group ? group.split('.')[0] : 'core'}.${version}`;

/** Every message by schema id; the group tables' messages go to the package of the first kind reaching them. */
function collect(): Map<string, Message> {
  const messages = new Map<string, Message>();
  const add = (pkg: string, name: string, text: string) => {
    const id = `${pkg}.${name}`;
    if (messages.has(id)) throw new Error(`openapi schema ${id} defined twice`);
    messages.set(id, { id, pkg, name, fields: parseTable(name, text) });
  };
  for (const [name, text] of Object.entries(CORE_MESSAGES))
    add(META_MESSAGES.has(name) ? META_PACKAGE : CORE_PACKAGE, name, text);
  const owner = new Map<string, string>();
  const claim = (name: string, pkg: string) => {
    if (owner.has(name) || !(name in GROUP_MESSAGES)) return;
    owner.set(name, pkg);
    for (const f of parseTable(name, GROUP_MESSAGES[name])) claim(f.type, pkg);
  };
  for (const { apiVersion, kind } of PROTOBUF_KINDS) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    if (group) claim(kind, packageOf(group, version));
  }
  for (const [name, text] of Object.entries(GROUP_MESSAGES)) {
    const pkg = owner.get(name);
    if (!pkg) throw new Error(`openapi schema ${name}: no served kind reaches it`);
    add(pkg, name, text);
  }
  for (const [pkg, tables] of Object.entries(EXTRA_TABLES))
    for (const [name, text] of Object.entries(tables)) add(pkg, name, text);
  return messages;
}

const MESSAGES = collect();

/** The message a field's type names: its own package first, then core/v1, then meta/v1. */
function resolve(from: Message, type: string): Message | undefined {
  for (const pkg of [from.pkg, CORE_PACKAGE, META_PACKAGE]) {
    const found = MESSAGES.get(`${pkg}.${type}`);
    if (found) return found;
  }
  return undefined;
}

const ref = (id: string): JsonObject => ({ $ref: `#/components/schemas/${id}` });

/** The schema of one value of a field's type, and the ids it refers to. */
function valueSchema(from: Message, field: Field, element: boolean, refs: Set<string>): JsonObject {
  const { type } = field;
  const zero = (schema: JsonObject, value: Json) => (element ? { ...schema, default: value } : schema);
  switch (type) {
    case 'string':
      return zero({ type: 'string' }, '');
    case 'bool':
      return zero({ type: 'boolean' }, false);
    case 'bytes':
      return { type: 'string', format: 'byte' };
    case 'int':
    case 'int64': {
      const wide = type === 'int64' || INT64_FIELDS.has(`${from.name}.${field.name}`);
      return zero({ type: 'integer', format: wide ? 'int64' : 'int32' }, 0);
    }
  }
  const helper = HELPERS[type];
  if (helper) {
    refs.add(helper.id);
    return ref(helper.id);
  }
  const target = resolve(from, type);
  if (!target) throw new Error(`openapi schema ${from.id}.${field.name}: unknown type ${type}`);
  refs.add(target.id);
  // A Go value (not pointer) struct is never null: the real documents say so with `default: {}`.
  return field.pointer ? ref(target.id) : { allOf: [ref(target.id)], default: {} };
}

function fieldSchema(from: Message, field: Field, refs: Set<string>): JsonObject {
  if (field.repeated) return { type: 'array', items: valueSchema(from, field, true, refs) };
  if (field.map) return { type: 'object', additionalProperties: valueSchema(from, field, true, refs) };
  return valueSchema(from, field, false, refs);
}

/** A struct's properties, inlined embedded structs included, and its required fields. */
function properties(message: Message, refs: Set<string>): { props: JsonObject; required: string[] } {
  const props: JsonObject = {};
  const required = [...(REQUIRED[message.id.slice('io.k8s.'.length)] ?? [])];
  for (const field of message.fields) {
    if (NEWER_FIELDS.has(`${message.name}.${field.name}`)) continue;
    if (field.inline) {
      const embedded = resolve(message, field.type);
      if (!embedded) throw new Error(`openapi schema ${message.id}: unknown inlined ${field.type}`);
      const inner = properties(embedded, refs);
      Object.assign(props, inner.props);
      required.push(...inner.required);
    } else props[field.name] = fieldSchema(message, field, refs);
  }
  return { props, required };
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function messageSchema(message: Message, refs: Set<string>, gvk?: Gvk): JsonObject {
  const { props, required } = properties(message, refs);
  const all: JsonObject = gvk
    ? { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...props }
    : props;
  const schema: JsonObject = { type: 'object', properties: sorted(all) };
  if (gvk && KIND_DESCRIPTIONS[gvk.kind]) schema.description = KIND_DESCRIPTIONS[gvk.kind];
  if (required.length > 0) schema.required = required;
  if (gvk) schema['x-kubernetes-group-version-kind'] = [{ ...gvk }];
  return schema;
}

/** `<Kind>List`, as every served kind has one. */
function listSchema(kindId: string, gvk: Gvk, refs: Set<string>): JsonObject {
  refs.add(kindId);
  refs.add(`${META_PACKAGE}.ListMeta`);
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      items: { type: 'array', items: { allOf: [ref(kindId)], default: {} } },
      kind: { type: 'string' },
      metadata: { allOf: [ref(`${META_PACKAGE}.ListMeta`)], default: {} },
    },
    required: ['items'],
    'x-kubernetes-group-version-kind': [{ ...gvk, kind: `${gvk.kind}List` }],
  };
}

const sorted = (object: JsonObject): JsonObject =>
  Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((k) => [k, object[k]]),
  );

/** The id of a kind's schema, or undefined when no table describes it. */
export function kindSchemaId(group: string, version: string, kind: string): string | undefined {
  const id = `${packageOf(group, version)}.${kind}`;
  return MESSAGES.has(id) ? id : undefined;
}

/**
 * The schemas of a group-version's kinds, their lists, and everything they
 * reach, sorted by name as the real server lists them.
 */
export function groupVersionSchemas(group: string, version: string): JsonObject {
  const out: JsonObject = {};
  const pending: string[] = [];
  const gvks = new Map<string, Gvk>();
  for (const t of RESOURCES.filter((r) => r.group === group && r.version === version)) {
    const id = kindSchemaId(group, version, t.kind);
    if (!id) throw new Error(`openapi schema: no table for ${t.kind}`);
    gvks.set(id, { group, kind: t.kind, version });
    pending.push(id);
  }
  for (const [id, gvk] of gvks) {
    const refs = new Set<string>();
    out[`${id}List`] = listSchema(id, gvk, refs);
    pending.push(...refs);
  }
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (id in out) continue;
    const helper = Object.values(HELPERS).find((h) => h.id === id);
    if (helper) {
      out[id] = helper.schema;
      continue;
    }
    const refs = new Set<string>();
    out[id] = messageSchema(MESSAGES.get(id)!, refs, gvks.get(id));
    pending.push(...refs);
  }
  return sorted(out);
}
