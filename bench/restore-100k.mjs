// restore-100k: a kube-proxy-shaped iptables-save dump for 10,000 services
// (about 100,000 rules, bench/gen-kube-proxy.mjs) loaded by iptables-restore.
//
//   podpath    `bin/podpath run` of a script doing `iptables-restore < dump`,
//              wall clock, node start included (median of RUNS cold runs;
//              bin/podpath runs the bundle npm run build makes, bin/bundle.mjs)
//   in-process the restore alone in a fresh node process (first run, cold JIT)
//   reference  the real iptables-restore of the same file in a throwaway
//              network world, timed inside it around that one command
//
// Correctness in the same run: after the restore, `iptables-save` on both
// sides must print the same rules (the date comments aside). A mismatch is
// a failure, printed loudly.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKubeProxyDump } from './gen-kube-proxy.mjs';
import {
  firstDifference,
  launcherFlags,
  median,
  root,
  runPodpath,
  runReal,
  timeRun,
  withoutComments,
} from './lib.mjs';
import { timeFigure } from './labs.mjs';

const SERVICES = Number(process.env.BENCH_RESTORE_SERVICES ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_RATIO = 5;

const REAL_SCRIPT = `s=$(date +%s%N)
iptables-restore < dump.rules || exit $?
e=$(date +%s%N)
echo "restore-us $(( (e - s) / 1000 ))" >&2
iptables-save
`;

/** The restore alone, timed in a fresh node process against the built modules. */
function inProcess(dir) {
  const run = timeRun(
    // bin/podpath's node flags: the same restore, without the CLI around it.
    [
      process.execPath,
      ...launcherFlags('run'),
      join(root, 'bench/restore-in-process.mjs'),
      join(dir, 'dump.rules'),
    ],
    dir,
  );
  if (run.failed) return { ms: 0, failed: run.failed, stderr: run.stderr };
  const { ms, status, stderr } = JSON.parse(run.stdout);
  return status === 0 ? { ms, failed: '' } : { ms, failed: `exit ${status}`, stderr };
}

export function restore100k({ real }) {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-bench-restore-'));
  try {
    const { text, rules } = generateKubeProxyDump({ services: SERVICES });
    writeFileSync(join(dir, 'dump.rules'), text);
    writeFileSync(join(dir, 'restore.sh'), 'iptables-restore < dump.rules\n');
    writeFileSync(join(dir, 'check.sh'), 'iptables-restore < dump.rules\niptables-save\n');
    writeFileSync(join(dir, 'real.sh'), REAL_SCRIPT);

    const podRuns = Array.from({ length: RUNS }, () => runPodpath(dir, 'restore.sh'));
    const pod = median(podRuns);
    const inproc = inProcess(dir);
    let ref;
    let realSave = null;
    if (real) {
      const r = runReal(dir, 'real.sh');
      const us = /restore-us (\d+)/.exec(r.stderrAll);
      ref =
        r.failed || !us
          ? { ms: 0, failed: r.failed || 'no timing printed', stderr: r.stderr }
          : { ms: us[1] / 1000, failed: '' };
      if (!r.failed) realSave = withoutComments(r.stdout);
    }
    const target = (p) => ({
      text: `ratio >= ${TARGET_RATIO}`,
      met: p && ref && !ref.failed ? ref.ms / p.ms >= TARGET_RATIO : null,
    });
    const main = timeFigure('restore-100k', pod, ref, target(pod.failed ? null : pod));
    const quick = timeFigure('restore-100k-in-process', inproc, ref, target(inproc.failed ? null : inproc));
    main.notes = [
      `${rules} rules, ${SERVICES} services; podpath: median of ${RUNS} cold runs of bin/podpath run`,
    ];
    quick.notes = ['the restore alone, first run in a fresh node process'];
    if (!inproc.failed)
      main.notes.push(
        `in-process (the restore alone, cold JIT): ${inproc.ms.toFixed(0)} ms${quick.ratio ? `, ratio ${quick.ratio.toFixed(2)}x` : ''}`,
      );
    main.failures = [];
    if (pod.failed) main.failures.push(`podpath: ${podRuns[0].stderr}`);
    if (inproc.failed) quick.failures = [`in-process: ${inproc.stderr ?? inproc.failed}`];
    if (ref?.failed) main.failures.push(`real iptables-restore: ${ref.stderr ?? ref.failed}`);

    // Same run, both sides: what iptables-save prints after the restore must be identical.
    const check = runPodpath(dir, 'check.sh');
    if (check.failed) main.failures.push(`podpath restore+save: ${check.stderr}`);
    else if (realSave !== null) {
      const podSave = withoutComments(check.stdout);
      if (podSave !== realSave)
        main.failures.push(
          `MISMATCH: iptables-save after the restore differs, ${firstDifference(realSave, podSave)}`,
        );
      else main.notes.push('iptables-save after the restore: identical on both sides');
      if (realSave !== withoutComments(text))
        main.notes.push(
          `the real save is not the dump itself: ${firstDifference(withoutComments(text), realSave, ['dump', 'real'])}`,
        );
    }
    return [main, quick];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
