import { describe, expect, it } from 'vitest';
import { decodeEnvelope, messageField, ProtobufError, stringField } from './protobuf.js';

// Bodies kubectl 1.32 posts for `auth can-i list pods` and `auth can-i get /healthz` (captured by a logging server).
const CAN_I_LIST_PODS =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577' +
  '123d0a100a0012001a0022002a00320038004200121f0a1d0a0764656661756c7412046c6973741a0022002a04706f647332003a001a0808' +
  '0012001a0020001a002200';
const CAN_I_GET_HEALTHZ =
  '6b3873000a320a17617574686f72697a6174696f6e2e6b38732e696f2f7631121753656c665375626a656374416363657373526576696577' +
  '122f0a100a0012001a0022002a003200380042001211120f0a082f6865616c74687a12036765741a08080012001a0020001a002200';

describe('kubernetes protobuf', () => {
  it('reads the envelope type and nested string fields', () => {
    const bytes = Buffer.from(CAN_I_LIST_PODS, 'hex');
    const { apiVersion, kind, raw } = decodeEnvelope(bytes);
    expect([apiVersion, kind]).toEqual(['authorization.k8s.io/v1', 'SelfSubjectAccessReview']);
    const attributes = messageField(messageField(raw, 2)!, 1)!;
    expect([1, 2, 3, 5, 7].map((n) => stringField(attributes, n))).toEqual([
      'default',
      'list',
      '',
      'pods',
      '',
    ]);
    const path = messageField(
      messageField(decodeEnvelope(Buffer.from(CAN_I_GET_HEALTHZ, 'hex')).raw, 2)!,
      2,
    )!;
    expect([stringField(path, 1), stringField(path, 2)]).toEqual(['/healthz', 'get']);
  });

  it('refuses data without the k8s prefix as the real decoder words it', () => {
    expect(() => decodeEnvelope(Buffer.from('{}'))).toThrow(ProtobufError);
  });
});
