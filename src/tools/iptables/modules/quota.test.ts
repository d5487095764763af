import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-A INPUT` options -> `iptables -S` and the -L match text, as iptables 1.8.9 prints them. */
const CASES: readonly (readonly [string, string, string])[] = [
  ['-m quota --quota 100', '-m quota --quota 100', 'quota: 100 bytes'],
  ['-m quota ! --quota 100', '-m quota ! --quota 100', 'quota: 100 bytes'],
  ['-m quota --quota 0x10', '-m quota --quota 16', 'quota: 16 bytes'],
  ['-m quota --quota 010', '-m quota --quota 8', 'quota: 8 bytes'],
  [
    '-m quota --quota 18446744073709551615',
    '-m quota --quota 18446744073709551615',
    'quota: 18446744073709551615 bytes',
  ],
];

describe('-m quota: -S and -L', () => {
  it.each(CASES)('%s', async (input, saved, listed) => {
    const w = new World();
    const add = await runTool(w, ['iptables', '-A', 'INPUT', ...input.split(' ')]);
    expect(add).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await runTool(w, ['iptables', '-S', 'INPUT'])).stdout).toContain(`-A INPUT ${saved}\n`);
    const l = (await runTool(w, ['iptables', '-L', 'INPUT', '-n'])).stdout.split('\n')[2];
    expect(l.slice(l.indexOf('0.0.0.0/0            0.0.0.0/0') + 42)).toBe(listed);
  });
});

const RANGE = '(0-18446744073709551615)';
const ERRORS: readonly (readonly [string, string])[] = [
  ['-m quota', 'quota: option "--quota" must be specified\n'],
  ['-m quota --quota 1 --quota 2', 'quota: option "--quota" can only be used once.\n'],
  ['-m quota --quota -1', `quota: bad value for option "--quota", or out of range ${RANGE}.\n`],
  ['-m quota --quota 5x', `quota: bad value for option "--quota", or out of range ${RANGE}.\n`],
  [
    '-m quota --quota 18446744073709551616',
    `quota: bad value for option "--quota", or out of range ${RANGE}.\n`,
  ],
];

describe('-m quota: parameter problems', () => {
  it.each(ERRORS)('%s', async (input, msg) => {
    const r = await runTool(new World(), ['iptables', '-A', 'INPUT', ...input.split(' ')]);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith(`iptables v1.8.9 (nf_tables): ${msg}\n`)).toBe(true);
  });
});
