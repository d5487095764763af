// npm run bench [-- [--json] [NAME...]]: times podpath against a reference
// measured in the same run (the real kernel and tools in a throwaway network
// world, or the target where nothing real compares) and prints a table, or
// with --json one object per line: {"name", "podpath", "reference", "unit",
// "ratio"}, ratio > 1 meaning podpath is better. NAME runs only that
// benchmark (a group's name runs the group). Informational: no figure is a
// test assertion, but a benchmark whose correctness check fails (podpath
// printing something else than the real side) makes the exit status 1.
import { exampleLabCold, lab200 } from './labs.mjs';
import { realUnavailable } from './lib.mjs';
import { restore100k } from './restore-100k.mjs';
import { newFlow } from './new-flow.mjs';
import { establishedFlow } from './established-flow.mjs';
import { endpointChangeCluster, proxySync } from './proxy-sync.mjs';
import { apiserverLoad } from './apiserver-load.mjs';
import { clusterScale } from './cluster-scale.mjs';
import { progressBar } from '../dist/cli/progress.js';

/** Each group runs once and yields its figures, by name. */
const GROUPS = [
  { names: ['restore-100k', 'restore-100k-in-process'], run: restore100k },
  { names: ['new-flow-10k-services', 'new-flow-10k-services-naive'], run: newFlow },
  { names: ['established-flow'], run: establishedFlow },
  { names: ['example-lab-cold'], run: exampleLabCold },
  { names: ['lab-200-netns-400-veth'], run: lab200 },
  { names: ['proxy-sync-10k-full', 'proxy-sync-10k-endpoint-change'], run: proxySync },
  { names: ['endpoint-change-1000-nodes'], run: endpointChangeCluster },
  { names: ['apiserver-load-sqlite', 'apiserver-load-etcd'], run: apiserverLoad },
  { names: ['cluster-1000-build-seconds', 'cluster-1000-memory-bytes'], run: clusterScale },
];

const args = process.argv.slice(2);
const json = args.includes('--json');
const wanted = args.filter((a) => a !== '--json');
const known = GROUPS.flatMap((g) => g.names);
const unknown = wanted.filter((n) => !known.includes(n));
if (unknown.length > 0) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${known.join(', ')})`);
  process.exit(2);
}

const noReal = realUnavailable();
const figures = [];
const groups = GROUPS.filter((g) => wanted.length === 0 || g.names.some((n) => wanted.includes(n)));
// On a terminal, which benchmark is running and how many are left: each takes seconds, so at once.
const bar = progressBar(process.stderr, () => Date.now(), 0);
for (const [i, group] of groups.entries()) {
  bar.update(`bench ${group.names[0]}`, i, groups.length);
  for (const f of await group.run({ real: !noReal }))
    if (wanted.length === 0 || wanted.includes(f.name)) figures.push(f);
}
bar.done();

const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
const failures = figures.flatMap((f) => (f.failures ?? []).map((m) => `${f.name}: ${m}`));

if (json) {
  for (const f of figures)
    console.log(
      JSON.stringify({
        name: f.name,
        podpath: round(f.podpath),
        reference: round(f.reference),
        unit: f.unit,
        ratio: round(f.ratio),
      }),
    );
} else printTable(figures);
for (const m of failures) console.error(`FAILED ${m}`);
if (failures.length > 0) process.exitCode = 1;

function printTable(rows) {
  const time = (ms) =>
    ms === null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  // Figures in other units (us per packet, packets per second) print as they are.
  const figure = (f, x) =>
    f.unit === 'ms' || x === null ? time(x) : `${x >= 100 ? Math.round(x) : x.toFixed(2)} ${f.unit}`;
  const header = ['benchmark', 'podpath', 'reference', 'ratio', 'target', 'met'];
  const table = rows.map((f) => [
    f.name,
    figure(f, f.podpath),
    f.reference === null && noReal ? `n/a (${noReal})` : figure(f, f.reference),
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}x`,
    f.target?.text ?? '',
    f.target?.met === null || f.target === undefined ? '-' : f.target.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) console.log(line(row));
  console.log('\nreference: the same work on the real kernel and tools in a throwaway network world;');
  console.log('ratio: reference / podpath, above 1 means podpath is faster.');
  for (const f of rows) for (const n of f.notes ?? []) console.log(`note: ${f.name}: ${n}`);
}
