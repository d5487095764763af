/**
 * The cluster conformance scripts hold, as text, the commands the twin runs
 * to build their cluster (`podpath up clusters/NAME.yaml --steps`), so they
 * run unchanged on real Linux. This keeps that text honest: when the twin's
 * components change what they run, the scripts must be regenerated
 * (`node test/conformance/clusters/regen.mjs`) or the comparison with real
 * Linux would be testing yesterday's build.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../src/k8s/cluster/load.js';
import { bringUp } from '../../src/k8s/twin/up.js';
import { renderSteps } from '../../src/k8s/twin/host.js';

const dir = dirname(fileURLToPath(import.meta.url));
const BLOCK = /^\{\n([\s\S]*?)^\} >\/dev\/null 2>&1$/m;

const scripts = readdirSync(dir)
  .filter((f) => /^cluster-.*\.sh$/.test(f))
  .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }))
  .filter((s) => /^# cluster: /m.test(s.text));

describe('cluster conformance scripts: the committed build is what `podpath up --steps` prints', () => {
  it('finds the scripts', () => expect(scripts.length).toBeGreaterThanOrEqual(6));

  for (const { name, text } of scripts)
    it(name, async () => {
      const yaml = /^# cluster: (\S+)$/m.exec(text)![1];
      const twin = await bringUp(loadCluster(readFileSync(join(dir, yaml), 'utf8'), yaml));
      expect(BLOCK.exec(text)?.[1], `regenerate: node test/conformance/clusters/regen.mjs ${name}`).toBe(
        renderSteps(twin.steps),
      );
    });
});
