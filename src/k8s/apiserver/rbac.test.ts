import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from './authn.js';
import type { Attributes } from './authz.js';
import { ruleAllows, type PolicyRule } from './rbac.js';

const resource = (verb: string, apiGroup: string, res: string, name = '', subresource = ''): Attributes => ({
  user: ANONYMOUS,
  isResourceRequest: true,
  path: '',
  verb,
  apiGroup,
  apiVersion: 'v1',
  namespace: 'default',
  resource: res,
  subresource,
  name,
});
const path = (verb: string, p: string): Attributes => ({
  ...resource(verb, '', ''),
  isResourceRequest: false,
  path: p,
});

describe('RBAC rule matching', () => {
  const podReader: PolicyRule = { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] };
  it.each<[string, PolicyRule, Attributes, boolean]>([
    ['verb and resource', podReader, resource('list', '', 'pods'), true],
    ['another verb', podReader, resource('delete', '', 'pods'), false],
    ['another group', podReader, resource('list', 'apps', 'pods'), false],
    ['a subresource is not the resource', podReader, resource('get', '', 'pods', 'p', 'log'), false],
    [
      'resource/subresource',
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      resource('get', '', 'pods', 'p', 'log'),
      true,
    ],
    [
      '*/subresource',
      { verbs: ['get'], apiGroups: [''], resources: ['*/status'] },
      resource('get', '', 'nodes', 'n', 'status'),
      true,
    ],
    [
      'wildcards',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      resource('patch', 'apps', 'deployments', 'x'),
      true,
    ],
    [
      'resourceNames match',
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      resource('get', '', 'configmaps', 'a'),
      true,
    ],
    [
      'resourceNames never match a list',
      { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      resource('list', '', 'configmaps'),
      false,
    ],
    ['non-resource URL', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, path('get', '/healthz'), true],
    [
      'non-resource prefix',
      { verbs: ['get'], nonResourceURLs: ['/apis/*'] },
      path('get', '/apis/apps/v1'),
      true,
    ],
    ['a resource rule grants no path', podReader, path('get', '/api'), false],
  ])('%s', (_name, rule, attributes, allowed) => {
    expect(ruleAllows(attributes, rule)).toBe(allowed);
  });
});
