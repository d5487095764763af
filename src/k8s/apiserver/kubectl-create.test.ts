/**
 * kubectl's imperative generators (`kubectl create configmap|deployment|…`)
 * post their objects as application/vnd.kubernetes.protobuf (kubectl 1.32
 * and 1.33 do, 1.27 to 1.31 post JSON; the dispatcher picks 1.32 for this
 * server's /version): each is run with the real kubectl and the stored
 * object read back as JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, KUBECTL, kubectl as runKubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import type { Json } from '../api/meta.js';
import { MemoryStore } from '../storage/memory.js';
import { SqliteStore } from '../storage/sqlite.js';
import type { Store } from '../storage/types.js';
import { ApiServer } from './server.js';

if (!haveKubectl) console.warn(`SKIPPING kubectl create tests: ${KUBECTL} is not installed`);

const backends: { name: string; open(dir: string): Store }[] = [
  { name: 'memory', open: () => new MemoryStore() },
  { name: 'sqlite', open: (dir) => new SqliteStore(join(dir, 'state.db')) },
];

interface Case {
  /** The generator's arguments after `kubectl create`. */
  args: string[];
  printed: string;
  /** `kubectl get` arguments for the created object. */
  get: string[];
  stored: Record<string, Json>;
}

// In order: later generators refer to earlier objects (a job from the cronjob, bindings to roles).
const CASES: Case[] = [
  {
    args: ['configmap', 'settings', '--from-literal=a=1', '--from-literal=empty='],
    printed: 'configmap/settings created',
    get: ['configmap', 'settings'],
    stored: { data: { a: '1', empty: '' } },
  },
  {
    args: ['service', 'clusterip', 'web', '--tcp=80:8080', '--tcp=443:https'],
    printed: 'service/web created',
    get: ['service', 'web'],
    stored: {
      metadata: { labels: { app: 'web' } },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [
          { name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 },
          { name: '443-https', protocol: 'TCP', port: 443, targetPort: 'https' },
        ],
      },
    },
  },
  {
    args: ['service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'],
    printed: 'service/np created',
    get: ['service', 'np'],
    stored: { spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] } },
  },
  {
    args: ['service', 'externalname', 'ext', '--external-name=example.com'],
    printed: 'service/ext created',
    get: ['service', 'ext'],
    stored: { spec: { type: 'ExternalName', externalName: 'example.com' } },
  },
  {
    args: ['deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80'],
    printed: 'deployment.apps/web created',
    get: ['deployment', 'web'],
    stored: {
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
        },
      },
    },
  },
  {
    // replicas 0 is a pointer on the wire: kept, not dropped as a zero.
    args: ['deployment', 'idle', '--image=busybox', '--image=nginx', '--replicas=0'],
    printed: 'deployment.apps/idle created',
    get: ['deployment', 'idle'],
    stored: {
      spec: {
        replicas: 0,
        template: { spec: { containers: [{ name: 'busybox', image: 'busybox' }, { name: 'nginx' }] } },
      },
    },
  },
  {
    args: ['namespace', 'team-a'],
    printed: 'namespace/team-a created',
    get: ['namespace', 'team-a'],
    stored: { metadata: { name: 'team-a' }, status: { phase: 'Active' } },
  },
  {
    args: ['serviceaccount', 'robot'],
    printed: 'serviceaccount/robot created',
    get: ['serviceaccount', 'robot'],
    stored: { kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'default' } },
  },
  {
    args: ['job', 'once', '--image=busybox', '--', 'echo', 'hi'],
    printed: 'job.batch/once created',
    get: ['job', 'once'],
    stored: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'once', image: 'busybox', command: ['echo', 'hi'] }],
          },
        },
      },
    },
  },
  {
    args: ['cronjob', 'nightly', '--image=busybox', '--schedule=0 3 * * *', '--', 'date'],
    printed: 'cronjob.batch/nightly created',
    get: ['cronjob', 'nightly'],
    stored: {
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          metadata: { name: 'nightly' },
          spec: {
            template: {
              spec: { restartPolicy: 'OnFailure', containers: [{ name: 'nightly', command: ['date'] }] },
            },
          },
        },
      },
    },
  },
  {
    // The job kubectl builds from the cronjob it read: owner reference (pointer bools) and annotations.
    args: ['job', 'manual', '--from=cronjob/nightly'],
    printed: 'job.batch/manual created',
    get: ['job', 'manual'],
    stored: {
      metadata: {
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', controller: true }],
      },
      spec: { template: { spec: { containers: [{ name: 'nightly', command: ['date'] }] } } },
    },
  },
  {
    args: ['role', 'reader', '--verb=get,list', '--resource=pods,deployments.apps'],
    printed: 'role.rbac.authorization.k8s.io/reader created',
    get: ['role', 'reader'],
    stored: {
      rules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
        { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] },
      ],
    },
  },
  {
    args: ['rolebinding', 'read', '--role=reader', '--user=bob', '--serviceaccount=default:robot'],
    printed: 'rolebinding.rbac.authorization.k8s.io/read created',
    get: ['rolebinding', 'read'],
    stored: {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'bob' },
        { kind: 'ServiceAccount', name: 'robot', namespace: 'default' },
      ],
    },
  },
  {
    args: ['clusterrole', 'health', '--verb=get', '--non-resource-url=/healthz'],
    printed: 'clusterrole.rbac.authorization.k8s.io/health created',
    get: ['clusterrole', 'health'],
    stored: { rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] },
  },
  {
    args: ['clusterrolebinding', 'health', '--clusterrole=health', '--group=devs'],
    printed: 'clusterrolebinding.rbac.authorization.k8s.io/health created',
    get: ['clusterrolebinding', 'health'],
    stored: {
      roleRef: { kind: 'ClusterRole', name: 'health' },
      subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }],
    },
  },
  {
    args: [
      'ingress',
      'site',
      '--class=nginx',
      '--rule=foo.com/bar=web:80',
      '--rule=bar.com/*=web:https,tls=cert',
      '--default-backend=web:80',
    ],
    printed: 'ingress.networking.k8s.io/site created',
    get: ['ingress', 'site'],
    stored: {
      spec: {
        ingressClassName: 'nginx',
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
        tls: [{ hosts: ['bar.com'], secretName: 'cert' }],
        rules: [
          {
            host: 'foo.com',
            http: {
              paths: [
                {
                  path: '/bar',
                  pathType: 'Exact',
                  backend: { service: { name: 'web', port: { number: 80 } } },
                },
              ],
            },
          },
          {
            host: 'bar.com',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'web', port: { name: 'https' } } },
                },
              ],
            },
          },
        ],
      },
    },
  },
];

describe.skipIf(!haveKubectl).each(backends)(
  'kubectl create generators against the $name-backed API server',
  (backend) => {
    let dir: string;
    let store: Store;
    let server: ApiServer;
    let url: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'podpath-kubectl-create-'));
      store = backend.open(dir);
      server = new ApiServer({ store, host: systemHost });
      url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
    });

    afterAll(async () => {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const kubectl = (args: string[]) => runKubectl(dir, url, args);

    it.each(CASES.map((c) => [c.args.slice(0, 2).join(' '), c] as const))(
      'create %s: printed, then stored as sent',
      async (_name, c) => {
        expect(await kubectl(['create', ...c.args])).toEqual({
          code: 0,
          stdout: `${c.printed}\n`,
          stderr: '',
        });
        const got = await kubectl(['get', ...c.get, '-o', 'json']);
        expect(got.code).toBe(0);
        expect(JSON.parse(got.stdout)).toMatchObject(c.stored);
      },
    );

    it('create -o json prints the created object the server answered with in JSON', async () => {
      const run = await kubectl(['create', 'configmap', 'shown', '--from-literal=k=v', '-o', 'json']);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        kind: 'ConfigMap',
        metadata: { name: 'shown', namespace: 'default', uid: expect.any(String) },
        data: { k: 'v' },
      });
    });

    it('an existing name is AlreadyExists, as from JSON', async () => {
      expect(await kubectl(['create', 'serviceaccount', 'robot'])).toEqual({
        code: 1,
        stdout: '',
        stderr: 'error: failed to create serviceaccount: serviceaccounts "robot" already exists\n',
      });
    });
  },
);

describe('protobuf bodies the server cannot read', () => {
  let server: ApiServer;
  let url: string;
  beforeAll(async () => {
    server = new ApiServer({ store: new MemoryStore(), host: systemHost });
    url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
  });
  afterAll(() => server.close());

  const post = async (bytes: Uint8Array) => {
    const res = await fetch(`${url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      body: Uint8Array.from(bytes),
    });
    return { code: res.status, status: (await res.json()) as { reason: string; message: string } };
  };

  it('are a 400 BadRequest naming the field, never silently dropped', async () => {
    // A ConfigMap whose metadata carries field 99, which ObjectMeta does not have.
    const unknownField = Buffer.from(
      '6b3873000a0f0a0276311209436f6e6669674d617012090a070a01789a060179',
      'hex',
    );
    expect(await post(unknownField)).toMatchObject({
      code: 400,
      status: { reason: 'BadRequest', message: 'metadata: unknown field 99 in ObjectMeta' },
    });
    expect(await post(Buffer.from('{}'))).toMatchObject({
      code: 400,
      status: {
        message: 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]',
      },
    });
  });
});
