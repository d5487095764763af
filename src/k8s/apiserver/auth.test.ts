import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, kubectl as runKubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import { MemoryStore } from '../storage/memory.js';
import { parseTokenFile, TokenFileError } from './authn.js';
import { ApiServer, type ApiServerOptions } from './server.js';

const TOKENS = `admin-token,admin,1,"system:masters"
alice-token,alice,2,"devs,qa"
bob-token,bob,3
carol-token,carol,4,ops
`;

describe('token file', () => {
  it('reads token, user, uid and quoted groups as kube-apiserver does', () => {
    const table = parseTokenFile(TOKENS, 'tokens.csv');
    expect(table.get('alice-token')).toEqual({ name: 'alice', uid: '2', groups: ['devs', 'qa'] });
    expect(table.get('bob-token')).toEqual({ name: 'bob', uid: '3', groups: [] });
  });

  it('refuses a record with fewer than three columns', () => {
    expect(() => parseTokenFile('t,u\n', 'tokens.csv')).toThrow(
      new TokenFileError(
        "token file 'tokens.csv' must have at least 3 columns (token, user name, user uid), found 2",
      ),
    );
  });
});

/** A served API with TLS (a fresh self-signed certificate for 127.0.0.1) and the token file above. */
function securedServer(options: Partial<ApiServerOptions>) {
  const ctx = { dir: '', url: '', ca: '', server: undefined as ApiServer | undefined };
  const store = new MemoryStore();
  beforeAll(async () => {
    ctx.dir = mkdtempSync(join(tmpdir(), 'podpath-auth-'));
    const [key, cert] = [join(ctx.dir, 'key.pem'), join(ctx.dir, 'cert.pem')];
    // the options below are openssl 3's; one P-256 key is quick to make
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=podpath',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    ctx.ca = cert;
    ctx.server = new ApiServer({
      store,
      host: systemHost,
      tls: { cert: readFileSync(cert), key: readFileSync(key) },
      tokens: parseTokenFile(TOKENS, 'tokens.csv'),
      ...options,
    });
    ctx.url = `https://127.0.0.1:${(await ctx.server.listen('127.0.0.1', 0)).port}`;
  });
  afterAll(async () => {
    await ctx.server?.close();
    await store.close();
    rmSync(ctx.dir, { recursive: true, force: true });
  });
  const kubectl = (token: string, args: string[], stdin?: string) =>
    runKubectl(ctx.dir, ctx.url, ['--certificate-authority', ctx.ca, '--token', token, ...args], stdin);
  /** A raw request, trusting the test CA through node's https. */
  const request = async (path: string, token?: string) => {
    return new Promise<{ code: number; body: unknown }>((resolve, reject) => {
      const req = httpsRequest(
        ctx.url + path,
        { ca: readFileSync(ctx.ca), headers: token ? { Authorization: `Bearer ${token}` } : {} },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  };
  return { kubectl, request };
}

const UNAUTHORIZED = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

describe.skipIf(!haveKubectl)('TLS and bearer tokens, AlwaysAllow', () => {
  const { kubectl, request } = securedServer({});

  it('serves a known token over HTTPS', async () => {
    expect(await kubectl('bob-token', ['get', 'ns', 'default', '-o', 'name'])).toEqual({
      code: 0,
      stdout: 'namespace/default\n',
      stderr: '',
    });
  });

  it('refuses a bad token with 401, as kubectl reports it', async () => {
    const run = await kubectl('wrong', ['get', 'pods']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\n$/,
    );
    expect(await request('/api/v1/pods', 'wrong')).toEqual({ code: 401, body: UNAUTHORIZED });
  });

  it('refuses a missing token with 401: AlwaysAllow turns anonymous requests off', async () => {
    expect(await request('/version')).toEqual({ code: 401, body: UNAUTHORIZED });
  });

  it('auth can-i says yes to everyone', async () => {
    expect(await kubectl('bob-token', ['auth', 'can-i', 'delete', 'nodes'])).toEqual({
      code: 0,
      stdout: 'yes\n',
      stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
    });
  });
});

const ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
- apiGroups: [apps]
  resources: [deployments/scale]
  resourceNames: [web]
  verbs: [update]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
subjects: [{kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: ops-nodes}
subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: ClusterRole, name: node-viewer, apiGroup: rbac.authorization.k8s.io}
`;

describe.skipIf(!haveKubectl)('RBAC', () => {
  const { kubectl, request } = securedServer({ authorization: ['RBAC'] });

  it('forbids what no role grants, with the real message', async () => {
    expect(await kubectl('alice-token', ['get', 'pods'])).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"\n',
    });
  });

  it('lets system:masters do anything, and roles grant by verb, resource and name', async () => {
    expect((await kubectl('admin-token', ['apply', '-f', '-'], ROLE)).stdout).toBe(
      'role.rbac.authorization.k8s.io/pod-reader created\n' +
        'rolebinding.rbac.authorization.k8s.io/read-pods created\n' +
        'clusterrolebinding.rbac.authorization.k8s.io/ops-nodes created\n',
    );
    expect(await kubectl('alice-token', ['get', 'pods'])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
    expect((await kubectl('alice-token', ['get', 'pods', '-n', 'kube-system'])).stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
    );
    // A binding to a missing role is reported in the refusal, as the real authorizer's errors are.
    expect((await kubectl('carol-token', ['get', 'nodes'])).stderr).toMatch(
      /^Error from server \(Forbidden\): nodes is forbidden: User "carol" cannot list resource "nodes" in API group "" at the cluster scope: RBAC: clusterrole\.rbac\.authorization\.k8s\.io "node-viewer" not found\n$/,
    );
  });

  it.each([
    ['list pods', ['list', 'pods'], 'yes'],
    ['watch pods in kube-system', ['watch', 'pods', '-n', 'kube-system'], 'no'],
    ['delete pods', ['delete', 'pods'], 'no'],
    ['update the scale of deployment web', ['update', 'deployments/web', '--subresource=scale'], 'yes'],
    ['update the scale of deployment db', ['update', 'deployments/db', '--subresource=scale'], 'no'],
    ['get /healthz', ['get', '/healthz'], 'yes'],
    ['get /metrics', ['get', '/metrics'], 'no'],
  ])('auth can-i %s', async (_name, args, answer) => {
    const run = await kubectl('alice-token', ['auth', 'can-i', ...args]);
    expect(run).toMatchObject({ code: answer === 'yes' ? 0 : 1, stdout: `${answer}\n` });
  });

  it('auth can-i names the errors met on the way to no', async () => {
    expect(await kubectl('carol-token', ['auth', 'can-i', 'list', 'nodes'])).toEqual({
      code: 1,
      stdout: 'no - RBAC: clusterrole.rbac.authorization.k8s.io "node-viewer" not found\n',
      stderr: "Warning: resource 'nodes' is not namespace scoped\n\n",
    });
  });

  it('anonymous requests reach the public endpoints only', async () => {
    expect((await request('/version')).code).toBe(200);
    expect(await request('/api/v1/namespaces/default/pods')).toEqual({
      code: 403,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'pods is forbidden: User "system:anonymous" cannot list resource "pods" in API group "" in the namespace "default"',
        reason: 'Forbidden',
        details: { kind: 'pods' },
        code: 403,
      },
    });
    expect(await request('/apis')).toMatchObject({
      code: 403,
      body: { message: 'forbidden: User "system:anonymous" cannot get path "/apis"', details: {} },
    });
    expect((await request('/apis', 'bad')).code).toBe(401);
  });
});
