import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EtcdStore } from './etcd.js';
import { etcdAvailable, startEtcd } from './etcd-process.js';
import { MemoryStore } from './memory.js';
import { SqliteStore } from './sqlite.js';
import { WatchCache } from './watch-cache.js';
import { CompactedError, type Store, type WatchEvent } from './types.js';

interface Backend {
  name: string;
  open(): Promise<{ store: Store; cleanup(): Promise<void> | void }>;
}

const backends: Backend[] = [
  { name: 'memory', open: async () => ({ store: new MemoryStore(), cleanup: () => {} }) },
  {
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'podpath-store-'));
      return {
        store: new SqliteStore(join(dir, 'state.db')),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];
// A fresh etcd per test (about 0.2 s to start), so every case begins at revision 1 as the others do.
if (etcdAvailable('etcd store tests'))
  backends.push({
    name: 'etcd',
    open: async () => {
      const etcd = await startEtcd();
      return { store: new EtcdStore([etcd.endpoint]), cleanup: () => etcd.stop() };
    },
  });
// What `--storage etcd://` serves from: the same contract through the watch cache.
if (etcdAvailable('etcd watch cache tests'))
  backends.push({
    name: 'etcd behind the watch cache',
    open: async () => {
      const etcd = await startEtcd();
      return {
        store: new WatchCache(new EtcdStore([etcd.endpoint])),
        cleanup: async () => etcd.stop(),
      };
    },
  });
backends.push({
  name: 'memory behind a 2-event watch cache',
  open: async () => ({ store: new WatchCache(new MemoryStore(), 2), cleanup: () => {} }),
});

/** etcd delivers watch events asynchronously; the embedded stores have them at once. */
async function settle(seen: unknown[], count: number): Promise<void> {
  for (let i = 0; i < 200 && seen.length < count; i++) await new Promise((r) => setTimeout(r, 10));
}

const summary = (e: WatchEvent) =>
  `${e.type} ${e.kv.key}@${e.revision}=${e.kv.value}${e.prevKv ? ` (was ${e.prevKv.value}@${e.prevKv.modRevision})` : ''}`;

describe.each(backends)('$name store', (backend) => {
  let store: Store;
  let cleanup: () => Promise<void> | void;
  beforeEach(async () => {
    ({ store, cleanup } = await backend.open());
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('starts at revision 1 like etcd and gives every write the next revision', async () => {
    expect(await store.currentRevision()).toBe(1);
    const a = await store.create('/a', 'one');
    const b = await store.create('/b', 'two');
    expect(a).toEqual({ ok: true, kv: { key: '/a', value: 'one', createRevision: 2, modRevision: 2 } });
    expect(b.ok && b.kv.modRevision).toBe(3);
    expect(await store.currentRevision()).toBe(3);
  });

  it('refuses to create an existing key and returns the current value', async () => {
    await store.create('/a', 'one');
    expect(await store.create('/a', 'again')).toEqual({
      ok: false,
      code: 'exists',
      current: { key: '/a', value: 'one', createRevision: 2, modRevision: 2 },
    });
  });

  it('updates only at the expected revision and keeps createRevision', async () => {
    await store.create('/a', 'one');
    expect(await store.update('/a', 'two', 7)).toMatchObject({
      ok: false,
      code: 'conflict',
      current: { modRevision: 2 },
    });
    expect(await store.update('/a', 'two', 2)).toEqual({
      ok: true,
      kv: { key: '/a', value: 'two', createRevision: 2, modRevision: 3 },
    });
    expect(await store.update('/a', 'three')).toMatchObject({ ok: true, kv: { modRevision: 4 } });
    expect(await store.update('/missing', 'x')).toEqual({ ok: false, code: 'not-found' });
  });

  it('deletes only at the expected revision; a deleted key can be created anew', async () => {
    await store.create('/a', 'one');
    expect(await store.delete('/a', 9)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await store.delete('/a', 2)).toEqual({
      ok: true,
      kv: { key: '/a', value: 'one', createRevision: 2, modRevision: 3 },
    });
    expect(await store.get('/a')).toBeUndefined();
    expect(await store.delete('/a')).toEqual({ ok: false, code: 'not-found' });
    expect(await store.create('/a', 'reborn')).toMatchObject({
      ok: true,
      kv: { createRevision: 4, modRevision: 4 },
    });
  });

  it('lists a prefix sorted by key, now and at an older revision', async () => {
    await store.create('/pods/ns/b', 'b1'); // 2
    await store.create('/pods/ns/a', 'a1'); // 3
    await store.create('/pods/other/c', 'c1'); // 4
    await store.create('/podsx/d', 'd1'); // 5
    await store.update('/pods/ns/a', 'a2'); // 6
    await store.delete('/pods/ns/b'); // 7
    const now = await store.list('/pods/');
    expect(now.revision).toBe(7);
    expect(now.items.map((kv) => `${kv.key}=${kv.value}@${kv.modRevision}`)).toEqual([
      '/pods/ns/a=a2@6',
      '/pods/other/c=c1@4',
    ]);
    const then = await store.list('/pods/ns/', 4);
    expect(then.revision).toBe(4);
    expect(then.items.map((kv) => `${kv.key}=${kv.value}`)).toEqual(['/pods/ns/a=a1', '/pods/ns/b=b1']);
  });

  it('watch replays history after a revision, then follows live writes, in order and once', async () => {
    await store.create('/pods/a', '1'); // 2
    await store.create('/svc/x', 'x'); // 3
    await store.update('/pods/a', '2'); // 4
    const seen: string[] = [];
    const watch = await store.watch('/pods/', 2, (e) => seen.push(summary(e)));
    await store.create('/pods/b', '1'); // 5
    await store.delete('/pods/a'); // 6
    await store.create('/svc/y', 'y'); // 7
    await settle(seen, 3);
    watch.cancel();
    await store.create('/pods/c', '1'); // 8: after cancel
    await store.get('/pods/c');
    expect(seen).toEqual(['PUT /pods/a@4=2 (was 1@2)', 'PUT /pods/b@5=1', 'DELETE /pods/a@6=2 (was 2@4)']);
  });

  it('compaction drops superseded history: old lists and watches get CompactedError, current data stays', async () => {
    await store.create('/a', '1'); // 2
    await store.update('/a', '2'); // 3
    await store.create('/b', '1'); // 4
    await store.delete('/b'); // 5
    await store.create('/c', '1'); // 6
    await store.compact(5);
    expect(await store.compactRevision()).toBe(5);
    await expect(store.list('/', 3)).rejects.toBeInstanceOf(CompactedError);
    await expect(store.watch('/', 4, () => {})).rejects.toBeInstanceOf(CompactedError);
    expect((await store.list('/', 5)).items.map((kv) => kv.key)).toEqual(['/a']);
    expect((await store.list('/')).items.map((kv) => `${kv.key}=${kv.value}`)).toEqual(['/a=2', '/c=1']);
    const seen: string[] = [];
    const watch = await store.watch('/', 5, (e) => seen.push(summary(e)));
    await settle(seen, 1);
    watch.cancel();
    expect(seen).toEqual(['PUT /c@6=1']);
    expect(await store.update('/a', '3', 3)).toMatchObject({
      ok: true,
      kv: { createRevision: 2, modRevision: 7 },
    });
  });
});

describe('sqlite store durability', () => {
  it('keeps every write and the revision counter across close and reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-store-'));
    try {
      const path = join(dir, 'state.db');
      const first = new SqliteStore(path);
      await first.create('/a', '1');
      await first.update('/a', '2');
      await first.create('/b', '1');
      await first.delete('/b');
      await first.close();
      const second = new SqliteStore(path);
      expect(await second.currentRevision()).toBe(5);
      expect(await second.get('/a')).toEqual({ key: '/a', value: '2', createRevision: 2, modRevision: 3 });
      const seen: string[] = [];
      (await second.watch('/', 2, (e) => seen.push(summary(e)))).cancel();
      expect(seen).toEqual(['PUT /a@3=2 (was 1@2)', 'PUT /b@4=1', 'DELETE /b@5=1 (was 1@4)']);
      expect(await second.create('/c', '1')).toMatchObject({ ok: true, kv: { modRevision: 6 } });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
