/**
 * SelfSubjectAccessReview (authorization.k8s.io/v1), what `kubectl auth
 * can-i` posts: the same authorizer that guards requests answers whether the
 * requesting user may do what the spec describes. Never stored.
 */
import { invalid, isObject, type Json, type KubeObject } from '../api/meta.js';
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
