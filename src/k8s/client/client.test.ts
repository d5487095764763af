import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemHost } from '../../cli/apiserver.js';
import { findResource } from '../api/resources.js';
import type { KubeObject } from '../api/meta.js';
import { MemoryStore } from '../storage/memory.js';
import { ApiServer } from '../apiserver/server.js';
import { Informer } from './informer.js';
import { Indexer, byNamespace, NAMESPACE_INDEX } from './indexer.js';
import { ApiError, RestClient, isAlreadyExists, isConflict, isNotFound } from './rest.js';
import { WorkQueue, type Scheduler } from './workqueue.js';
import { until } from './testing.js';

const configmaps = findResource('', 'v1', 'configmaps')!;
const cm = (name: string, data: Record<string, string> = {}, namespace = 'default'): KubeObject => ({
  metadata: { name, namespace },
  data,
});

describe('client over HTTP', () => {
  const store = new MemoryStore();
  const server = new ApiServer({ store, host: systemHost, bookmarkIntervalMs: 20 });
  let client: RestClient;
  beforeAll(async () => {
    client = new RestClient(`http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`);
    for (const name of ['paging', 'inf', 'expire'])
      await client.create(findResource('', 'v1', 'namespaces')!, { metadata: { name } });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  it('creates, reads, updates with a resourceVersion precondition and deletes', async () => {
    const created = await client.create(configmaps, cm('rest', { a: '1' }));
    expect(created.metadata.uid).toBeTruthy();
    expect((await client.get<KubeObject>(configmaps, 'default', 'rest')).data).toEqual({ a: '1' });
    await expect(client.create(configmaps, cm('rest'))).rejects.toSatisfy(isAlreadyExists);
    const updated = await client.update(configmaps, { ...created, data: { a: '2' } });
    expect(Number(updated.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    // The stale object now conflicts, with the server's own message.
    const stale = client.update(configmaps, { ...created, data: { a: '3' } });
    await expect(stale).rejects.toSatisfy(isConflict);
    await expect(stale).rejects.toThrow(/the object has been modified/);
    await client.delete(configmaps, 'default', 'rest');
    const gone = client.get(configmaps, 'default', 'rest');
    await expect(gone).rejects.toSatisfy(isNotFound);
    await expect(gone).rejects.toBeInstanceOf(ApiError);
  });

  it('lists every page behind limit/continue at one resourceVersion', async () => {
    for (let i = 0; i < 7; i++) await client.create(configmaps, cm(`page-${i}`, {}, 'paging'));
    const all = await client.listAll(configmaps, 'paging', { limit: 3 });
    expect(all.items.map((o) => o.metadata.name)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`));
    expect(all.metadata.resourceVersion).toMatch(/^\d+$/);
  });

  it('an informer syncs, then hears every add, update and delete in order', async () => {
    await client.create(configmaps, cm('before', {}, 'inf'));
    const informer = new Informer<KubeObject>(client, configmaps, {
      namespace: 'inf',
      indexers: { [NAMESPACE_INDEX]: byNamespace },
    });
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onUpdate: (_, o) => seen.push(`update ${o.metadata.name} ${JSON.stringify(o.data)}`),
      onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    void informer.run();
    await informer.waitForSync();
    expect(seen).toEqual(['add before']);
    const x = await client.create(configmaps, cm('x', {}, 'inf'));
    await client.update(configmaps, { ...x, data: { k: 'v' } });
    await client.delete(configmaps, 'inf', 'before');
    await until('four events', () => seen.length === 4);
    expect(seen).toEqual(['add before', 'add x', 'update x {"k":"v"}', 'delete before']);
    expect(informer.store.byIndex(NAMESPACE_INDEX, 'inf').map((o) => o.metadata.name)).toEqual(['x']);
    await informer.stop();
  });

  it('relists after 410 Expired and delivers only the difference', async () => {
    const informer = new Informer(client, configmaps, { namespace: 'expire', retryMs: 10 });
    const seen: string[] = [];
    informer.addEventHandler({
      onAdd: (o) => seen.push(`add ${o.metadata.name}`),
      onDelete: (o) => seen.push(`delete ${o.metadata.name}`),
    });
    await client.create(configmaps, cm('keep', {}, 'expire'));
    await client.create(configmaps, cm('drop', {}, 'expire'));
    void informer.run();
    await informer.waitForSync();
    await informer.stop();
    // While nobody watches: a delete, a create, and compaction past the informer's resourceVersion.
    await client.delete(configmaps, 'expire', 'drop');
    await client.create(configmaps, cm('new', {}, 'expire'));
    await store.compact(await store.currentRevision());
    const resumed = new Informer(client, configmaps, { namespace: 'expire', retryMs: 10 });
    // Resume the first informer's cache in a new loop: same store content, old resourceVersion.
    for (const o of informer.store.list()) resumed.store.upsert(o);
    (resumed as unknown as { lastResourceVersion: string }).lastResourceVersion = informer.resourceVersion;
    const after: string[] = [];
    resumed.addEventHandler({
      onAdd: (o) => after.push(`add ${o.metadata.name}`),
      onDelete: (o) => after.push(`delete ${o.metadata.name}`),
    });
    void resumed.run();
    await resumed.waitForSync();
    expect(after.sort()).toEqual(['add new', 'delete drop']);
    expect(resumed.store.keys().sort()).toEqual(['expire/keep', 'expire/new']);
    await resumed.stop();
  });
});

describe('Indexer', () => {
  it('keeps secondary indexes current across updates and removals', () => {
    const byNode = (p: KubeObject) => [(p.spec as { nodeName: string }).nodeName];
    const pods = new Indexer({ node: byNode });
    const pod = (name: string, nodeName: string): KubeObject => ({
      metadata: { name, namespace: 'default' },
      spec: { nodeName },
    });
    pods.upsert(pod('a', 'n1'));
    pods.upsert(pod('b', 'n1'));
    pods.upsert(pod('a', 'n2'));
    expect(pods.byIndex('node', 'n1').map((p) => p.metadata.name)).toEqual(['b']);
    expect(pods.byIndex('node', 'n2').map((p) => p.metadata.name)).toEqual(['a']);
    pods.remove('default/b');
    expect(pods.byIndex('node', 'n1')).toEqual([]);
    expect(() => pods.byIndex('zone', 'x')).toThrow('index with name zone does not exist');
  });
});

describe('WorkQueue', () => {
  /** Runs delayed adds by hand. */
  function fakeScheduler(): Scheduler & { fire(): number[] } {
    const pending: { ms: number; fn: () => void; cancelled: boolean }[] = [];
    return {
      after(ms, fn) {
        const p = { ms, fn, cancelled: false };
        pending.push(p);
        return { cancel: () => void (p.cancelled = true) };
      },
      fire() {
        const due = pending.splice(0).filter((p) => !p.cancelled);
        for (const p of due) p.fn();
        return due.map((p) => p.ms);
      },
    };
  }

  it('queues a key once while it waits and never hands it to two workers', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    const first = await q.get();
    expect(first).toBe('a');
    q.add('a'); // changed again while being processed: held back until done
    expect(await q.get()).toBe('b');
    expect(q.length).toBe(0);
    q.done('a');
    expect(await q.get()).toBe('a');
  });

  it('backs off failures exponentially per key and forgets on success', () => {
    const s = fakeScheduler();
    const q = new WorkQueue<string>(s, { baseMs: 5, maxMs: 30 });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      q.addRateLimited('k');
      delays.push(...s.fire());
    }
    expect(delays).toEqual([5, 10, 20, 30]);
    expect(q.numRequeues('k')).toBe(4);
    q.forget('k');
    q.addRateLimited('k');
    expect(s.fire()).toEqual([5]);
  });

  it('wakes a waiting worker, and shutdown releases every waiter', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.add('x');
    expect(await waiting).toBe('x');
    const idle = q.get();
    q.shutDown();
    expect(await idle).toBeUndefined();
  });
});
