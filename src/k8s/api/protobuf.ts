/**
 * Just enough of Kubernetes' protobuf wire form to read what clients send
 * that way (kubectl's typed clients post `application/vnd.kubernetes.protobuf`):
 * the `k8s\0` envelope around a runtime.Unknown, and proto2 messages as
 * field number → values. proto-schema.ts turns a message into its JSON form.
 */

export class ProtobufError extends Error {}

/** A decoded message: each field number's values in order (varints as numbers, length-delimited as bytes). */
export type Fields = Map<number, (number | Uint8Array)[]>;

/** Wire types: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
export type WireType = 0 | 1 | 2 | 5;

/** One field occurrence as it appears on the wire. */
export interface WireField {
  field: number;
  wire: WireType;
  /** Varints as signed 64-bit numbers (negative int32/int64 are sign-extended on the wire); others as bytes. */
  value: number | Uint8Array;
}

/** A varint reader over `bytes` from `at`; values past 2^49 go through BigInt so int64 -1 reads as -1. */
export function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let big: bigint | undefined;
  for (let shift = 0, i = at; ; shift += 7) {
    if (i >= bytes.length) throw new ProtobufError('truncated varint');
    if (shift > 63) throw new ProtobufError('varint overflows 64 bits');
    const b = bytes[i++];
    if (shift < 49) value += (b & 0x7f) * 2 ** shift;
    else big = (big ?? BigInt(value)) | (BigInt(b & 0x7f) << BigInt(shift));
    if ((b & 0x80) === 0)
      return { value: big === undefined ? value : Number(BigInt.asIntN(64, big)), next: i };
  }
}

/** Every field of a message in wire order. */
export function readFields(bytes: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let i = 0;
  while (i < bytes.length) {
    const key = readVarint(bytes, i);
    i = key.next;
    const [field, wire] = [Math.floor(key.value / 8), key.value & 7];
    if (field === 0) throw new ProtobufError('invalid field number 0');
    if (wire === 0) {
      const v = readVarint(bytes, i);
      out.push({ field, wire, value: v.value });
      i = v.next;
    } else if (wire === 2) {
      const length = readVarint(bytes, i);
      i = length.next;
      if (length.value < 0 || i + length.value > bytes.length) throw new ProtobufError('truncated field');
      out.push({ field, wire, value: bytes.subarray(i, i + length.value) });
      i += length.value;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (i + size > bytes.length) throw new ProtobufError('truncated field');
      out.push({ field, wire, value: bytes.subarray(i, i + size) });
      i += size;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}

export function decodeMessage(bytes: Uint8Array): Fields {
  const fields: Fields = new Map();
  for (const { field, wire, value } of readFields(bytes)) {
    // Fixed-width values are not used by the kinds read here.
    if (wire === 1 || wire === 5) continue;
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

const text = new TextDecoder();

/** The last value of a string field ('' when absent, as proto3). */
export function stringField(fields: Fields, n: number): string {
  const v = fields.get(n)?.at(-1);
  return v instanceof Uint8Array ? text.decode(v) : '';
}

/** The last value of an embedded-message field, if present. */
export function messageField(fields: Fields, n: number): Fields | undefined {
  const v = fields.get(n)?.at(-1);
  return v instanceof Uint8Array ? decodeMessage(v) : undefined;
}

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** runtime.Unknown inside the `k8s\0` prefix: the type's apiVersion and kind and the object's own bytes. */
export function decodeEnvelope(bytes: Uint8Array): {
  apiVersion: string;
  kind: string;
  raw: Fields;
  bytes: Uint8Array;
} {
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new ProtobufError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  const unknown = decodeMessage(bytes.subarray(4));
  const typeMeta = messageField(unknown, 1) ?? new Map();
  const raw = unknown.get(2)?.at(-1);
  const object = raw instanceof Uint8Array ? raw : new Uint8Array();
  return {
    apiVersion: stringField(typeMeta, 1),
    kind: stringField(typeMeta, 2),
    raw: decodeMessage(object),
    bytes: object,
  };
}
