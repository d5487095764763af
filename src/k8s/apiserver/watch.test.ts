import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemHost } from '../../cli/apiserver.js';
import { MemoryStore } from '../storage/memory.js';
import { ApiServer } from './server.js';

/** Watch features kubectl's reflectors use, over plain HTTP. */
describe('watch over HTTP', () => {
  const store = new MemoryStore();
  const server = new ApiServer({ store, host: systemHost, bookmarkIntervalMs: 30 });
  let url = '';
  beforeAll(async () => {
    url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  /** The first `count` JSON lines of a watch response, then hang up. */
  async function lines(
    path: string,
    count: number,
  ): Promise<{ type: string; object: Record<string, unknown> }[]> {
    const controller = new AbortController();
    const res = await fetch(url + path, { signal: controller.signal });
    const reader = res.body!.getReader();
    let text = '';
    while (text.split('\n').length <= count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    controller.abort();
    return text
      .split('\n')
      .slice(0, count)
      .map((l) => JSON.parse(l) as { type: string; object: Record<string, unknown> });
  }

  it('sends BOOKMARK events with the last resourceVersion when allowWatchBookmarks=true', async () => {
    const created = await fetch(`${url}/api/v1/namespaces/default/configmaps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ metadata: { name: 'a' } }),
    }).then((r) => r.json() as Promise<{ metadata: { resourceVersion: string } }>);
    const rv = created.metadata.resourceVersion;
    const events = await lines(
      `/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${Number(rv) - 1}`,
      2,
    );
    expect(events[0]).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'a' } } });
    expect(events[1]).toEqual({
      type: 'BOOKMARK',
      object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: rv } },
    });
  });

  it('answers a compacted resourceVersion with a 410 Expired ERROR event', async () => {
    await store.compact(await store.currentRevision());
    const [event] = await lines('/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1', 1);
    expect(event).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } });
  });
});

describe('a watcher that does not read', () => {
  it('is cut off once its buffer passes the limit, so the server keeps no unbounded backlog', async () => {
    const store = new MemoryStore();
    const server = new ApiServer({ store, host: systemHost, watchBufferBytes: 256 * 1024 });
    const url = `http://127.0.0.1:${(await server.listen('127.0.0.1', 0)).port}`;
    const res = await fetch(`${url}/api/v1/namespaces/default/configmaps?watch=true`);
    const big = 'x'.repeat(64 * 1024);
    // Far more than the socket buffers and the limit hold, while the client reads nothing.
    for (let i = 0; i < 200; i++)
      await fetch(`${url}/api/v1/namespaces/default/configmaps`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ metadata: { name: `big-${i}` }, data: { big } }),
      });
    // Reading now yields what was buffered, then the stream ends early (terminated, not all 200 events).
    let events = 0;
    let text = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += Buffer.from(chunk).toString();
        events += (text.match(/\n/g) ?? []).length;
        text = text.slice(text.lastIndexOf('\n') + 1);
      }
    } catch {
      // The server destroyed the connection mid-chunk.
    }
    expect(events).toBeGreaterThan(0);
    expect(events).toBeLessThan(200);
    await server.close();
    await store.close();
  });
});
