import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemHost } from '../../cli/apiserver.js';
import { EtcdStore } from '../storage/etcd.js';
import { etcdAvailable, startEtcd } from '../storage/etcd-process.js';
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

const backends: { name: string; open(dir: string): Promise<{ store: Store; stop?(): Promise<void> }> }[] = [
  { name: 'memory', open: async () => ({ store: new MemoryStore() }) },
  { name: 'sqlite', open: async (dir) => ({ store: new SqliteStore(join(dir, 'state.db')) }) },
];
if (haveKubectl && etcdAvailable('kubectl against etcd'))
  backends.push({
    name: 'etcd',
    open: async () => {
      const etcd = await startEtcd();
      return { store: new EtcdStore([etcd.endpoint]), stop: () => etcd.stop() };
    },
  });

describe.skipIf(!haveKubectl).each(backends)('kubectl against the $name-backed API server', (backend) => {
  let dir: string;
  let store: Store;
  let stopStore: (() => Promise<void>) | undefined;
  let server: ApiServer;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podpath-kubectl-'));
    ({ store, stop: stopStore } = await backend.open(dir));
    server = new ApiServer({ store, host: systemHost });
    const address = await server.listen('127.0.0.1', 0);
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await server.close();
    await store.close();
    await stopStore?.();
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

  it('scale deployment goes through the autoscaling/v1 scale subresource', async () => {
    expect(await kubectl(['scale', 'deployment', 'web', '--replicas=5'])).toEqual({
      code: 0,
      stdout: 'deployment.apps/web scaled\n',
      stderr: '',
    });
    const got = await kubectl([
      'get',
      'deployment',
      'web',
      '-o',
      'jsonpath={.spec.replicas} {.metadata.generation}',
    ]);
    expect(got.stdout).toBe('5 3');
    const scale = (await fetch(`${url}/apis/apps/v1/namespaces/default/deployments/web/scale`).then((r) =>
      r.json(),
    )) as Record<string, unknown>;
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 5 },
      status: { replicas: 0, selector: 'app=web' },
    });
  });

  it('rejects invalid objects with 422 Invalid and field paths', async () => {
    const bad = `apiVersion: v1
kind: Pod
metadata: {name: Web_1}
spec:
  containers: [{name: c}]
`;
    const run = await kubectl(['create', '-f', '-'], bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `The Pod "Web_1" is invalid: \n* metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.containers[0].image: Required value\n`,
    );
    const svc = `apiVersion: v1
kind: Service
metadata: {name: nope}
spec:
  ports: [{port: 80, name: a}, {port: 70000, name: a}]
`;
    expect((await kubectl(['create', '-f', '-'], svc)).stderr).toBe(
      // targetPort defaults to port before validation runs, so both are reported, as by the real server.
      'The Service "nope" is invalid: \n* spec.ports[1].name: Duplicate value: "a"\n* spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.ports[1].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    );
  });

  it('validates unknown fields on the server: Strict by default, warn, or ignore', async () => {
    const typo = `apiVersion: v1
kind: ConfigMap
metadata: {name: typo}
data: {a: "1"}
dta: {b: "2"}
`;
    expect(await kubectl(['create', '-f', '-'], typo)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"\n',
    });
    expect(await kubectl(['create', '--validate=warn', '-f', '-'], typo)).toEqual({
      code: 0,
      stdout: 'configmap/typo created\n',
      stderr: 'Warning: unknown field "dta"\n',
    });
    expect(await kubectl(['apply', '--validate=false', '-f', '-'], typo.replace('"1"', '"3"'))).toMatchObject(
      {
        code: 0,
        stderr: expect.not.stringContaining('unknown field') as unknown as string,
      },
    );
  });

  it('serves apps, batch, networking, coordination, discovery and rbac kinds with the real columns', async () => {
    const template = `template:
    metadata: {labels: {app: w}}
    spec: {containers: [{name: c, image: "busybox:1.36"}], restartPolicy: Never}`;
    const docs = [
      `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: w}}\n  ${template.replace('Never', 'Always')}`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: sts}\nspec:\n  serviceName: sts\n  selector: {matchLabels: {app: w}}\n  ${template.replace('Never', 'Always')}`,
      `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: w}}\n  ${template.replace('Never', 'Always')}`,
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: job}\nspec:\n  ${template}`,
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "*/5 * * * *"\n  jobTemplate:\n    spec:\n      ${template.replace(/\n/g, '\n    ')}`,
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {matchLabels: {app: w}}\n  policyTypes: [Ingress]`,
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ing}\nspec:\n  rules: [{host: a.example, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]`,
      `apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: lock}\nspec: {holderIdentity: node-1}`,
      `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: web-abc}\naddressType: IPv4\nports: [{port: 80}]\nendpoints: [{addresses: [10.0.0.1]}, {addresses: [10.0.0.2]}]`,
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]`,
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: read}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]`,
    ];
    const created = await kubectl(['create', '-f', '-'], docs.join('\n---\n'));
    expect(created.stderr).toBe('');
    const age = (text: string) =>
      text.replace(/\b\d+s\b( *)/g, (_m, pad: string) => (pad ? 'AGE   ' : 'AGE'));
    const get = async (...args: string[]) => age((await kubectl(['get', ...args])).stdout);
    expect(await get('rs', 'rs')).toBe(
      'NAME   DESIRED   CURRENT   READY   AGE\nrs     2         0         0       AGE\n',
    );
    expect(await get('sts')).toBe('NAME   READY   AGE\nsts    0/1     AGE\n');
    expect(await get('ds', '-o', 'wide')).toBe(
      'NAME   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES         SELECTOR\nds     0         0         0       0            0           <none>          AGE   c            busybox:1.36   app=w\n',
    );
    expect(await get('jobs')).toBe(
      'NAME   STATUS    COMPLETIONS   DURATION   AGE\njob    Running   0/1                      AGE\n',
    );
    expect(await get('cronjobs')).toBe(
      'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ncj     */5 * * * *   <none>     False     0        <none>          AGE\n',
    );
    expect(await get('netpol')).toBe('NAME   POD-SELECTOR   AGE\ndeny   app=w          AGE\n');
    expect(await get('ingress')).toBe(
      'NAME   CLASS    HOSTS       ADDRESS   PORTS   AGE\ning    <none>   a.example             80      AGE\n',
    );
    expect(await get('leases')).toBe('NAME   HOLDER   AGE\nlock   node-1   AGE\n');
    expect(await get('endpointslices')).toBe(
      'NAME      ADDRESSTYPE   PORTS   ENDPOINTS           AGE\nweb-abc   IPv4          80      10.0.0.1,10.0.0.2   AGE\n',
    );
    expect(await get('rolebindings', '-o', 'wide')).toBe(
      'NAME   ROLE          AGE   USERS   GROUPS   SERVICEACCOUNTS\nread   Role/reader   AGE   jane             \n',
    );
    expect(await get('roles')).toMatch(/^NAME {5}CREATED AT\nreader {3}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
    expect(await get('all', '-o', 'name')).toMatch(/replicaset\.apps\/rs\n/);
  });

  it('lists in pages with limit and continue, as kubectl --chunk-size does', async () => {
    for (const name of ['p1', 'p2', 'p3'])
      await kubectl(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`);
    const page1 = (await fetch(`${url}/api/v1/namespaces/default/configmaps?limit=2`).then((r) =>
      r.json(),
    )) as {
      metadata: { continue?: string; remainingItemCount?: number; resourceVersion: string };
      items: { metadata: { name: string } }[];
    };
    expect(page1.items).toHaveLength(2);
    expect(page1.metadata.continue).toBeTruthy();
    const total = page1.items.length + (page1.metadata.remainingItemCount ?? 0);
    const page2 = (await fetch(
      `${url}/api/v1/namespaces/default/configmaps?limit=100&continue=${page1.metadata.continue ?? ''}`,
    ).then((r) => r.json())) as typeof page1;
    expect(page2.metadata.continue).toBeUndefined();
    expect(page2.metadata.resourceVersion).toBe(page1.metadata.resourceVersion);
    expect(page1.items.length + page2.items.length).toBe(total);
    const chunked = await kubectl(['get', 'configmaps', '--chunk-size=1', '-o', 'name']);
    const whole = await kubectl(['get', 'configmaps', '-o', 'name']);
    expect(chunked.stdout).toBe(whole.stdout);
    expect(chunked.stdout).toContain('configmap/p3\n');
    const bad = await fetch(`${url}/api/v1/namespaces/default/configmaps?limit=1&continue=garbage`);
    expect(bad.status).toBe(400);
    await kubectl(['delete', 'configmap', 'p1', 'p2', 'p3', 'typo']);
  });

  it('describe shows a pod and a service', async () => {
    const pod = await kubectl(['describe', 'pod', 'web']);
    expect(pod.stderr).toBe('');
    expect(pod.stdout).toMatch(/^Name: +web\nNamespace: +default\n/);
    expect(pod.stdout).toMatch(/\nStatus: +Pending\n/);
    expect(pod.stdout).toMatch(/\n +Image: +nginx:1\.27\n/);
    const svc = await kubectl(['describe', 'service', 'web']);
    expect(svc.stdout).toMatch(/\nType: +NodePort\n/);
    expect(svc.stdout).toMatch(/\nIP: +10\.96\.0\.\d+\n/);
    expect(svc.stdout).toMatch(/\nNodePort: +<unset> +30000\/TCP\n/);
  });

  it('get -w prints the list, then each change as a row', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const child = spawn(KUBECTL, ['--server', url, 'get', 'configmaps', '-w'], {
      env: { PATH: process.env.PATH ?? '', HOME: home },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // A row is complete only at its newline: kubectl may flush a line in two writes.
    const waitFor = async (row: RegExp) => {
      for (let i = 0; i < 100 && !row.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await kubectl(['create', 'configmap', 'one', '--from-literal=a=1']);
    await waitFor(/^one .*\n/m);
    await kubectl(['create', 'configmap', 'two', '--from-literal=a=1', '--from-literal=b=2']);
    await waitFor(/^two .*\n/m);
    child.kill();
    expect(out.replace(/\d+s\b/g, 'AGE')).toMatch(
      /^(NAME {3}DATA {3}AGE\n)?(one {4}1 {6}AGE\n)+two {4}2 {6}AGE\n$/,
    );
  });

  it('delete of an object with finalizers marks it; it goes when the last finalizer is removed', async () => {
    await kubectl(
      ['create', '-f', '-'],
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, finalizers: [example.com/hold]}\n',
    );
    expect((await kubectl(['delete', 'configmap', 'held', '--wait=false'])).stdout).toBe(
      'configmap "held" deleted\n',
    );
    const marked = await kubectl([
      'get',
      'configmap',
      'held',
      '-o',
      'jsonpath={.metadata.deletionTimestamp}',
    ]);
    expect(marked.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const waiting = kubectl(['delete', 'configmap', 'held', '--timeout=20s']);
    await new Promise((r) => setTimeout(r, 300));
    const patched = await kubectl([
      'patch',
      'configmap',
      'held',
      '--type=merge',
      '-p',
      '{"metadata":{"finalizers":null}}',
    ]);
    expect(patched.code).toBe(0);
    expect(await waiting).toEqual({ code: 0, stdout: 'configmap "held" deleted\n', stderr: '' });
    expect((await kubectl(['get', 'configmap', 'held'])).stderr).toBe(
      'Error from server (NotFound): configmaps "held" not found\n',
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
