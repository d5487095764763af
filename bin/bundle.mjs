// The CLI bundled (npm run build, after tsc): dist/bundle/main.js and the
// chunks of what it imports lazily, which bin/podpath runs. Node starts it
// in about 60 ms less than dist/cli/main.js: one file to read and link
// instead of some 200 modules to resolve, open and read one by one
// (bench restore-100k: node start is a fifth of the command).
//
// Packages stay imports (node_modules, node: builtins): only the project's
// own modules are joined. Without rolldown (a dependency of vitest), or
// when bundling fails (say, tsc output changing under it), no bundle is
// made: bin/podpath then runs dist/cli/main.js, newer than the old bundle,
// and the build still succeeds.
//
// A podpath already running from the bundle may still import chunks of it:
// the new files are moved in one by one (the entry last), chunks are named
// by their content, and older chunks are left a while before being pruned.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');
const staging = join(root, `dist/bundle-${process.pid}`);
/** Chunks no longer made are removed once this old (no podpath run lasts as long). */
const STALE_MS = 60 * 60 * 1000;

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.error('bundle: rolldown not installed; bin/podpath will run dist/cli/main.js');
  process.exit(0);
}

try {
  await rolldown.build({
    input: join(root, 'dist/cli/main.js'),
    platform: 'node',
    // Anything not a relative or absolute path is a package or a builtin: imported at run time as before.
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    logLevel: 'warn',
    output: { dir: staging, format: 'esm', entryFileNames: 'main.js' },
  });
  mkdirSync(out, { recursive: true });
  const made = readdirSync(staging).sort((a, b) => (a === 'main.js') - (b === 'main.js'));
  for (const file of made) renameSync(join(staging, file), join(out, file));
  const now = Date.now();
  for (const file of readdirSync(out))
    if (!made.includes(file) && now - statSync(join(out, file)).mtimeMs > STALE_MS) rmSync(join(out, file));
} catch (e) {
  const first = String(e?.message ?? e)
    .split('\n', 2)
    .join(' ');
  console.error(`bundle: not made (${first}); bin/podpath will run dist/cli/main.js`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
