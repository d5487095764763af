import { describe, expect, it } from 'vitest';
import { ProtobufError } from './protobuf.js';
import { decodeObject, objectFromProtobuf } from './proto-schema.js';

// Bodies kubectl 1.32 posts (captured by a logging server) for
// `kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=2` and
// `kubectl create deployment d1 --image=nginx --replicas=2`.
const CREATE_CONFIGMAP =
  '6b3873000a0f0a0276311209436f6e6669674d617012250a130a03636d3112001a0022002a0032003800420012060a016112013112060a' +
  '01621201321a002200';
const CREATE_DEPLOYMENT =
  '6b3873000a150a07617070732f7631120a4465706c6f796d656e7412a7010a1d0a02643112001a0022002a003200380042005a090a0361' +
  '70701202643112780802120b0a090a03617070120264311a5f0a1b0a0012001a0022002a003200380042005a090a03617070120264311240' +
  '12220a056e67696e7812056e67696e782a0042006a007200800100880100900100a201001a00320042004a0052005800600068008201008a' +
  '01009a0100c2010022020a00280038001a0c0800100018002000280038001a002200';

/** A test-only encoder: numbers and bigints as varints, strings and bytes length-delimited, arrays as messages. */
type Value = number | bigint | string | Uint8Array | Field[];
type Field = [number, Value];

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? b | 0x80 : b);
  } while (v > 0n);
  return out;
}

function encode(fields: Field[]): Uint8Array {
  const out: number[] = [];
  for (const [n, value] of fields) {
    if (typeof value === 'number' || typeof value === 'bigint') out.push(...varint(n * 8), ...varint(value));
    else {
      const bytes =
        typeof value === 'string'
          ? new TextEncoder().encode(value)
          : value instanceof Uint8Array
            ? value
            : encode(value);
      out.push(...varint(n * 8 + 2), ...varint(bytes.length), ...bytes);
    }
  }
  return Uint8Array.from(out);
}

const envelope = (apiVersion: string, kind: string, object: Field[]): Uint8Array =>
  Uint8Array.from([
    0x6b,
    0x38,
    0x73,
    0x00,
    ...encode([
      [
        1,
        [
          [1, apiVersion],
          [2, kind],
        ],
      ],
      [2, encode(object)],
    ]),
  ]);

const meta = (name: string): Field => [1, [[1, name]]];
const entry = (key: string, value: Value): Field[] => [
  [1, key],
  [2, value],
];

describe('protobuf bodies as JSON objects', () => {
  it('reads what kubectl create configmap posts as the JSON it would have sent', () => {
    expect(objectFromProtobuf(Buffer.from(CREATE_CONFIGMAP, 'hex'))).toEqual({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'cm1' },
      data: { a: '1', b: '2' },
    });
  });

  it('drops the zero non-pointer fields gogo always writes (empty strategy, resources, status)', () => {
    expect(objectFromProtobuf(Buffer.from(CREATE_DEPLOYMENT, 'hex'))).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd1', labels: { app: 'd1' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'd1' } },
        template: {
          metadata: { labels: { app: 'd1' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
        },
      },
    });
  });

  it('keeps the zero of a pointer field: replicas 0, automount false, an empty emptyDir', () => {
    const podSpec: Field[] = [
      [
        1,
        [
          [1, 'data'],
          [2, [[2, []]]],
        ],
      ], // volumes: emptyDir (pointer) set but empty
      [2, [[1, 'c']]],
      [21, 0], // automountServiceAccountToken (*bool) false
      [11, 0], // hostNetwork (bool) false: dropped
    ];
    const spec: Field[] = [
      [1, 0],
      [3, [[2, podSpec]]],
      [5, 0], // minReadySeconds (int32) 0: dropped
    ];
    expect(objectFromProtobuf(envelope('apps/v1', 'Deployment', [meta('d'), [2, spec]]))).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'd' },
      spec: {
        replicas: 0,
        template: {
          spec: {
            volumes: [{ name: 'data', emptyDir: {} }],
            containers: [{ name: 'c' }],
            automountServiceAccountToken: false,
          },
        },
      },
    });
  });

  it('reads intstr, quantities, times, bytes and negative int64s in their JSON forms', () => {
    const container: Field[] = [
      [1, 'c'],
      [8, [[2, entry('cpu', [[1, '250m']])]]],
      [
        10,
        [
          [
            1,
            [
              [
                3,
                [
                  [
                    1,
                    [
                      [1, 1],
                      [3, 'http'],
                    ],
                  ],
                ],
              ],
            ],
          ],
          [2, 5],
        ],
      ],
      [11, [[1, [[2, [[2, [[2, 8080]]]]]]]]],
    ];
    const pod: Field[] = [
      [
        1,
        [
          [1, 'p'],
          [8, [[1, 1700000000]]],
        ],
      ],
      [
        2,
        [
          [2, container],
          [
            22,
            [
              [1, 'k'],
              [5, -1],
            ],
          ],
        ],
      ],
    ];
    expect(objectFromProtobuf(envelope('v1', 'Pod', pod))).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'p', creationTimestamp: '2023-11-14T22:13:20Z' },
      spec: {
        containers: [
          {
            name: 'c',
            resources: { requests: { cpu: '250m' } },
            livenessProbe: { tcpSocket: { port: 'http' }, initialDelaySeconds: 5 },
            readinessProbe: { httpGet: { port: 8080 } },
          },
        ],
        tolerations: [{ key: 'k', tolerationSeconds: -1 }],
      },
    });
    const binary = envelope('v1', 'ConfigMap', [
      meta('b'),
      [3, entry('blob', Uint8Array.from([0, 255]))],
      [2, entry('empty', '')],
    ]);
    expect(objectFromProtobuf(binary)).toMatchObject({ data: { empty: '' }, binaryData: { blob: 'AP8=' } });
  });

  it('keeps empty strings inside lists (the core group in apiGroups)', () => {
    const rule: Field[] = [
      [1, 'get'],
      [2, ''],
      [3, 'pods'],
    ];
    expect(
      objectFromProtobuf(envelope('rbac.authorization.k8s.io/v1', 'Role', [meta('r'), [2, rule]])),
    ).toEqual({
      kind: 'Role',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'r' },
      rules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    });
  });

  it('inlines embedded structs and accepts packed repeated varints', () => {
    const env: Field[] = [
      [1, 'A'],
      [
        3,
        [
          [
            3,
            [
              [1, [[1, 'cm']]],
              [2, 'key'],
            ],
          ],
        ],
      ],
    ];
    const podSpec: Field[] = [
      [2, [[7, env]]],
      [14, [[4, Uint8Array.from([1, 2, 3])]]],
    ];
    expect(decodeObject('PodSpec', encode(podSpec))).toEqual({
      containers: [{ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'key' } } }] }],
      securityContext: { supplementalGroups: [1, 2, 3] },
    });
  });

  it('refuses fields, wire types and kinds it has no table for, naming where', () => {
    const unknown = envelope('v1', 'ConfigMap', [[1, [[99, 'x']]]]);
    expect(() => objectFromProtobuf(unknown)).toThrow(
      new ProtobufError('metadata: unknown field 99 in ObjectMeta'),
    );
    const wrongWire = envelope('v1', 'ConfigMap', [[1, [[1, 7]]]]);
    expect(() => objectFromProtobuf(wrongWire)).toThrow(
      new ProtobufError('metadata.name: wire type varint where length-delimited was expected'),
    );
    // A volume source not in the tables (rbd, 11) is refused, not dropped.
    const rbd = encode([
      [
        1,
        [
          [1, 'v'],
          [2, [[11, [[2, 'img']]]]],
        ],
      ],
    ]);
    expect(() => decodeObject('PodSpec', rbd)).toThrow(
      new ProtobufError('volumes[0]: unknown field 11 in VolumeSource'),
    );
    expect(() => objectFromProtobuf(envelope('v1', 'Secret', [meta('s')]))).toThrow(
      new ProtobufError('no protobuf decoding for v1, Kind=Secret; send application/json'),
    );
    expect(() => objectFromProtobuf(Buffer.from('{}'))).toThrow(ProtobufError);
  });
});
