#!/usr/bin/env node
// npm run conformance -- [NAME...]: runs the selected lab scripts (all when
// none are named) on real Linux and on podpath and prints a diff per
// differing stream. Names are `smoke-lo`, `smoke-lo.sh`, `examples/router.sh`
// or paths. `--list` prints the known scripts; `--self-check` runs the real
// side twice and compares it with itself, to find output that varies.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const selfCheck = process.argv.includes('--self-check');
const args = process.argv.slice(2).filter((arg) => arg !== '--self-check');

if (args.includes('--list')) {
  for (const dir of ['test/conformance', 'examples']) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (file.endsWith('.sh')) console.log(dir === 'examples' ? `examples/${file}` : file);
    }
  }
  process.exit(0);
}

// npm runs this from the package root; INIT_CWD is where the user typed the paths.
const names = args.map((arg) => {
  const abs = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  if (dirname(abs) === join(root, 'test/conformance')) return basename(abs);
  if (dirname(abs) === join(root, 'examples')) return `examples/${basename(abs)}`;
  return arg;
});

const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/conformance/conformance.test.ts'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PODPATH_CONFORMANCE_ONLY: names.join(','),
      ...(selfCheck ? { PODPATH_CONFORMANCE_SELF_CHECK: '1' } : {}),
    },
  },
);
process.exit(result.status ?? 1);
