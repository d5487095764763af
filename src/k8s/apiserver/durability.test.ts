import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The compiled CLI (`npm test` builds it first), so the server runs as its own process that can be killed. */
const CLI = resolve(import.meta.dirname, '../../../dist/cli/main.js');

function start(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [CLI, 'apiserver', '--listen', '127.0.0.1:0', '--storage', `sqlite:${db}`],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/\S+) /.exec(out);
      if (m) ok({ child, url: m[1] });
    });
    child.once('exit', (code) => fail(new Error(`apiserver exited with ${code}: ${out}`)));
  });
}

const configMap = (i: number) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}` },
    data: { i: String(i) },
  });

describe.skipIf(!existsSync(CLI))('sqlite-backed apiserver killed with SIGKILL during a write burst', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-kill-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged write, whole, and watches resume from the last resourceVersion', async () => {
    const db = join(dir, 'state.db');
    const first = await start(db);
    const acknowledged: { name: string; rv: string }[] = [];
    let next = 0;
    // Four writers in parallel until the kill; a write counts only once its 201 arrived.
    const writer = async () => {
      while (next < 2000) {
        const i = next++;
        try {
          const res = await fetch(`${first.url}/api/v1/namespaces/default/configmaps`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: configMap(i),
          });
          if (res.status !== 201) return;
          const body = (await res.json()) as { metadata: { name: string; resourceVersion: string } };
          acknowledged.push({ name: body.metadata.name, rv: body.metadata.resourceVersion });
          if (acknowledged.length === 200) first.child.kill('SIGKILL');
        } catch {
          return;
        }
      }
    };
    const exited = new Promise((r) => first.child.once('exit', r));
    await Promise.all([writer(), writer(), writer(), writer()]);
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const second = await start(db);
    try {
      const list = (await (await fetch(`${second.url}/api/v1/namespaces/default/configmaps`)).json()) as {
        items: { metadata: { name: string; resourceVersion: string }; data: { i: string } }[];
        metadata: { resourceVersion: string };
      };
      const stored = new Map(list.items.map((cm) => [cm.metadata.name, cm]));
      for (const ack of acknowledged) {
        expect(stored.get(ack.name)?.metadata.resourceVersion).toBe(ack.rv);
        expect(stored.get(ack.name)?.data.i).toBe(ack.name.slice('cm-'.length));
      }
      // A watch from an acknowledged revision replays everything after it, in order, without gaps.
      const from = Math.min(...acknowledged.map((a) => Number(a.rv)));
      const controller = new AbortController();
      const res = await fetch(
        `${second.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${from}`,
        { signal: controller.signal },
      );
      const reader = res.body!.getReader();
      let text = '';
      const expected = list.items.filter((cm) => Number(cm.metadata.resourceVersion) > from).length;
      while (text.split('\n').length - 1 < expected) {
        const { value, done } = await reader.read();
        if (done) break;
        text += Buffer.from(value).toString();
      }
      controller.abort();
      const rvs = text
        .trim()
        .split('\n')
        .map((l) =>
          Number(
            (JSON.parse(l) as { object: { metadata: { resourceVersion: string } } }).object.metadata
              .resourceVersion,
          ),
        );
      expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
      expect(rvs.length).toBe(expected);
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
