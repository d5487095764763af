/**
 * Property: a random valid dump passed through `iptables-restore -c` then
 * `iptables-save -c` comes back byte for byte, on the real tools (in a
 * throwaway network namespace) and on podpath, so both agree with each
 * other. The dumps come from the generator the podpath-only round trip
 * uses (test/iptables-dumps.ts), drawn with a fixed seed.
 *
 * The real side runs all dumps from one shell, each in its own
 * `unshare --net`, to stay within a few seconds.
 * Skip/required policy as in conformance.test.ts: skipped loudly unless
 * PODPATH_CONFORMANCE=required, which turns "cannot run" into a failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../src/kernel/world.js';
import { runTool } from '../../src/tools/testing.js';
import { dump } from '../iptables-dumps.js';
import { realSideUnavailable } from './harness.js';

const SEED = 20261123;
const COUNT = 40;
const dumps = fc.sample(dump, { seed: SEED, numRuns: COUNT });

const mode = process.env.PODPATH_CONFORMANCE ?? '';

function unavailableReason(): string | undefined {
  if (mode === 'off') return 'PODPATH_CONFORMANCE=off';
  const base = realSideUnavailable();
  if (base) return base;
  for (const tool of ['iptables-restore', 'iptables-save']) {
    const probe = spawnSync(tool, ['-V'], { stdio: 'ignore', timeout: 10_000 });
    if (probe.status !== 0) return `${tool} is missing or broken`;
  }
  return undefined;
}

/** The comment lines carry the date: they are the only part that may differ. */
const withoutComments = (text: string) => text.replace(/^#.*\n/gm, '');

/** What the real tools print for each dump, in order: restore's status and stderr, then the save. */
interface RealRun {
  status: number;
  stderr: string;
  saved: string;
}

/** Restores then saves every dump in one fresh network namespace. */
function runReal(texts: readonly string[]): RealRun[] {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-restore-diff-'));
  try {
    texts.forEach((t, k) => writeFileSync(join(dir, `${k}.in`), t));
    // A fresh namespace per dump: a restore leaves alone the tables its dump does not name.
    const one = 'iptables-restore -c < $0.in 2> $0.err; echo $? > $0.rc; iptables-save -c > $0.out';
    const script = [
      'cd "$1"',
      `for k in $(seq 0 ${texts.length - 1}); do`,
      `  unshare --net bash -c '${one}' $k || exit 1`,
      'done',
    ].join('\n');
    const run = spawnSync('bash', ['-c', script, 'bash', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      env: { PATH: process.env.PATH, LC_ALL: 'C' },
    });
    if (run.status !== 0) throw new Error(`real side failed (${run.status}): ${String(run.stderr)}`);
    return texts.map((_, k) => ({
      status: Number(readFileSync(join(dir, `${k}.rc`), 'utf8').trim()),
      stderr: readFileSync(join(dir, `${k}.err`), 'utf8'),
      saved: withoutComments(readFileSync(join(dir, `${k}.out`), 'utf8')),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runPodpath(text: string): Promise<RealRun> {
  const world = new World();
  const restored = await runTool(world, ['iptables-restore', '-c'], { stdin: text });
  const saved = await runTool(world, ['iptables-save', '-c']);
  return { status: restored.status, stderr: restored.stderr, saved: withoutComments(saved.stdout) };
}

function banner(lines: string[]): string {
  const rule = '!'.repeat(78);
  return ['', rule, ...lines.map((line) => `!! ${line}`), rule, ''].join('\n');
}

describe('iptables-restore then iptables-save: real tools vs podpath', () => {
  const unavailable = unavailableReason();
  if (unavailable && mode !== 'required') {
    console.warn(
      banner([
        `RESTORE DIFFERENTIAL TEST SKIPPED: ${unavailable}.`,
        `${COUNT} generated rulesets were NOT compared against the real iptables-restore.`,
        'Run as root on Linux with iptables 1.8.9 and unshare, or set PODPATH_CONFORMANCE=required.',
      ]),
    );
    it.skip(`${COUNT} generated rulesets round-trip identically`, () => {});
    return;
  }
  if (unavailable) {
    it(`${COUNT} generated rulesets round-trip identically`, () => {
      throw new Error(`PODPATH_CONFORMANCE=required but the real side cannot run: ${unavailable}`);
    });
    return;
  }

  let real: RealRun[] = [];
  beforeAll(() => {
    real = runReal(dumps);
  }, 60_000);
  afterAll(() => {
    real = [];
  });

  it(`${COUNT} generated rulesets round-trip identically`, async () => {
    for (const [k, text] of dumps.entries()) {
      const pod = await runPodpath(text);
      const label = `ruleset #${k} (seed ${SEED}):\n${text}`;
      expect({ status: real[k].status, stderr: real[k].stderr }, `real restore of ${label}`).toEqual({
        status: 0,
        stderr: '',
      });
      expect(real[k].saved, `real save of ${label}`).toBe(text);
      expect(pod, `podpath on ${label}`).toEqual(real[k]);
    }
  });
});
