/**
 * Just enough of Kubernetes' protobuf wire form to read what clients send
 * that way (kubectl's typed clients post `application/vnd.kubernetes.protobuf`):
 * the `k8s\0` envelope around a runtime.Unknown, and proto3 messages as
 * field number → values.
 */

export class ProtobufError extends Error {}

/** A decoded message: each field number's values in order (varints as numbers, length-delimited as bytes). */
export type Fields = Map<number, (number | Uint8Array)[]>;

export function decodeMessage(bytes: Uint8Array): Fields {
  const fields: Fields = new Map();
  let i = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      if (i >= bytes.length) throw new ProtobufError('truncated varint');
      const b = bytes[i++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  };
  while (i < bytes.length) {
    const key = varint();
    const [field, wire] = [Math.floor(key / 8), key & 7];
    let value: number | Uint8Array;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const length = varint();
      if (i + length > bytes.length) throw new ProtobufError('truncated field');
      value = bytes.subarray(i, i + length);
      i += length;
    } else if (wire === 1 || wire === 5) {
      i += wire === 1 ? 8 : 4;
      continue;
    } else throw new ProtobufError(`unsupported wire type ${wire}`);
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
export function decodeEnvelope(bytes: Uint8Array): { apiVersion: string; kind: string; raw: Fields } {
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new ProtobufError(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
    );
  const unknown = decodeMessage(bytes.subarray(4));
  const typeMeta = messageField(unknown, 1) ?? new Map();
  return {
    apiVersion: stringField(typeMeta, 1),
    kind: stringField(typeMeta, 2),
    raw: messageField(unknown, 2) ?? new Map(),
  };
}
