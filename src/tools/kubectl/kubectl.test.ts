import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { loadCluster } from '../../k8s/cluster/load.js';
import { bringUp } from '../../k8s/twin/up.js';
import { TWO_NODES } from '../../k8s/twin/testing.js';
import { tabwrite } from './tabwriter.js';

const twin = () => bringUp(loadCluster(TWO_NODES, 'c.yaml'));

describe('kubectl in a cluster lab', () => {
  it('pads columns as tabwriter(minwidth 6, padding 3) does, the last one not at all', () => {
    expect(
      tabwrite([
        ['NAME', 'AGE'],
        ['a', '0s'],
      ]),
    ).toBe('NAME   AGE\na      0s\n');
    expect(
      tabwrite([
        ['NAME', 'READY', 'X'],
        ['nginx', '1/1', 'y'],
      ]),
    ).toBe('NAME    READY   X\nnginx   1/1     y\n');
  });

  it('get pods prints the server-side table; AGE is virtual time since up', async () => {
    const { world } = await twin();
    world.clock.advanceTo(75_000);
    const r = await runTool(world, ['kubectl', 'get', 'pods']);
    expect(r.stdout).toBe(
      'NAME     READY   STATUS    RESTARTS   AGE\nclient   1/1     Running   0          75s\nweb      1/1     Running   0          75s\n',
    );
  });

  it('get pods -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES', async () => {
    const { world } = await twin();
    const r = await runTool(world, ['kubectl', 'get', 'po', '-owide']);
    expect(r.stdout.split('\n')[0]).toBe(
      'NAME     READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES',
    );
    expect(r.stdout.split('\n')[1]).toBe(
      'client   1/1     Running   0          0s    10.244.0.2   node-a   <none>           <none>',
    );
  });

  it('get svc, endpointslices and nodes', async () => {
    const { world } = await twin();
    const svc = await runTool(world, ['kubectl', 'get', 'svc', '-o', 'wide']);
    expect(svc.stdout).toBe(
      'NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE   SELECTOR\n' +
        'web    ClusterIP   10.96.0.10   <none>        80/TCP    0s    app=web\n',
    );
    const slices = await runTool(world, ['kubectl', 'get', 'endpointslices']);
    expect(slices.stdout).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\nweb-[a-z0-9]{5} +IPv4 +8080 +10\.244\.1\.2 +0s\n$/,
    );
    const nodes = await runTool(world, ['kubectl', 'get', 'nodes']);
    expect(nodes.stdout).toBe(
      'NAME     STATUS   ROLES    AGE   VERSION\nnode-a   Ready    <none>   0s    v1.31.0\nnode-b   Ready    <none>   0s    v1.31.0\n',
    );
  });

  it('-A adds NAMESPACE; an empty namespace and a missing name answer as the API server does', async () => {
    const { world } = await twin();
    const all = await runTool(world, ['kubectl', 'get', 'svc', '-A']);
    expect(all.stdout.split('\n')[0]).toMatch(/^NAMESPACE +NAME +TYPE/);
    const none = await runTool(world, ['kubectl', 'get', 'pods', '-n', 'kube-system']);
    expect(none).toEqual({ stdout: '', stderr: 'No resources found in kube-system namespace.\n', status: 0 });
    const missing = await runTool(world, ['kubectl', 'get', 'pod', 'nope']);
    expect(missing).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      status: 1,
    });
  });

  it("exec runs the command in the pod's namespace and reports a failure as kubectl does", async () => {
    const { world } = await twin();
    const ok = await runTool(world, [
      'kubectl',
      'exec',
      'client',
      '--',
      'ip',
      '-br',
      'addr',
      'show',
      'dev',
      'eth0',
    ]);
    expect(ok.stdout).toMatch(/^eth0@if\d+ +UP +10\.244\.0\.2\/24 /);
    const fail = await runTool(world, [
      'kubectl',
      'exec',
      '-n',
      'default',
      'client',
      '--',
      'ping',
      '-c',
      '1',
      '-W',
      '1',
      '10.9.9.9',
    ]);
    expect(fail.status).toBe(1);
    expect(fail.stderr).toBe('command terminated with exit code 1\n');
    const old = await runTool(world, ['kubectl', 'exec', 'client', 'ip', 'addr']);
    expect(old.stderr).toContain('error: exec [POD] [COMMAND] is not supported anymore.');
  });

  it('without a cluster, fails as kubectl with no server', async () => {
    const r = await runTool(new World(), ['kubectl', 'get', 'pods']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
      status: 1,
    });
  });
});
