import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemHost } from '../../cli/apiserver.js';
import { MemoryStore } from '../storage/memory.js';
import { SqliteStore } from '../storage/sqlite.js';
import type { Store } from '../storage/types.js';
import { ApiServer } from './server.js';

/** The real kubectl, driven against the served API; these tests skip (loudly) only where it is not installed. */
const KUBECTL = '/usr/bin/kubectl';
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.warn(`SKIPPING kubectl tests: ${KUBECTL} is not installed`);

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports: [{containerPort: 80}]
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const backends: { name: string; open(dir: string): Store }[] = [
  { name: 'memory', open: () => new MemoryStore() },
  { name: 'sqlite', open: (dir) => new SqliteStore(join(dir, 'state.db')) },
];

describe.skipIf(!haveKubectl).each(backends)('kubectl against the $name-backed API server', (backend) => {
  let dir: string;
  let store: Store;
  let server: ApiServer;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-kubectl-'));
    store = backend.open(dir);
    server = new ApiServer({ store, host: systemHost });
    const address = await server.listen('127.0.0.1', 0);
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** kubectl with a fresh HOME, so no discovery cache carries over between commands. */
  function kubectl(args: string[], stdin?: string): Promise<Run> {
    const home = mkdtempSync(join(dir, 'home-'));
    return new Promise((resolve) => {
      const child = execFile(
        KUBECTL,
        ['--server', url, ...args],
        { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home } },
        (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        },
      );
      child.stdin?.end(stdin ?? '');
    });
  }

  it('version reports the server version', async () => {
    const run = await kubectl(['version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Client Version: v1\.32\.\d+.*\nKustomize Version: v\S+\nServer Version: v1\.32\.4\n$/,
    );
  });

  it('api-resources lists the served resources', async () => {
    const run = await kubectl(['api-resources']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(lines.map((l) => l.split(/ +/)[0])).toEqual(
      expect.arrayContaining(['pods', 'services', 'namespaces', 'deployments', 'configmaps', 'nodes']),
    );
    expect(lines.find((l) => l.startsWith('deployments'))).toMatch(
      /^deployments +deploy +apps\/v1 +true +Deployment$/,
    );
  });

  it('get namespaces shows the bootstrap namespaces as Active', async () => {
    const run = await kubectl(['get', 'namespaces']);
    expect(run.stdout.replace(/\d+s\b/g, 'AGE')).toBe(
      [
        'NAME              STATUS   AGE',
        'default           Active   AGE',
        'kube-node-lease   Active   AGE',
        'kube-public       Active   AGE',
        'kube-system       Active   AGE',
        '',
      ].join('\n'),
    );
  });

  it('create -f from stdin, then AlreadyExists as the real server words it', async () => {
    expect(await kubectl(['create', '-f', '-'], POD)).toEqual({
      code: 0,
      stdout: 'pod/web created\n',
      stderr: '',
    });
    expect(await kubectl(['create', '-f', '-'], POD)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (AlreadyExists): error when creating "STDIN": pods "web" already exists\n',
    });
  });

  it('get pods in the default, wide and name forms', async () => {
    const plain = await kubectl(['get', 'pods']);
    expect(plain.stdout).toMatch(
      /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE\nweb {4}0\/1 {5}Pending {3}0 {10}\d+s\n$/,
    );
    const wide = await kubectl(['get', 'pods', '-o', 'wide']);
    expect(wide.stdout).toMatch(
      /^NAME {3}READY {3}STATUS {4}RESTARTS {3}AGE +IP {7}NODE {5}NOMINATED NODE {3}READINESS GATES\nweb {4}0\/1 {5}Pending {3}0 {10}\d+s +<none> {3}<none> {3}<none> {11}<none>\n$/,
    );
    expect((await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout).toBe('pod/web\n');
    expect((await kubectl(['get', 'pods', '-l', 'app!=web'])).stderr).toBe(
      'No resources found in default namespace.\n',
    );
    expect(
      (await kubectl(['get', 'pods', '--field-selector', 'status.phase=Pending', '-o', 'name'])).stdout,
    ).toBe('pod/web\n');
  });

  it('get -o yaml and -o json show the defaulted object', async () => {
    const yaml = await kubectl(['get', 'pod', 'web', '-o', 'yaml']);
    expect(yaml.stdout).toContain('    imagePullPolicy: IfNotPresent\n');
    expect(yaml.stdout).toContain('  dnsPolicy: ClusterFirst\n');
    expect(yaml.stdout).toContain('status:\n  phase: Pending\n  qosClass: BestEffort\n');
    const pod = JSON.parse((await kubectl(['get', 'pod', 'web', '-o', 'json'])).stdout) as {
      metadata: Record<string, string>;
      spec: { containers: { ports: unknown[] }[] };
    };
    expect(pod.metadata.namespace).toBe('default');
    expect(pod.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(pod.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(pod.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(pod.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('services get a ClusterIP and NodePort and print as kubectl shows them', async () => {
    expect((await kubectl(['create', '-f', '-'], SERVICE)).stdout).toBe('service/web created\n');
    const run = await kubectl(['get', 'services', '-o', 'wide']);
    expect(run.stdout.replace(/\b\d+s( +)/g, 'AGE   ')).toBe(
      [
        'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE   SELECTOR',
        'kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP        AGE   <none>',
        'web          NodePort    10.96.0.2    <none>        80:30000/TCP   AGE   app=web',
        '',
      ].join('\n'),
    );
  });

  it('apply -f creates, then updates through a strategic merge patch', async () => {
    expect(await kubectl(['apply', '-f', '-'], deployment(2))).toEqual({
      code: 0,
      stdout: 'deployment.apps/web created\n',
      stderr: '',
    });
    expect((await kubectl(['apply', '-f', '-'], deployment(3))).stdout).toBe(
      'deployment.apps/web configured\n',
    );
    const run = await kubectl(['get', 'deployments', '-o', 'wide']);
    expect(run.stdout).toMatch(
      /^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE {3}CONTAINERS {3}IMAGES {7}SELECTOR\nweb {4}0\/3 {5}0 {12}0 {11}\d+s +nginx {8}nginx:1\.27 {3}app=web\n$/,
    );
    const meta = (
      await kubectl(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.generation}'])
    ).stdout;
    expect(meta).toBe('3 2');
  });

  it('get -w prints the list, then each change as a row', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const child = spawn(KUBECTL, ['--server', url, 'get', 'configmaps', '-w'], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100 && !out.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    };
    // From YAML: `kubectl create configmap` posts protobuf, which the server does not decode yet.
    const configMap = (name: string, data: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {${data}}\n`;
    await kubectl(['create', '-f', '-'], configMap('one', 'a: "1"'));
    await waitFor('one');
    await kubectl(['create', '-f', '-'], configMap('two', 'a: "1", b: "2"'));
    await waitFor('two');
    child.kill();
    expect(out.replace(/\d+s\b/g, 'AGE')).toMatch(
      /^(NAME {3}DATA {3}AGE\n)?(one {4}1 {6}AGE\n)+two {4}2 {6}AGE\n$/,
    );
  });

  it('delete removes objects; NotFound as the real server words it', async () => {
    expect(await kubectl(['delete', 'pod', 'web'])).toEqual({
      code: 0,
      stdout: 'pod "web" deleted\n',
      stderr: '',
    });
    expect(await kubectl(['get', 'pod', 'web'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error from server (NotFound): pods "web" not found\n',
    });
    expect((await kubectl(['delete', 'deployment', 'nope'])).stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect((await kubectl(['delete', '-f', '-'], SERVICE)).stdout).toBe('service "web" deleted\n');
  });
});
