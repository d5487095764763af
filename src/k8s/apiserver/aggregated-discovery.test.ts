import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, kubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import { MemoryStore } from '../storage/memory.js';
import { aggregatedDiscovery, negotiateDiscovery } from './aggregated-discovery.js';
import { ApiServer } from './server.js';

// What the real clients send (measured against a logging server): 1.27–1.29 and 1.30+.
const ACCEPT_127 =
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
const ACCEPT_130 =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('aggregated discovery negotiation', () => {
  it.each([
    ['kubectl 1.27-1.29', ACCEPT_127, 'v2beta1'],
    ['kubectl 1.30+', ACCEPT_130, 'v2'],
    ['plain JSON', 'application/json, */*', undefined],
    [
      'plain JSON preferred over v2',
      'application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
      undefined,
    ],
    [
      'unknown version skipped',
      'application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList',
      undefined,
    ],
    ['no Accept', undefined, undefined],
  ])('%s', (_name, accept, want) => {
    expect(negotiateDiscovery(accept)).toBe(want);
  });

  it('describes a resource with scope, verbs, short names and subresources', () => {
    const doc = aggregatedDiscovery('apis', 'v2') as {
      items: { metadata: { name: string }; versions: { resources: { resource: string }[] }[] }[];
    };
    const apps = doc.items.find((g) => g.metadata.name === 'apps')!;
    expect(apps.versions[0].resources.find((r) => r.resource === 'deployments')).toEqual({
      resource: 'deployments',
      responseKind: { group: '', version: '', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        {
          subresource: 'scale',
          responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        },
        {
          subresource: 'status',
          responseKind: { group: '', version: '', kind: 'Deployment' },
          verbs: ['get', 'patch', 'update'],
        },
      ],
    });
  });
});

describe('aggregated discovery over HTTP', () => {
  const store = new MemoryStore();
  const server = new ApiServer({ store, host: systemHost });
  let url = '';
  beforeAll(async () => {
    url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('answers /api and /apis as an APIGroupDiscoveryList with the negotiated Content-Type', async () => {
    const res = await fetch(`${url}/api`, { headers: { Accept: ACCEPT_127 } });
    expect(res.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    );
    const body = (await res.json()) as { apiVersion: string; items: { metadata: object }[] };
    expect(body.apiVersion).toBe('apidiscovery.k8s.io/v2beta1');
    expect(body.items.map((i) => i.metadata)).toEqual([{ creationTimestamp: null }]);
    const apis = await fetch(`${url}/apis`, { headers: { Accept: ACCEPT_130 } });
    expect(apis.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
  });

  it('answers plain JSON when not asked for the aggregated form', async () => {
    const res = await fetch(`${url}/apis`, { headers: { Accept: 'application/json, */*' } });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(((await res.json()) as { kind: string }).kind).toBe('APIGroupList');
  });
});

/**
 * `/usr/bin/kubectl` is a dispatcher: it GETs `/version?timeout=5s` and runs
 * kubectl.1.MINOR for minors 27–33, its own 1.32 otherwise; so the served
 * version chooses the client.
 */
describe.skipIf(!haveKubectl).each([
  { version: 'v1.27.4' as const, client: /^v1\.27\./ },
  { version: 'v1.33.1' as const, client: /^v1\.33\./ },
])('kubectl dispatched by a $version server', ({ version, client }) => {
  const store = new MemoryStore();
  const server = new ApiServer({ store, host: systemHost, version });
  let url = '';
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-discovery-'));
    url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the matching client', async () => {
    const run = await kubectl(dir, url, ['version', '-o', 'json']);
    const info = JSON.parse(run.stdout) as Record<string, { gitVersion: string }>;
    expect(info.clientVersion.gitVersion).toMatch(client);
    expect(info.serverVersion.gitVersion).toBe(version);
  });

  it('api-resources reads aggregated discovery alone, without per-group-version documents', async () => {
    const run = await kubectl(dir, url, ['api-resources', '-v=6']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^deployments +deploy +apps\/v1 +true +Deployment$/m);
    expect(run.stdout).toMatch(
      /^selfsubjectaccessreviews +authorization\.k8s\.io\/v1 +false +SelfSubjectAccessReview$/m,
    );
    expect(run.stderr).toMatch(/127\.0\.0\.1:\d+\/apis\?timeout=32s\b.*200 OK/);
    expect(run.stderr).not.toMatch(/\/apis\/apps\/v1\?timeout/);
    expect(run.stderr).not.toMatch(/\/api\/v1\?timeout/);
  });

  it('get resolves short names through it', async () => {
    const run = await kubectl(dir, url, ['get', 'ns', '-o', 'name']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('namespace/default\n') });
    const deploy = await kubectl(dir, url, ['get', 'deploy']);
    expect(deploy).toEqual({ code: 0, stdout: '', stderr: 'No resources found in default namespace.\n' });
  });
});
