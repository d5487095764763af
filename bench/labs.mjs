// Lab scripts end to end: podpath's `run` against bash on the real kernel.
//
//   example-lab-cold        examples/router.sh, cold start (a new process per run), medians
//   lab-200-netns-400-veth  a generated script (bench/gen-lab.mjs), one run per side
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLab } from './gen-lab.mjs';
import { median, root, runPodpath, runReal } from './lib.mjs';

const ROUTER_RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** A time figure: the ratio is reference / podpath, so above 1 means podpath is faster. */
export function timeFigure(name, pod, real, target) {
  const ok = (r) => r && !r.failed;
  return {
    name,
    podpath: ok(pod) ? pod.ms : null,
    reference: ok(real) ? real.ms : null,
    unit: 'ms',
    ratio: ok(pod) && ok(real) ? real.ms / pod.ms : null,
    target,
  };
}

/** The README's example, cold: `podpath run examples/router.sh` as typed, against bash on the kernel. */
export function exampleLabCold({ real }) {
  const dir = join(root, 'examples');
  const podRuns = Array.from({ length: ROUTER_RUNS }, () => runPodpath(dir, 'router.sh'));
  const realRuns = real
    ? Array.from({ length: Math.min(ROUTER_RUNS, 5) }, () => runReal(dir, 'router.sh'))
    : [];
  const pod = median(podRuns);
  const figure = timeFigure('example-lab-cold', pod, real ? median(realRuns) : undefined, {
    text: '< 300 ms',
    met: !pod.failed && pod.ms < 300,
  });
  figure.notes = [`median of ${ROUTER_RUNS} podpath runs, ${realRuns.length} real runs`];
  if (pod.failed) figure.failures = [`podpath: ${podRuns[0].stderr}`];
  return [figure];
}

/** 200 namespaces and 400 veth pairs, one run per side; both must print the same. */
export function lab200({ real }) {
  const work = mkdtempSync(join(tmpdir(), 'podpath-bench-'));
  try {
    writeFileSync(join(work, 'lab.sh'), generateLab({ namespaces: 200, pairs: 400 }));
    const pod = runPodpath(work, 'lab.sh');
    const ref = real ? runReal(work, 'lab.sh') : undefined;
    const figure = timeFigure('lab-200-netns-400-veth', pod, ref, {
      text: '< 2 s',
      met: !pod.failed && pod.ms < 2000,
    });
    figure.failures = [];
    if (pod.failed) figure.failures.push(`podpath: ${pod.stderr}`);
    // The lab prints no random values, so the outputs must be identical.
    if (ref && !pod.failed && !ref.failed && ref.stdout !== pod.stdout)
      figure.failures.push('podpath printed something else than the real kernel (run both by hand and diff)');
    return [figure];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
