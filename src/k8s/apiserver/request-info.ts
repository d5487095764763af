/**
 * What a request asks to do, for authorization: a port of
 * k8s.io/apiserver/pkg/endpoints/request/requestinfo.go (NewRequestInfo).
 */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  /** `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection`; the lowercased method for paths. */
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

// The real server also knows proxy/redirect; only watch is served here.
const SPECIAL_VERBS = new Set(['watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export function requestInfo(method: string, url: URL): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path: url.pathname,
    verb: method.toLowerCase(),
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
  const trimmed = url.pathname.replace(/^\/+|\/+$/g, '');
  let parts = trimmed === '' ? [] : trimmed.split('/');
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return info;
  const prefix = parts[0];
  parts = parts.slice(1);
  if (prefix === 'apis') {
    // The prefix is consumed, so this asks for four parts: group, version and at least a resource.
    if (parts.length < 3) return info;
    info.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  info.isResourceRequest = true;
  info.apiVersion = parts[0];
  parts = parts.slice(1);
  if (SPECIAL_VERBS.has(parts[0]) && parts.length >= 2) {
    info.verb = parts[0];
    parts = parts.slice(1);
  } else info.verb = METHOD_VERBS[method] ?? '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    info.namespace = parts[1];
    // `/namespaces/NS/RESOURCE…` addresses a namespaced resource; `/namespaces/NS/status` the namespace's own.
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  [info.resource = '', info.name = '', info.subresource = ''] = parts;
  if (info.name === '' && info.verb === 'get') {
    const watch = url.searchParams.get('watch');
    info.verb = watch === null || ['false', '0'].includes(watch.toLowerCase()) ? 'list' : 'watch';
  }
  if (info.name === '' && info.verb === 'delete') info.verb = 'deletecollection';
  return info;
}
