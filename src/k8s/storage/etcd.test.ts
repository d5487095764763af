import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtcdStore, rangeEnd } from './etcd.js';
import { WatchCache } from './watch-cache.js';
import { etcdAvailable, startEtcd, type EtcdProcess } from './etcd-process.js';
import { openStore } from './open.js';
import { CompactedError } from './types.js';

describe('etcd range ends', () => {
  it('increments the last UTF-8 byte as clientv3.GetPrefixRangeEnd', () => {
    expect(rangeEnd('/registry/pods/').toString()).toBe('/registry/pods0');
    expect([...rangeEnd('a\u00ff')]).toEqual([0x61, 0xc3, 0xc0]);
  });
});

describe.skipIf(!etcdAvailable('etcd backend tests'))('etcd backend beyond the shared suite', () => {
  let etcd: EtcdProcess;
  beforeAll(async () => {
    etcd = await startEtcd();
  });
  afterAll(async () => {
    await etcd?.stop();
  });

  it('opens from an etcd:// storage URL', async () => {
    const store = openStore(`etcd://${etcd.endpoint.slice('http://'.length)}`);
    // Served through the watch cache, as kube-apiserver serves etcd.
    expect(store).toBeInstanceOf(WatchCache);
    expect(await store.create('/registry/pods/default/web', '{}')).toMatchObject({ ok: true });
    await store.close();
  });

  it('a second client learns a compaction it did not make', async () => {
    const first = new EtcdStore([etcd.endpoint]);
    const second = new EtcdStore([etcd.endpoint]);
    for (let i = 0; i < 5; i++) await first.update('/registry/pods/default/web', `{"i":${i}}`);
    const current = await first.currentRevision();
    await first.compact(current - 2);
    expect(await second.compactRevision()).toBe(current - 2);
    await expect(second.list('/registry/pods/', current - 3)).rejects.toEqual(
      new CompactedError(current - 3, current - 2),
    );
    await first.close();
    await second.close();
  });
});
