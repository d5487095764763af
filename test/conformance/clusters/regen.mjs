#!/usr/bin/env node
// Rewrites the generated head of the cluster conformance scripts: in every
// test/conformance/cluster-*.sh that names its cluster with a line
// `# cluster: clusters/NAME.yaml`, the block between the line `{` and the
// line `} >/dev/null 2>&1` becomes the output of
// `bin/podpath up clusters/NAME.yaml --steps` (run `npm run build` first).
// The scripts themselves regenerate nothing: they hold the commands as text,
// so they run unchanged on real Linux; cluster-steps.test.ts fails when the
// text no longer matches what the twin does.
//
//   node test/conformance/clusters/regen.mjs [cluster-NAME.sh ...]
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..');
const podpath = join(dir, '..', '..', 'bin', 'podpath');
const BLOCK = /^\{\n[\s\S]*?^\} >\/dev\/null 2>&1$/m;

const names = process.argv.slice(2).map((a) => a.replace(/^.*\//, ''));
const scripts = names.length
  ? names
  : readdirSync(dir).filter(
      (f) => /^cluster-.*\.sh$/.test(f) && /^# cluster: /m.test(readFileSync(join(dir, f), 'utf8')),
    );

for (const name of scripts) {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  const yaml = /^# cluster: (\S+)$/m.exec(text)?.[1];
  if (!yaml || !BLOCK.test(text)) {
    console.error(
      `${name}: needs a '# cluster: clusters/NAME.yaml' line and a '{' ... '} >/dev/null 2>&1' block`,
    );
    process.exitCode = 1;
    continue;
  }
  const steps = execFileSync(podpath, ['up', yaml, '--steps'], { cwd: dir, encoding: 'utf8' });
  writeFileSync(
    path,
    text.replace(BLOCK, () => `{\n${steps}} >/dev/null 2>&1`),
  );
  console.log(`${name}: ${steps.split('\n').length - 1} steps from ${yaml}`);
}
