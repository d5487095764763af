// The CLI bundled (npm run build, after tsc): dist/bundle/main.js and the
// chunks of what it imports lazily, which bin/podpath runs. Node starts it
// in about 60 ms less than dist/cli/main.js: one file to read and link
// instead of some 200 modules to resolve, open and read one by one
// (bench restore-100k: node start is a fifth of the command).
//
// Packages stay imports (node_modules, node: builtins): only the project's
// own modules are joined. Without rolldown (a dependency of vitest) no
// bundle is made, and bin/podpath runs dist/cli/main.js.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/bundle');

let rolldown;
try {
  rolldown = await import('rolldown');
} catch {
  console.error('bundle: rolldown not installed; bin/podpath will run dist/cli/main.js');
  rmSync(out, { recursive: true, force: true });
  process.exit(0);
}

rmSync(out, { recursive: true, force: true });
await rolldown.build({
  input: join(root, 'dist/cli/main.js'),
  platform: 'node',
  // Anything not a relative or absolute path is a package or a builtin: imported at run time as before.
  external: (id) => !id.startsWith('.') && !id.startsWith('/'),
  logLevel: 'warn',
  output: { dir: out, format: 'esm', entryFileNames: 'main.js' },
});
