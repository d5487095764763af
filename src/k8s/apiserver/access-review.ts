/**
 * SelfSubjectAccessReview (authorization.k8s.io/v1), what `kubectl auth
 * can-i` posts: the same authorizer that guards requests answers whether the
 * requesting user may do what the spec describes. Never stored.
 */
import { invalid, isObject, type Json, type JsonObject, type KubeObject } from '../api/meta.js';
import { decodeEnvelope, messageField, stringField, type Fields } from '../api/protobuf.js';
import type { Result } from './registry.js';
import type { UserInfo } from './authn.js';
import type { Attributes, Authorizer } from './authz.js';

const REVIEW = { group: 'authorization.k8s.io', kind: 'SelfSubjectAccessReview' };

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');

function attributesOf(spec: Record<string, Json>, user: UserInfo): Attributes | undefined {
  const base = { user, apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '' };
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  if (isObject(r) === isObject(n)) return undefined;
  if (isObject(r))
    return {
      ...base,
      isResourceRequest: true,
      path: '',
      verb: str(r.verb),
      apiGroup: str(r.group),
      apiVersion: str(r.version),
      namespace: str(r.namespace),
      resource: str(r.resource),
      subresource: str(r.subresource),
      name: str(r.name),
    };
  const path = isObject(n) ? n : {};
  return { ...base, isResourceRequest: false, path: str(path.path), verb: str(path.verb) };
}

export async function selfSubjectAccessReview(
  body: Json,
  user: UserInfo,
  authorizer: Authorizer,
): Promise<Result<KubeObject>> {
  const review = isObject(body) ? body : {};
  const spec = isObject(review.spec) ? review.spec : {};
  const attributes = attributesOf(spec, user);
  if (!attributes)
    return {
      ok: false,
      status: invalid(REVIEW, '', [
        {
          field: 'spec.resourceAttributes',
          message: `Invalid value: ${JSON.stringify(spec.resourceAttributes ?? 'null')}: exactly one of nonResourceAttributes or resourceAttributes must be specified`,
        },
      ]),
    };
  const decision = await authorizer.authorize(attributes);
  const status: Record<string, Json> = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return {
    ok: true,
    // An unsaved object: metav1.ObjectMeta marshals its zero creationTimestamp as null.
    value: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null } as unknown as KubeObject['metadata'],
      spec,
      status,
    },
  };
}

/** Fields of a protobuf message as JSON, omitting empty strings as the JSON form's omitempty does. */
function strings(fields: Fields | undefined, names: Record<number, string>): JsonObject | undefined {
  if (!fields) return undefined;
  const out: JsonObject = {};
  for (const [n, name] of Object.entries(names)) {
    const value = stringField(fields, Number(n));
    if (value) out[name] = value;
  }
  return out;
}

/** The review kubectl posts as protobuf (authorization/v1 generated.proto field numbers), as its JSON form. */
export function reviewFromProtobuf(bytes: Uint8Array): Json {
  const spec = messageField(decodeEnvelope(bytes).raw, 2);
  const resourceAttributes = strings(spec && messageField(spec, 1), {
    1: 'namespace',
    2: 'verb',
    3: 'group',
    4: 'version',
    5: 'resource',
    6: 'subresource',
    7: 'name',
  });
  const nonResourceAttributes = strings(spec && messageField(spec, 2), { 1: 'path', 2: 'verb' });
  const out: JsonObject = {};
  if (resourceAttributes) out.resourceAttributes = resourceAttributes;
  if (nonResourceAttributes) out.nonResourceAttributes = nonResourceAttributes;
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', spec: out };
}
