import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

const RAW_PREROUTING = { table: 'raw', chain: 'PREROUTING' };

/** `-t raw -A PREROUTING -m rpfilter` flags -> -S and -L text (always in this order). */
const CASES: readonly (readonly [string, string, string])[] = [
  ['', '-m rpfilter', 'rpfilter'],
  ['--invert --loose', '-m rpfilter --loose --invert', 'rpfilter loose invert'],
  [
    '--invert --accept-local --validmark --loose',
    '-m rpfilter --loose --validmark --accept-local --invert',
    'rpfilter loose validmark accept-local invert',
  ],
];

describe('-m rpfilter: -S and -L', () => {
  it.each(CASES)('%s', (flags, saved, listed) =>
    expectShown(['-m', 'rpfilter', ...flags.split(' ').filter(Boolean)], saved, listed, RAW_PREROUTING),
  );
});

describe('-m rpfilter: where it may be used', () => {
  it.each([
    ['raw', 'PREROUTING', 0],
    ['mangle', 'PREROUTING', 0],
    ['raw', 'OUTPUT', 4],
    ['mangle', 'INPUT', 4],
    ['mangle', 'FORWARD', 4],
    ['filter', 'INPUT', 4],
    ['nat', 'PREROUTING', 4],
  ] as const)('-t %s -A %s: exit %d', async (table, chain, status) => {
    const r = await runTool(new World(), ['iptables', '-t', table, '-A', chain, '-m', 'rpfilter']);
    expect(r.status).toBe(status);
    if (status)
      expect(r.stderr).toBe(
        `iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Invalid argument): rule in chain ${chain}\n`,
      );
  });

  it('refuses a raw user chain with rpfilter jumped to from OUTPUT', async () => {
    const w = new World();
    for (const argv of [
      ['-N', 'X'],
      ['-A', 'X', '-m', 'rpfilter'],
      ['-A', 'PREROUTING', '-j', 'X'],
    ])
      expect((await runTool(w, ['iptables', '-t', 'raw', ...argv])).status).toBe(0);
    expect((await runTool(w, ['iptables', '-t', 'raw', '-A', 'OUTPUT', '-j', 'X'])).status).toBe(4);
  });

  it.each([
    ['! --loose', 'rpfilter: option "--loose" cannot be inverted.\n'],
    ['--loose --loose', 'rpfilter: option "--loose" can only be used once.\n'],
  ])('%s', (flags, msg) => expectRefused(['-m', 'rpfilter', ...flags.split(' ')], msg, RAW_PREROUTING));
});
