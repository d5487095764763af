import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-A INPUT` options -> `iptables -S` and the -L match text, as iptables 1.8.9 prints them. */
const CASES: readonly (readonly [string, string, string])[] = [
  ['-m ttl --ttl-eq 64', '-m ttl --ttl-eq 64', 'TTL match TTL == 64'],
  ['-m ttl ! --ttl-eq 63', '-m ttl ! --ttl-eq 63', 'TTL match TTL != 63'],
  ['-m ttl --ttl-gt 10', '-m ttl --ttl-gt 10', 'TTL match TTL > 10'],
  ['-m ttl --ttl-lt 0x20', '-m ttl --ttl-lt 32', 'TTL match TTL < 32'],
  ['-m ttl --ttl-lt 010', '-m ttl --ttl-lt 8', 'TTL match TTL < 8'],
  ['-m ttl --ttl 7', '-m ttl --ttl-eq 7', 'TTL match TTL == 7'],
  ['-m ttl ! --ttl 5', '-m ttl ! --ttl-eq 5', 'TTL match TTL != 5'],
];

describe('-m ttl: -S and -L', () => {
  it.each(CASES)('%s', async (input, saved, listed) => {
    const w = new World();
    const add = await runTool(w, ['iptables', '-A', 'INPUT', ...input.split(' ')]);
    expect(add).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await runTool(w, ['iptables', '-S', 'INPUT'])).stdout).toContain(`-A INPUT ${saved}\n`);
    const l = (await runTool(w, ['iptables', '-L', 'INPUT', '-n'])).stdout.split('\n')[2];
    expect(l.slice(l.indexOf('0.0.0.0/0            0.0.0.0/0') + 42)).toBe(listed);
  });
});

const ERRORS: readonly (readonly [string, string])[] = [
  ['-m ttl ! --ttl-lt 5', 'ttl: option "--ttl-lt" cannot be inverted.\n'],
  ['-m ttl --ttl-eq 256', 'ttl: bad value for option "--ttl-eq", or out of range (0-255).\n'],
  ['-m ttl --ttl-eq -1', 'ttl: bad value for option "--ttl-eq", or out of range (0-255).\n'],
  ['-m ttl', "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt"],
  ['-m ttl --ttl-eq 5 --ttl-lt 3', 'ttl: option "--ttl-lt" cannot be used together with "--ttl-eq".\n'],
  ['-m ttl --ttl-gt 5 --ttl-lt 3', 'ttl: option "--ttl-lt" cannot be used together with "--ttl-gt".\n'],
  ['-m ttl --ttl-eq 5 --ttl 3', 'ttl: option "--ttl-eq" can only be used once.\n'],
];

describe('-m ttl: parameter problems', () => {
  it.each(ERRORS)('%s', async (input, msg) => {
    const r = await runTool(new World(), ['iptables', '-A', 'INPUT', ...input.split(' ')]);
    expect(r.status).toBe(2);
    expect(r.stderr.startsWith(`iptables v1.8.9 (nf_tables): ${msg}\n`)).toBe(true);
  });
});
