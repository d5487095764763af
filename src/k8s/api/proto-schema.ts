/**
 * The protobuf form of the kinds kubectl's typed clients post
 * (`application/vnd.kubernetes.protobuf`: `kubectl create configmap`,
 * `create deployment`, …), read back into the JSON form the rest of the
 * server works on, driven by tables of the k8s.io/api generated.proto
 * messages (proto-schema-core.ts, proto-schema-groups.ts).
 *
 * The Go structs are proto2 marshalled by gogo-protobuf: a non-pointer field
 * is always on the wire, even when zero (`name: ""`, `replicas: 0`, an empty
 * `status`), a pointer field only when set. So a zero value of a non-pointer
 * field is dropped, as the JSON form's `omitempty` would, while a pointer
 * field (marked `?` in the tables) keeps its zero: `replicas: 0`,
 * `emptyDir: {}`. Fields the tables do not describe are errors, not silently
 * lost.
 */
import type { Json, JsonObject } from './meta.js';
import { decodeEnvelope, ProtobufError, readFields, readVarint, type WireField } from './protobuf.js';
import { CORE_MESSAGES } from './proto-schema-core.js';
import { GROUP_MESSAGES, PROTOBUF_KINDS } from './proto-schema-groups.js';

/**
 * A message table: its fields in the order the Go struct (and so the JSON
 * form) declares them, each `jsonName=number[:type]`. The type is `string`
 * when omitted; `T?` a pointer (zero kept), `T[]` repeated, `{T}` a
 * map<string, T>, `T^` an embedded struct whose fields the JSON form inlines.
 */
export type MessageTables = Record<string, string>;

interface FieldSpec {
  name: string;
  number: number;
  type: string;
  repeated: boolean;
  map: boolean;
  pointer: boolean;
  inline: boolean;
}

interface MessageSpec {
  name: string;
  fields: FieldSpec[];
  byNumber: Map<number, FieldSpec>;
}

/** Scalars and the apimachinery types with their own JSON encoding. */
const SCALARS = new Set([
  'string',
  'bool',
  'int',
  'bytes',
  'IntOrString',
  'Quantity',
  'Time',
  'MicroTime',
  'FieldsV1',
]);

function parseField(message: string, entry: string): FieldSpec {
  const m = /^(\w+)=(\d+)(?::(\{)?(\w+)(\}|\[\]|\?|\^)?)?$/.exec(entry);
  if (!m || (m[3] === '{') !== (m[5] === '}')) throw new Error(`proto schema ${message}: bad entry ${entry}`);
  return {
    name: m[1],
    number: Number(m[2]),
    type: m[4] ?? 'string',
    map: m[3] === '{',
    repeated: m[5] === '[]',
    pointer: m[5] === '?',
    inline: m[5] === '^',
  };
}

function compile(tables: MessageTables): Map<string, MessageSpec> {
  const specs = new Map<string, MessageSpec>();
  for (const [name, text] of Object.entries(tables)) {
    const fields = text
      .split(/\s+/)
      .filter((e) => e !== '')
      .map((e) => parseField(name, e));
    specs.set(name, { name, fields, byNumber: new Map(fields.map((f) => [f.number, f])) });
  }
  for (const spec of specs.values())
    for (const f of spec.fields)
      if (!SCALARS.has(f.type) && !specs.has(f.type))
        throw new Error(`proto schema ${spec.name}.${f.name}: unknown type ${f.type}`);
  return specs;
}

const MESSAGES = compile({ ...CORE_MESSAGES, ...GROUP_MESSAGES });

const utf8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Uint8Array, path: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ProtobufError(`${path}: invalid UTF-8 in a string field`);
  }
}

const WIRE_NAMES = ['varint', 'fixed64', 'length-delimited', '', '', 'fixed32'];

function expectWire(f: WireField, wire: 0 | 2, path: string): void {
  if (f.wire !== wire)
    throw new ProtobufError(
      `${path}: wire type ${WIRE_NAMES[f.wire]} where ${WIRE_NAMES[wire]} was expected`,
    );
}

/** The fields of an apimachinery helper message (Time, IntOrString, …) by number; any other number is an error. */
function helperFields(
  bytes: Uint8Array,
  type: string,
  known: number[],
  path: string,
): Map<number, WireField> {
  const out = new Map<number, WireField>();
  for (const f of readFields(bytes)) {
    if (!known.includes(f.field)) throw new ProtobufError(`${path}: unknown field ${f.field} in ${type}`);
    out.set(f.field, f);
  }
  return out;
}

const varintOf = (f: WireField | undefined, path: string): number => {
  if (!f) return 0;
  expectWire(f, 0, path);
  return f.value as number;
};
const bytesOf = (f: WireField | undefined, path: string): Uint8Array => {
  if (!f) return new Uint8Array();
  expectWire(f, 2, path);
  return f.value as Uint8Array;
};

/** metav1.Time / MicroTime as their JSON form (RFC 3339 in UTC, whole seconds or microseconds). */
function timestamp(seconds: number, nanos: number, micro: boolean): string {
  const iso = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${iso}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${iso}Z`;
}

/** One decoded value and whether it is its type's zero (which a non-pointer field omits). */
interface Decoded {
  value: Json;
  zero: boolean;
}

function decodeValue(type: string, f: WireField, path: string): Decoded {
  switch (type) {
    case 'int': {
      const v = varintOf(f, path);
      return { value: v, zero: v === 0 };
    }
    case 'bool': {
      const v = varintOf(f, path) !== 0;
      return { value: v, zero: !v };
    }
    case 'string': {
      const v = text(bytesOf(f, path), path);
      return { value: v, zero: v === '' };
    }
    case 'bytes': {
      const v = bytesOf(f, path);
      return { value: Buffer.from(v).toString('base64'), zero: v.length === 0 };
    }
    case 'Quantity': {
      const v = text(bytesOf(helperFields(bytesOf(f, path), type, [1], path).get(1), path), path);
      return { value: v, zero: v === '' };
    }
    case 'IntOrString': {
      const fields = helperFields(bytesOf(f, path), type, [1, 2, 3], path);
      const isString = varintOf(fields.get(1), path) === 1;
      const intVal = varintOf(fields.get(2), path);
      const strVal = text(bytesOf(fields.get(3), path), path);
      return isString ? { value: strVal, zero: false } : { value: intVal, zero: intVal === 0 };
    }
    case 'Time':
    case 'MicroTime': {
      const fields = helperFields(bytesOf(f, path), type, [1, 2], path);
      const [seconds, nanos] = [varintOf(fields.get(1), path), varintOf(fields.get(2), path)];
      // The zero time.Time marshals as an empty message.
      if (seconds === 0 && nanos === 0) return { value: null, zero: true };
      return { value: timestamp(seconds, nanos, type === 'MicroTime'), zero: false };
    }
    case 'FieldsV1': {
      const raw = bytesOf(helperFields(bytesOf(f, path), type, [1], path).get(1), path);
      if (raw.length === 0) return { value: {}, zero: true };
      try {
        return { value: JSON.parse(text(raw, path)) as Json, zero: false };
      } catch {
        throw new ProtobufError(`${path}: FieldsV1 is not JSON`);
      }
    }
    default: {
      const object = decodeObject(type, bytesOf(f, path), path);
      return { value: object, zero: Object.keys(object).length === 0 };
    }
  }
}

/** Repeated varints may also come packed into one length-delimited field. */
function unpack(f: WireField): WireField[] {
  if (f.wire !== 2) return [f];
  const bytes = f.value as Uint8Array;
  const out: WireField[] = [];
  for (let i = 0; i < bytes.length;) {
    const v = readVarint(bytes, i);
    out.push({ field: f.field, wire: 0, value: v.value });
    i = v.next;
  }
  return out;
}

/** A map<string, T> entry: key 1, value 2; a missing value is the type's zero, kept (a label may be ""). */
function mapEntry(type: string, f: WireField, path: string): [string, Json] {
  const fields = helperFields(bytesOf(f, path), 'map entry', [1, 2], path);
  const key = text(bytesOf(fields.get(1), path), path);
  const varint = type === 'int' || type === 'bool';
  const value = fields.get(2) ?? { field: 2, wire: varint ? 0 : 2, value: varint ? 0 : new Uint8Array() };
  return [key, decodeValue(type, value, `${path}[${JSON.stringify(key)}]`).value];
}

/** A message of the named type as its JSON object; unknown fields are errors. */
export function decodeObject(type: string, bytes: Uint8Array, path = ''): JsonObject {
  const spec = MESSAGES.get(type);
  if (!spec) throw new ProtobufError(`${path || type}: no protobuf schema for ${type}`);
  const occurrences = new Map<number, WireField[]>();
  for (const f of readFields(bytes)) {
    if (!spec.byNumber.has(f.field))
      throw new ProtobufError(`${path || type}: unknown field ${f.field} in ${type}`);
    occurrences.set(f.field, [...(occurrences.get(f.field) ?? []), f]);
  }
  const out: JsonObject = {};
  for (const field of spec.fields) {
    const values = occurrences.get(field.number);
    if (!values) continue;
    // An embedded struct's fields are the parent's in JSON, and so in the paths errors name.
    const at = field.inline ? path : path ? `${path}.${field.name}` : field.name;
    if (field.map) {
      out[field.name] = Object.fromEntries(values.map((f) => mapEntry(field.type, f, at)));
    } else if (field.repeated) {
      const scalar = field.type === 'int' || field.type === 'bool';
      out[field.name] = (scalar ? values.flatMap(unpack) : values).map(
        (f, i) => decodeValue(field.type, f, `${at}[${i}]`).value,
      );
    } else {
      // proto semantics: the last occurrence of a singular field wins.
      const decoded = decodeValue(field.type, values[values.length - 1], at);
      if (field.inline) Object.assign(out, decoded.value as JsonObject);
      else if (field.pointer || !decoded.zero) out[field.name] = decoded.value;
    }
  }
  return out;
}

/**
 * A `k8s\0`-prefixed runtime.Unknown body as the JSON object the client
 * would have sent: kind, apiVersion, then the object's fields. Kinds without
 * a table here are refused.
 */
export function objectFromProtobuf(bytes: Uint8Array): Json {
  const envelope = decodeEnvelope(bytes);
  const { apiVersion, kind } = envelope;
  if (!PROTOBUF_KINDS.some((k) => k.apiVersion === apiVersion && k.kind === kind) || !MESSAGES.has(kind))
    throw new ProtobufError(
      `no protobuf decoding for ${apiVersion ? `${apiVersion}, ` : ''}Kind=${kind || '(empty)'}; send application/json`,
    );
  return { kind, apiVersion, ...decodeObject(kind, envelope.bytes) };
}
