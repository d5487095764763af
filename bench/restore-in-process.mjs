// The restore alone, in this (fresh) node process: reads FILE, then times
// one `iptables-restore` with FILE on stdin against a new World, through
// the built modules (npm run build). Prints {"ms", "status", "stderr"}.
//
//   node bench/restore-in-process.mjs FILE
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib.mjs';

const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
const { World } = await dist('kernel/world.js');
const { runTool } = await dist('tools/testing.js');
const { findCommand } = await dist('tools/registry.js');

const text = readFileSync(process.argv[2], 'utf8');
// Load the command's modules first: the figure is the restore, not the import.
await findCommand('iptables-restore');
const world = new World({ seed: 1 });
const started = performance.now();
const run = await runTool(world, ['iptables-restore'], { stdin: text });
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, status: run.status, stderr: run.stderr.split('\n')[0] }));
