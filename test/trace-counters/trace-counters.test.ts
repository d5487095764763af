/**
 * The trace tells the truth about counters: for each lab here, the rules a
 * `run --trace` says matched (and how often, with how many bytes) are
 * exactly the rules whose counters the real kernel moved for the probe.
 * See README.md in this directory.
 *
 * Each lab is a setup script whose `# probe: CMD` line names the command
 * under test. Real Linux (throwaway unshare world, as the conformance suite)
 * runs setup, `iptables-save -c` in every namespace, the probe, a short
 * settle, `iptables-save -c` again. podpath builds the same lab and traces
 * the same tail with `traceCommand` (what `podpath run --trace` runs), so
 * one world yields both its own counter deltas and the trace. Three views
 * must agree: real deltas, podpath deltas, counts from the trace.
 *
 * PODPATH_CONFORMANCE=required  fail (instead of skip) when the real side cannot run
 * PODPATH_CONFORMANCE=off       skip on purpose
 * PODPATH_CONFORMANCE_SELF_CHECK=1  run the real side twice and compare it with itself (flaky labs)
 * PODPATH_TRACE_COUNTERS_SHOW=1  print each lab's real counter deltas
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../conformance/harness.js';
import { pool, realSideUnavailable, runReal } from '../conformance/harness.js';
import { normalize } from '../conformance/normalize.js';
import { traceCommand } from '../../src/trace/session.js';
import { traceDocument } from '../../src/trace/json.js';
import type { TraceDocument } from '../../src/trace/json.js';
import { deltas, parseRun, pick, render, traceCounts, traceFinalCounters } from './counters.js';

const DIR = dirname(fileURLToPath(import.meta.url));
const mode = process.env.PODPATH_CONFORMANCE ?? '';
const unavailable = mode === 'off' ? 'PODPATH_CONFORMANCE=off' : realSideUnavailable();
const selfCheck = process.env.PODPATH_CONFORMANCE_SELF_CHECK === '1';

interface Lab {
  readonly name: string;
  readonly setup: string;
  readonly probe: string;
}

const PROBE = /^# probe: (.+)$/m;

function loadLabs(): Lab[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.sh'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(DIR, name), 'utf8');
      const probe = PROBE.exec(text)?.[1];
      if (!probe) throw new Error(`${name}: no "# probe: CMD" line`);
      return { name, setup: text, probe };
    });
}

/**
 * Every namespace's rules with counters, root ("") first, between markers
 * the parser splits on. Plain shell both sides run: the traced command is a
 * script of its own, so it cannot use the lab's functions.
 */
const snapshot = (label: string) =>
  `echo "@@snapshot ${label}"
for __ns in "" $(ip netns list | cut -d' ' -f1 | sort); do
  echo "@@ns $__ns"
  if [ -z "$__ns" ]; then iptables-save -c; else ip netns exec "$__ns" iptables-save -c; fi
done`;

/**
 * What runs after the setup: counters, the probe, time for the last
 * packets it caused (a listener's FIN, a delayed ACK) to be counted, counters.
 */
const tail = (probe: string) =>
  `${snapshot('before')}
echo "@@probe"
${probe}
echo "@@status $?"
sleep 0.3
${snapshot('after')}
`;

const labs = loadLabs();
const PER_TEST_TIMEOUT_MS = 5 * 60_000;

/** podpath: the lab, then the tail traced as `podpath run LAB --trace TAIL` traces it. */
async function runPodpath(lab: Lab): Promise<{ out: RunResult; doc: TraceDocument }> {
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  const result = await traceCommand(
    {
      source: lab.setup,
      scriptName: lab.name,
      seed: 1,
      cwd: DIR,
      stdout: { write: () => undefined },
      stderr: { write: (t) => void (stderr += t) },
      yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
    },
    tail(lab.probe),
    { write: (t) => void (stdout += t) },
  );
  const doc = traceDocument(result.events);
  return { out: { stdout, stderr, status: result.status, ms: performance.now() - started }, doc };
}

describe('trace vs counters: the rules a trace says matched are the counters the kernel moved', () => {
  it('has at least 30 labs', () => expect(labs.length).toBeGreaterThanOrEqual(30));

  if (unavailable && mode !== 'required') {
    console.warn(`TRACE-COUNTERS SKIPPED: ${unavailable}; ${labs.length} labs not run against real Linux.`);
    for (const lab of labs) it.skip(lab.name, () => {});
    return;
  }
  if (unavailable) {
    for (const lab of labs) {
      it(lab.name, () => {
        throw new Error(`PODPATH_CONFORMANCE=required but the real side cannot run: ${unavailable}`);
      });
    }
    return;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'podpath-trace-counters-'));
  const real = new Map<string, Promise<RunResult>>();
  const realAgain = new Map<string, Promise<RunResult>>();
  beforeAll(() => {
    // Started, not awaited: each test waits only for its own lab.
    const jobs = pool(Number(process.env.PODPATH_CONFORMANCE_JOBS ?? 4));
    for (const lab of labs) {
      writeFileSync(join(tmp, lab.name), `${lab.setup}\n${tail(lab.probe)}`);
      const script = { name: lab.name, dir: tmp, file: lab.name };
      real.set(
        lab.name,
        jobs(() => runReal(script)),
      );
      if (selfCheck)
        realAgain.set(
          lab.name,
          jobs(() => runReal(script)),
        );
    }
  });
  afterAll(async () => {
    await Promise.allSettled([...real.values(), ...realAgain.values()]);
    rmSync(tmp, { recursive: true, force: true });
  });

  // podpath sides one at a time in this process (they share module state); real sides run meanwhile.
  const inProcess = pool(1);
  for (const lab of labs) {
    it(
      lab.name,
      async () => {
        const other = selfCheck
          ? realAgain.get(lab.name)!.then((out) => ({ out, doc: null }))
          : inProcess(() => runPodpath(lab));
        const realOut = await real.get(lab.name)!;
        const { out, doc } = await other;
        const side = selfCheck ? 'real-again' : 'podpath';
        const r = parseRun(realOut.stdout);
        const p = parseRun(out.stdout);
        const realDelta = deltas(r.before, r.after);
        const report = [
          `probe: ${lab.probe}`,
          `real probe status ${r.status}; ${side} probe status ${p.status}`,
          `real probe output:\n${normalize(r.probe)}`,
          `${side} probe output:\n${normalize(p.probe)}`,
          realOut.stderr && `real stderr:\n${realOut.stderr}`,
          out.stderr && `${side} stderr:\n${out.stderr}`,
        ]
          .filter(Boolean)
          .join('\n');
        if (process.env.PODPATH_TRACE_COUNTERS_SHOW === '1') console.log(`${lab.name}\n${render(realDelta)}`);
        expect(realDelta.size, `the probe moved no counter on real Linux\n${report}`).toBeGreaterThan(0);
        expect(p.status, `probe exit status, ${side} vs real\n${report}`).toBe(r.status);
        expect(normalize(out.stderr), `stderr (setup and probe), ${side} vs real\n${report}`).toBe(
          normalize(realOut.stderr),
        );
        expect(render(deltas(p.before, p.after)), `${side} counters vs real counters\n${report}`).toEqual(
          render(realDelta),
        );
        if (!doc) return;
        expect(render(traceCounts(doc)), `trace vs real counters\n${report}`).toEqual(render(realDelta));
        const reported = traceFinalCounters(doc, p.after);
        expect(
          render(reported),
          `counters in the trace's verdicts vs podpath's iptables-save -c\n${report}`,
        ).toEqual(render(pick(p.after, reported)));
      },
      PER_TEST_TIMEOUT_MS,
    );
  }
});
