import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { up } from './cluster.js';
import { TWO_NODES } from '../k8s/twin/testing.js';

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podpath-up-')), 'cluster.yaml');
  writeFileSync(path, text);
  return path;
}

async function runUp(args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await up(
    args,
    { write: (t: string) => (stdout += t) },
    { write: (t: string) => (stderr += t) },
  );
  return { stdout, stderr, status };
}

describe('podpath up', () => {
  it('prints the summary of the cluster it built', async () => {
    const r = await runUp([file(TWO_NODES)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^cluster demo: 2 nodes, 2 pods, 1 service/);
  });

  it('--steps prints the commands the components ran, as a script', async () => {
    const r = await runUp([file(TWO_NODES), '--steps']);
    expect(r.stdout).toContain(
      'ip netns exec node-a iptables-restore -w 5 -W 100000 --noflush --counters <<',
    );
    expect(r.stdout).toMatch(
      /ip netns exec default\.client ip link add eth0 type veth peer name veth[0-9a-f]{8} netns node-a/,
    );
  });

  it.each([
    ['bad YAML', 'kind: Node\n  metadata: [\n', /^podpath: .*cluster\.yaml:\d+: /],
    [
      'an unknown kind',
      'apiVersion: v1\nkind: Widget\nmetadata: {name: w}\n',
      /cluster\.yaml:2: Widget.*no matches for kind "Widget"/,
    ],
    [
      'a pod on a missing node',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeName: ghost\n  containers: [{name: c}]\n',
      /cluster\.yaml:5: Pod default\/p: spec\.nodeName: node "ghost" not found/,
    ],
  ])('rejects %s with file and line, building nothing', async (_, text, message) => {
    const r = await runUp([file(text)]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('says so when the file is missing, and prints usage without one', async () => {
    expect((await runUp(['/nonexistent/cluster.yaml'])).stderr).toBe(
      'podpath: /nonexistent/cluster.yaml: No such file or directory\n',
    );
    expect(await runUp([])).toEqual({
      stdout: '',
      stderr:
        'usage: podpath up CLUSTER.yaml [--steps] [--serve HOST:PORT [--storage memory|sqlite:PATH|etcd://HOST:PORT]]\n',
      status: 2,
    });
  });
});
