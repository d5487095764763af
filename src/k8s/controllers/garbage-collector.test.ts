import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveKubectl, kubectl } from '../../../test/kubectl.js';
import { systemHost } from '../../cli/apiserver.js';
import { findResource } from '../api/resources.js';
import type { KubeObject } from '../api/meta.js';
import { ApiServer } from '../apiserver/server.js';
import { MemoryStore } from '../storage/memory.js';
import { ApiError, RestClient } from '../client/rest.js';
import { GarbageCollector } from './garbage-collector.js';
import { until } from '../client/testing.js';

const configmaps = findResource('', 'v1', 'configmaps')!;
const deployments = findResource('apps', 'v1', 'deployments')!;

describe('garbage collection through the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-gc-'));
  const store = new MemoryStore();
  const server = new ApiServer({ store, host: systemHost });
  let client: RestClient;
  let url = '';
  let gc: GarbageCollector;
  const errors: unknown[] = [];
  beforeAll(async () => {
    const address = await server.listen('127.0.0.1', 0);
    url = `http://127.0.0.1:${address.port}`;
    client = new RestClient(url);
    gc = new GarbageCollector(new RestClient(await server.loopback()), (e) => errors.push(e));
    await gc.start();
  });
  afterAll(async () => {
    await gc.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exists = async (name: string) => {
    try {
      return await client.get<KubeObject>(configmaps, 'default', name);
    } catch (error) {
      if (error instanceof ApiError && error.code === 404) return undefined;
      throw error;
    }
  };
  async function family(owner: string, children: string[], block = false): Promise<KubeObject> {
    const o = await client.create<KubeObject>(configmaps, {
      metadata: { name: owner, namespace: 'default' },
    });
    for (const c of children)
      await client.create(configmaps, {
        metadata: {
          name: c,
          namespace: 'default',
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              name: owner,
              uid: o.metadata.uid!,
              ...(block ? { blockOwnerDeletion: true } : {}),
            },
          ],
        },
      });
    return o;
  }

  it('background: the owner goes at once, then its dependents', async () => {
    await family('bg', ['bg-1', 'bg-2']);
    await client.delete(configmaps, 'default', 'bg', 'Background');
    expect(await exists('bg')).toBeUndefined();
    await until('dependents deleted', async () => !(await exists('bg-1')) && !(await exists('bg-2')));
  });

  it('orphan: the dependents stay without the reference, then the owner goes', async () => {
    await family('or', ['or-1']);
    const marked = (await client.delete(configmaps, 'default', 'or', 'Orphan')) as KubeObject;
    expect(marked.metadata.finalizers).toEqual(['orphan']);
    expect(marked.metadata.deletionTimestamp).toBeTruthy();
    await until('owner gone', async () => !(await exists('or')));
    const child = await exists('or-1');
    expect(child?.metadata.ownerReferences).toBeUndefined();
  });

  it('foreground: the dependents go first, the owner last', async () => {
    await family('fg', ['fg-1'], true);
    const marked = (await client.delete(configmaps, 'default', 'fg', 'Foreground')) as KubeObject;
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
    await until('all gone', async () => !(await exists('fg')) && !(await exists('fg-1')));
  });

  it('a dependent whose owner never existed is collected; one with a live owner left keeps it', async () => {
    const live = await client.create<KubeObject>(configmaps, {
      metadata: { name: 'live', namespace: 'default' },
    });
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'no-such-uid' };
    await client.create(configmaps, {
      metadata: { name: 'stray', namespace: 'default', ownerReferences: [ghost] },
    });
    await client.create(configmaps, {
      metadata: {
        name: 'shared',
        namespace: 'default',
        ownerReferences: [
          ghost,
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'live', uid: live.metadata.uid! },
        ],
      },
    });
    await until('stray collected', async () => !(await exists('stray')));
    await until(
      'dangling reference dropped',
      async () => ((await exists('shared'))?.metadata.ownerReferences as unknown[] | undefined)?.length === 1,
    );
    expect(errors).toEqual([]);
  });

  it('rejects an unknown propagation policy as the real server does', async () => {
    await client.create(configmaps, { metadata: { name: 'pp', namespace: 'default' } });
    const res = await fetch(`${client.baseUrl}/api/v1/namespaces/default/configmaps/pp`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ propagationPolicy: 'Sometimes' }),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Sometimes": supported values: "Foreground", "Background", "Orphan", "nil"',
    );
  });

  it.skipIf(!haveKubectl)('kubectl delete --cascade=orphan and --cascade=foreground', async () => {
    const deploy = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: nginx}]}\n`;
    for (const [name, cascade] of [
      ['keepme', 'orphan'],
      ['dropme', 'foreground'],
    ]) {
      expect((await kubectl(dir, url, ['create', '-f', '-'], deploy(name))).code).toBe(0);
      const d = await client.get<KubeObject>(deployments, 'default', name);
      await client.create(configmaps, {
        metadata: {
          name: `${name}-dep`,
          namespace: 'default',
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name,
              uid: d.metadata.uid!,
              blockOwnerDeletion: true,
            },
          ],
        },
      });
      const r = await kubectl(dir, url, ['delete', 'deployment', name, `--cascade=${cascade}`]);
      expect(r).toMatchObject({ code: 0, stdout: `deployment.apps "${name}" deleted\n` });
    }
    expect((await exists('keepme-dep'))?.metadata.ownerReferences).toBeUndefined();
    expect(await exists('dropme-dep')).toBeUndefined();
  });
});
