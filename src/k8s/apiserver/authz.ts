/**
 * Authorization as kube-apiserver chains it (pkg/kubeapiserver/authorizer):
 * members of `system:masters` first, then each `--authorization-mode` in
 * order; the first to allow wins, and the denial reasons are joined.
 */
import { failure, type Status } from '../api/meta.js';
import type { UserInfo } from './authn.js';
import type { RequestInfo } from './request-info.js';

export interface Attributes extends RequestInfo {
  user: UserInfo;
}

export interface Decision {
  allowed: boolean;
  /** Why: `RBAC: allowed by …`, or the errors met while looking (a missing role). */
  reason: string;
}

export interface Authorizer {
  authorize(attributes: Attributes): Promise<Decision>;
}

export type AuthorizationMode = 'AlwaysAllow' | 'AlwaysDeny' | 'RBAC';
export const AUTHORIZATION_MODES: readonly AuthorizationMode[] = ['AlwaysAllow', 'AlwaysDeny', 'RBAC'];

const fixed = (allowed: boolean): Authorizer => ({
  authorize: () => Promise.resolve({ allowed, reason: '' }),
});

/** The superuser group the real server authorizes before any mode. */
const privilegedGroup: Authorizer = {
  authorize: (a) => Promise.resolve({ allowed: a.user.groups.includes('system:masters'), reason: '' }),
};

/** `system:masters`, then the modes in order (the RBAC one built by the caller, which owns the store). */
export function chain(modes: readonly AuthorizationMode[], rbac: () => Authorizer): Authorizer {
  const members = [
    privilegedGroup,
    ...modes.map((m) => (m === 'RBAC' ? rbac() : fixed(m === 'AlwaysAllow'))),
  ];
  return {
    async authorize(attributes) {
      const reasons: string[] = [];
      for (const member of members) {
        const decision = await member.authorize(attributes);
        if (decision.allowed) return decision;
        if (decision.reason) reasons.push(decision.reason);
      }
      return { allowed: false, reason: reasons.join(', ') };
    },
  };
}

/** responsewriters.Forbidden: the message names the user, verb and resource (or path) that were refused. */
export function forbidden(a: Attributes, reason: string): Status {
  const user = JSON.stringify(a.user.name);
  let what: string;
  if (!a.isResourceRequest) what = `User ${user} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
    const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
    what = `User ${user} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
  }
  if (reason) what += `: ${reason}`;
  // apierrors.NewForbidden on the group-resource: no resource (a path) reads `forbidden: …`.
  const qualified = a.resource ? (a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource) : '';
  let message: string;
  if (!qualified) message = `forbidden: ${what}`;
  else if (!a.name) message = `${qualified} is forbidden: ${what}`;
  else message = `${qualified} ${JSON.stringify(a.name)} is forbidden: ${what}`;
  const details: Status['details'] = {};
  if (a.name) details.name = a.name;
  if (a.apiGroup) details.group = a.apiGroup;
  if (a.resource) details.kind = a.resource;
  return failure(403, 'Forbidden', message, details);
}

export const unauthorized = (): Status => failure(401, 'Unauthorized', 'Unauthorized');
