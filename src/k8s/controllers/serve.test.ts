import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemHost } from '../../cli/apiserver.js';
import { runTool } from '../../tools/testing.js';
import { loadCluster } from '../cluster/load.js';
import { MemoryStore } from '../storage/memory.js';
import { bringUp } from '../twin/up.js';
import { TWO_NODES } from '../twin/testing.js';
import type { Twin } from '../twin/twin.js';
import type { EndpointSlice, Pod } from '../api/core-v1.js';
import { ENDPOINT_SLICES, PODS, SERVICES } from './publish.js';
import { serveTwin, type ServedTwin } from './serve.js';
import type { ProxySyncReport } from './kube-proxy.js';
import { until } from '../client/testing.js';

describe('a cluster twin served over the API', () => {
  let twin: Twin;
  let served: ServedTwin;
  const syncs: ProxySyncReport[] = [];
  const errors: unknown[] = [];
  beforeAll(async () => {
    twin = await bringUp(loadCluster(TWO_NODES, 'c.yaml'));
    served = await serveTwin(twin, {
      store: new MemoryStore(),
      host: systemHost,
      listen: { host: '127.0.0.1', port: 0 },
      onSync: (r) => syncs.push(r),
      onError: (e) => errors.push(e),
    });
  });
  afterAll(async () => {
    await served.close();
  });

  const natRules = async (node: string) =>
    (await runTool(twin.world, ['iptables-save', '-t', 'nat'], { netns: twin.world.named.get(node)! }))
      .stdout;

  it('publishes what up built: nodes, pods with their status, services and slices', async () => {
    const pods = await served.client.list<Pod>(PODS, 'default');
    expect(pods.items.map((p) => [p.metadata.name, p.status?.phase, p.status?.podIP])).toEqual([
      ['client', 'Running', '10.244.0.2'],
      ['web', 'Running', '10.244.1.2'],
    ]);
    const slices = await served.client.list<EndpointSlice>(ENDPOINT_SLICES, 'default');
    expect(slices.items.flatMap((s) => s.endpoints.map((e) => e.addresses[0]))).toEqual(['10.244.1.2']);
    // The only change since up is the API server's own `kubernetes` Service (no endpoints: REJECT).
    await until('the first sync', () => (syncs.length === 2 ? true : undefined));
    expect(syncs.map((s) => [s.node, s.services])).toEqual([
      ['node-a', 2],
      ['node-b', 2],
    ]);
    const filter = await runTool(twin.world, ['iptables-save', '-t', 'filter'], {
      netns: twin.world.named.get('node-a')!,
    });
    expect(filter.stdout).toContain(
      '"default/kubernetes:https has no endpoints" -m tcp --dport 443 -j REJECT',
    );
  });

  it('a service created through the API gets slices from the controller and rules on every node', async () => {
    await served.client.create(SERVICES, {
      metadata: { name: 'web2', namespace: 'default' },
      spec: { clusterIP: '10.96.0.20', selector: { app: 'web' }, ports: [{ port: 81, targetPort: 8080 }] },
    });
    const slice = await until('a slice for web2', async () => {
      const list = await served.client.list<EndpointSlice>(ENDPOINT_SLICES, 'default', {
        labelSelector: 'kubernetes.io/service-name=web2',
      });
      return list.items[0];
    });
    expect(slice.endpoints.map((e) => e.addresses)).toEqual([['10.244.1.2']]);
    expect(slice.metadata.name).toMatch(/^web2-[a-z0-9]{5}$/);
    for (const node of ['node-a', 'node-b'])
      await until(`web2 rules on ${node}`, async () =>
        (await natRules(node)).includes(
          '-d 10.96.0.20/32 -p tcp -m comment --comment "default/web2 cluster IP"',
        )
          ? true
          : undefined,
      );
    expect(errors).toEqual([]);
  });

  it('deleting the service removes its slices and its rules', async () => {
    await served.client.delete(SERVICES, 'default', 'web2');
    await until('web2 slices gone', async () => {
      const list = await served.client.list(ENDPOINT_SLICES, 'default', {
        labelSelector: 'kubernetes.io/service-name=web2',
      });
      return list.items.length === 0 ? true : undefined;
    });
    await until('web2 rules gone', async () =>
      (await natRules('node-a')).includes('default/web2') ? undefined : true,
    );
    expect((await natRules('node-a')).includes('default/web cluster IP')).toBe(true);
  });
});
