/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): a request is
 * allowed when a rule of a role bound to the user matches it; cluster-wide
 * bindings first, then the bindings of the request's namespace.
 */
import { isObject, type Json, type KubeObject } from '../api/meta.js';
import type { UserInfo } from './authn.js';
import type { Attributes, Authorizer, Decision } from './authz.js';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface RoleRef {
  kind: string;
  name: string;
}

/** Where the authorizer reads roles and bindings (the registry; later an informer's cache). */
export interface RbacSource {
  clusterRoleBindings(): Promise<KubeObject[]>;
  roleBindings(namespace: string): Promise<KubeObject[]>;
  clusterRole(name: string): Promise<KubeObject | undefined>;
  role(namespace: string, name: string): Promise<KubeObject | undefined>;
}

const strings = (v: Json | undefined): string[] | undefined =>
  Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;

function rulesOf(role: KubeObject): PolicyRule[] {
  const rules = Array.isArray(role.rules) ? (role.rules as Json[]) : [];
  return rules.filter(isObject).map((r) => ({
    verbs: strings(r.verbs) ?? [],
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  }));
}

const has = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v === '*' || v === value);

/** rbac.RuleAllows. */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.isResourceRequest)
    return (rule.nonResourceURLs ?? []).some(
      (u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))),
    );
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceMatches = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (a.subresource !== '' && r === `*/${a.subresource}`),
  );
  const names = rule.resourceNames ?? [];
  return has(rule.apiGroups, a.apiGroup) && resourceMatches && (names.length === 0 || names.includes(a.name));
}

function subjectsOf(binding: KubeObject): Subject[] {
  const subjects = Array.isArray(binding.subjects) ? (binding.subjects as Json[]) : [];
  return subjects.filter(isObject).map((s) => ({
    kind: String(s.kind ?? ''),
    name: String(s.name ?? ''),
    namespace: typeof s.namespace === 'string' ? s.namespace : undefined,
  }));
}

/** appliesToUser: a ServiceAccount subject without a namespace means the binding's own. */
function applies(user: UserInfo, s: Subject, bindingNamespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.name === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNamespace;
      return ns !== '' && user.name === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount')
    return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

const roleRefOf = (binding: KubeObject): RoleRef => {
  const ref = isObject(binding.roleRef) ? binding.roleRef : {};
  return { kind: String(ref.kind ?? ''), name: String(ref.name ?? '') };
};

export class RbacAuthorizer implements Authorizer {
  constructor(private readonly source: RbacSource) {}

  async authorize(a: Attributes): Promise<Decision> {
    const errors: string[] = [];
    const scopes: [string, KubeObject[]][] = [['', await this.source.clusterRoleBindings()]];
    if (a.namespace) scopes.push([a.namespace, await this.source.roleBindings(a.namespace)]);
    for (const [namespace, bindings] of scopes) {
      for (const binding of bindings) {
        const subject = subjectsOf(binding).find((s) => applies(a.user, s, namespace));
        if (!subject) continue;
        const ref = roleRefOf(binding);
        const role = await this.roleOf(ref, namespace);
        if (typeof role === 'string') {
          errors.push(role);
          continue;
        }
        if (!rulesOf(role).some((rule) => ruleAllows(a, rule))) continue;
        const name = namespace
          ? `${binding.metadata.name ?? ''}/${namespace}`
          : (binding.metadata.name ?? '');
        const kind = namespace ? 'RoleBinding' : 'ClusterRoleBinding';
        return {
          allowed: true,
          reason: `RBAC: allowed by ${kind} ${JSON.stringify(name)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, namespace)}`,
        };
      }
    }
    // utilerrors.NewAggregate: one error reads as itself, several as a bracketed list.
    const reason = errors.length === 0 ? '' : errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
    return { allowed: false, reason: reason && `RBAC: ${reason}` };
  }

  /** The referenced role, or the lister's NotFound message (`clusterrole.rbac.authorization.k8s.io "x" not found`). */
  private async roleOf(ref: RoleRef, namespace: string): Promise<KubeObject | string> {
    if (ref.kind === 'ClusterRole') {
      return (
        (await this.source.clusterRole(ref.name)) ??
        `clusterrole.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found`
      );
    }
    if (ref.kind === 'Role' && namespace) {
      return (
        (await this.source.role(namespace, ref.name)) ??
        `role.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found`
      );
    }
    return `unsupported role reference kind: ${JSON.stringify(ref.kind)}`;
  }
}
