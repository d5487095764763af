/**
 * One test per lab script (test/conformance/*.sh, examples/*.sh): real
 * Linux and podpath must print the same normalized stdout and stderr and
 * exit with the same status. See README.md in this directory.
 *
 * PODPATH_CONFORMANCE=required  fail (instead of skip) when the real side cannot run
 * PODPATH_CONFORMANCE=off       skip the suite on purpose
 * PODPATH_CONFORMANCE_ONLY=a,b  run only these scripts (npm run conformance -- a b)
 * PODPATH_CONFORMANCE_SELF_CHECK=1  compare real Linux with itself (run twice) to find unstable output
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Comparison } from './harness.js';
import { PODPATH_MAIN, discoverScripts, realSideUnavailable, selectScripts, startSuite } from './harness.js';

const mode = process.env.PODPATH_CONFORMANCE ?? '';
const only = (process.env.PODPATH_CONFORMANCE_ONLY ?? '').split(',').filter(Boolean);
const scripts = selectScripts(discoverScripts(), only);
const unavailable = mode === 'off' ? 'PODPATH_CONFORMANCE=off' : realSideUnavailable();
const PER_TEST_TIMEOUT_MS = 15 * 60_000;

function banner(lines: string[]): string {
  const rule = '!'.repeat(78);
  return ['', rule, ...lines.map((line) => `!! ${line}`), rule, ''].join('\n');
}

describe('conformance: real Linux vs podpath', () => {
  if (unavailable && mode !== 'required') {
    console.warn(
      banner([
        `CONFORMANCE SUITE SKIPPED: ${unavailable}.`,
        `${scripts.length} lab scripts were NOT compared against real Linux.`,
        'Run as root on Linux with iproute2, iputils-ping and util-linux (unshare),',
        'or set PODPATH_CONFORMANCE=required to make this a failure.',
      ]),
    );
    for (const script of scripts) it.skip(script.name, () => {});
    return;
  }
  if (unavailable) {
    for (const script of scripts) {
      it(script.name, () => {
        throw new Error(`PODPATH_CONFORMANCE=required but the real side cannot run: ${unavailable}`);
      });
    }
    return;
  }

  let results = new Map<string, Promise<Comparison>>();
  const done: Comparison[] = [];
  beforeAll(() => {
    // Started, not awaited: each test waits only for its own script.
    const selfCheck = process.env.PODPATH_CONFORMANCE_SELF_CHECK === '1';
    if (selfCheck || existsSync(PODPATH_MAIN)) results = startSuite(scripts, { selfCheck });
  });
  afterAll(() => {
    if (done.length === 0) return;
    const failed = done.filter((c) => !c.ok).map((c) => c.script.name);
    const slowest = [...done].sort((a, b) => b.real.ms - a.real.ms)[0];
    const retried = done.filter((c) => c.realRetried && c.ok).map((c) => c.script.name);
    console.log(
      `conformance: ${done.length - failed.length}/${done.length} scripts match` +
        (failed.length ? `; differing: ${failed.join(' ')}` : '') +
        (retried.length ? `; matched on a second real run (unsteady real side): ${retried.join(' ')}` : '') +
        ` (slowest real side: ${slowest.script.name} ${(slowest.real.ms / 1000).toFixed(1)}s)`,
    );
  });

  for (const script of scripts) {
    it(
      script.name,
      async () => {
        if (!results.has(script.name)) throw new Error(`${PODPATH_MAIN} is missing: run npm run build first`);
        const comparison = await results.get(script.name)!;
        done.push(comparison);
        if (!comparison.ok) throw new Error(comparison.report);
      },
      PER_TEST_TIMEOUT_MS,
    );
  }
});
