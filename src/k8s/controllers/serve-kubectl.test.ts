import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, kubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import { runTool } from '../../tools/testing.js';
import { loadCluster } from '../cluster/load.js';
import { SqliteStore } from '../storage/sqlite.js';
import { bringUp } from '../twin/up.js';
import { TWO_NODES } from '../twin/testing.js';
import type { Twin } from '../twin/twin.js';
import { serveTwin, type ServedTwin } from './serve.js';
import { until } from '../client/testing.js';

/** The README's session: the real kubectl against `podpath up --serve`, on the default SQLite storage. */
describe.skipIf(!haveKubectl)('kubectl against a served twin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-serve-'));
  let twin: Twin;
  let served: ServedTwin;
  const store = new SqliteStore(join(dir, 'state.db'));
  const run = (args: string[], stdin?: string) => kubectl(dir, served.url, args, stdin);
  beforeAll(async () => {
    twin = await bringUp(loadCluster(TWO_NODES, 'c.yaml'));
    served = await serveTwin(twin, { store, host: systemHost, listen: { host: '127.0.0.1', port: 0 } });
  });
  afterAll(async () => {
    await served.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the twin pods with their IPs and nodes', async () => {
    const { stdout, code } = await run(['get', 'pods', '-A', '-o', 'wide']);
    expect(code).toBe(0);
    const rows = stdout.split('\n').map((l) => l.split(/ +/));
    expect(rows[0].slice(0, 2)).toEqual(['NAMESPACE', 'NAME']);
    expect(rows.slice(1, 3).map((r) => [r[1], r[3], r[6], r[7]])).toEqual([
      ['client', 'Running', '10.244.0.2', 'node-a'],
      ['web', 'Running', '10.244.1.2', 'node-b'],
    ]);
  });

  it('a service applied with kubectl is programmed into every node by the twin kube-proxy', async () => {
    const applied = await run(
      ['apply', '-f', '-'],
      'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec:\n  clusterIP: 10.96.0.30\n  selector: {app: web}\n  ports: [{port: 8080}]\n',
    );
    expect(applied).toMatchObject({ code: 0, stdout: 'service/api created\n' });
    const nat = await until('api rules on node-a', async () => {
      const save = await runTool(twin.world, ['iptables-save', '-t', 'nat'], {
        netns: twin.world.named.get('node-a')!,
      });
      return save.stdout.includes('default/api -> 10.244.1.2:8080') && save.stdout;
    });
    expect(nat).toContain(
      '-A KUBE-SERVICES -d 10.96.0.30/32 -p tcp -m comment --comment "default/api cluster IP"',
    );
    expect(nat).toContain('default/api -> 10.244.1.2:8080');
    const slices = await run(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=api']);
    expect(slices.stdout).toMatch(
      /^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE\napi-[a-z0-9]{5} +IPv4 +8080 +10\.244\.1\.2 /,
    );
  });
});
