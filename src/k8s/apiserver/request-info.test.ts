import { describe, expect, it } from 'vitest';
import { requestInfo } from './request-info.js';

const info = (method: string, path: string) => {
  const r = requestInfo(method, new URL(path, 'http://localhost'));
  return [r.isResourceRequest, r.verb, r.apiGroup, r.namespace, r.resource, r.name, r.subresource];
};

describe('request info, as the real server resolves URLs for authorization', () => {
  it.each([
    ['GET', '/api', [false, 'get', '', '', '', '', '']],
    ['GET', '/api/v1', [false, 'get', '', '', '', '', '']],
    ['GET', '/apis/apps/v1', [false, 'get', '', '', '', '', '']],
    ['GET', '/healthz', [false, 'get', '', '', '', '', '']],
    ['GET', '/api/v1/namespaces/default/pods', [true, 'list', '', 'default', 'pods', '', '']],
    ['GET', '/api/v1/pods?watch=true', [true, 'watch', '', '', 'pods', '', '']],
    ['GET', '/api/v1/pods?watch=0', [true, 'list', '', '', 'pods', '', '']],
    ['GET', '/api/v1/watch/namespaces/ns/pods', [true, 'watch', '', 'ns', 'pods', '', '']],
    [
      'GET',
      '/api/v1/namespaces/kube-system',
      [true, 'get', '', 'kube-system', 'namespaces', 'kube-system', ''],
    ],
    ['PUT', '/api/v1/namespaces/ns/status', [true, 'update', '', 'ns', 'namespaces', 'ns', 'status']],
    ['POST', '/apis/apps/v1/namespaces/a/deployments', [true, 'create', 'apps', 'a', 'deployments', '', '']],
    [
      'PATCH',
      '/apis/apps/v1/namespaces/a/deployments/web/scale',
      [true, 'patch', 'apps', 'a', 'deployments', 'web', 'scale'],
    ],
    ['DELETE', '/api/v1/namespaces/a/pods', [true, 'deletecollection', '', 'a', 'pods', '', '']],
    ['DELETE', '/api/v1/nodes/n1', [true, 'delete', '', '', 'nodes', 'n1', '']],
  ])('%s %s', (method, path, want) => {
    expect(info(method, path)).toEqual(want);
  });
});
