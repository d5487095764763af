// The CLI bundled (npm run build, after tsc): dist/bundle/podpath.cjs and
// the CommonJS chunks it loads, which bin/podpath runs. Node starts it in
// about 80 ms less than dist/cli/main.js: a few files to read and link
// instead of some 200 modules to resolve, open and read one by one, and
// little to compile: podpath.cjs (bin/bundle-loader.cjs) loads each chunk
// through V8's code cache, which a training run made at build
// (bin/code-cache-train.sh; bench restore-100k: node start and compiling
// were a quarter of the command).
//
// Packages stay imports (node_modules, node: builtins): only the project's
// own modules are joined. Without rolldown (a dependency of vitest), or
// when bundling fails (say, tsc output changing under it), no bundle is
// made: bin/podpath then runs dist/cli/main.js, newer than the old bundle,
// and the build still succeeds. Without a code cache (the training run
// failed) the bundle runs as well, compiling as it goes.
//
// A podpath already running from the bundle may still load chunks of it:
// the new files are moved in one by one (the entry last), chunks are named
// by their content, and older chunks are left a while before being pruned.
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');
const staging = join(root, `dist/bundle-${process.pid}`);
/** Chunks no longer made are removed once this old (no podpath run lasts as long). */
const STALE_MS = 60 * 60 * 1000;
/** What bin/podpath runs. */
const ENTRY = 'podpath.cjs';

/**
 * The training run: bin/podpath itself (its node flags are part of what
 * V8 checks a cache against) runs bin/code-cache-train.sh, and the loader
 * writes the code cache of each chunk as it exits.
 */
function train() {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-train-'));
  try {
    const run = spawnSync(
      join(root, 'bin/podpath'),
      ['run', join(root, 'bin/code-cache-train.sh'), join(root, 'bin/code-cache-train.rules')],
      {
        cwd: dir,
        env: { ...process.env, PODPATH_CODE_CACHE: 'write' },
        stdio: ['ignore', 'ignore', 'pipe'],
        timeout: 120_000,
      },
    );
    if (run.status !== 0)
      console.error(
        `bundle: code cache not made (training run: ${run.error?.message ?? `exit ${run.status ?? run.signal}`} ${String(run.stderr).split('\n', 1)[0]})`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.error('bundle: rolldown not installed; bin/podpath will run dist/cli/main.js');
  process.exit(0);
}

try {
  const { output } = await rolldown.build({
    input: join(root, 'dist/cli/main.js'),
    platform: 'node',
    // Anything not a relative or absolute path is a package or a builtin: required at run time as before.
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    logLevel: 'warn',
    // CommonJS: node 20 runs ES modules through its loader only, which takes no code cache.
    output: {
      dir: staging,
      format: 'cjs',
      entryFileNames: '[name]-[hash].cjs',
      chunkFileNames: '[name]-[hash].cjs',
    },
  });
  // The loader runs chunks as scripts, where import() has nothing to load with: none may be left.
  const importing = output.find((o) => o.type === 'chunk' && /(?<![\w$.])import\(/.test(o.code));
  if (importing) throw new Error(`${importing.fileName} keeps an import() (an ES-only package?)`);
  const entry = output.find((o) => o.type === 'chunk' && o.isEntry).fileName;
  const loader = readFileSync(join(root, 'bin/bundle-loader.cjs'), 'utf8');
  writeFileSync(join(staging, ENTRY), loader.replace("'__ENTRY__'", JSON.stringify(entry)));
  mkdirSync(out, { recursive: true });
  const made = readdirSync(staging).sort((a, b) => (a === ENTRY) - (b === ENTRY));
  for (const file of made) renameSync(join(staging, file), join(out, file));
  train();
  const now = Date.now();
  for (const file of readdirSync(out))
    if (!made.includes(file.replace(/\.cache$/, '')) && now - statSync(join(out, file)).mtimeMs > STALE_MS)
      rmSync(join(out, file));
} catch (e) {
  const first = String(e?.message ?? e)
    .split('\n', 2)
    .join(' ');
  console.error(`bundle: not made (${first}); bin/podpath will run dist/cli/main.js`);
} finally {
  rmSync(staging, { recursive: true, force: true });
}
