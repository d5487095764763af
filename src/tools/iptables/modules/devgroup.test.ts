import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
  await findCommand('ip');
});

/** `-m devgroup` options -> -S, `-L -n` and `-L` text (iptables 1.8.9: names only without a mask, not with -n). */
const CASES: readonly (readonly [string, string, string, string])[] = [
  ['--src-group 1', '--src-group 0x1', 'src-group 0x1', 'src-group 0x1'],
  ['! --src-group 0x10/0xf0', '! --src-group 0x10/0xf0', '! src-group 0x10/0xf0', '! src-group 0x10/0xf0'],
  ['--src-group 0', '--src-group default', 'src-group 0x0', 'src-group default'],
  [
    '--src-group default ! --dst-group 7',
    '--src-group default ! --dst-group 0x7',
    'src-group 0x0 ! dst-group 0x7',
    'src-group default ! dst-group 0x7',
  ],
  ['--src-group 010', '--src-group 0x8', 'src-group 0x8', 'src-group 0x8'],
  ['--src-group 1/0', '--src-group 0x1/0x0', 'src-group 0x1/0x0', 'src-group 0x1/0x0'],
];

describe('-m devgroup: -S and -L', () => {
  it.each(CASES)('%s', (input, saved, numeric, named) =>
    expectShown(['-m', 'devgroup', ...input.split(' ')], `-m devgroup ${saved}`, numeric, {
      chain: 'FORWARD',
      named,
    }),
  );
});

const ERRORS: readonly (readonly [string, string])[] = [
  [
    '--src-group default/0xff',
    'devgroup: could not map name default/0xff to an integer value for option "--src-group".\n',
  ],
  [
    '--src-group 4294967296',
    'devgroup: could not map name 4294967296 to an integer value for option "--src-group".\n',
  ],
  ['--src-group 1/abc', 'devgroup: bad integer value for option "--src-group", or out of range.\n'],
  ['--src-group 1/2x', 'devgroup: trailing garbage after value for option "--src-group".\n'],
  ['', "devgroup match: You must specify either '--src-group' or '--dst-group'"],
];

describe('-m devgroup: errors', () => {
  it.each(ERRORS)('%s', (input, msg) =>
    expectRefused(['-m', 'devgroup', ...input.split(' ').filter(Boolean)], msg, { chain: 'FORWARD' }),
  );

  it.each([
    ['OUTPUT', '--src-group', 4],
    ['INPUT', '--dst-group', 4],
    ['INPUT', '--src-group', 0],
    ['OUTPUT', '--dst-group', 0],
  ] as const)('-A %s %s: exit %d', async (chain, opt, status) => {
    const r = await runTool(new World(), ['iptables', '-A', chain, '-m', 'devgroup', opt, '1']);
    expect(r.status).toBe(status);
  });
});

describe('ip link set group', () => {
  it('sets the group ip link show prints (0 is default)', async () => {
    const w = new World();
    expect((await runTool(w, ['ip', 'link', 'set', 'dev', 'lo', 'group', '0x10'])).status).toBe(0);
    expect((await runTool(w, ['ip', 'link', 'show', 'dev', 'lo'])).stdout).toContain(' group 16 qlen');
    expect((await runTool(w, ['ip', 'link', 'set', 'dev', 'lo', 'group', 'default'])).status).toBe(0);
    expect((await runTool(w, ['ip', 'link', 'show', 'dev', 'lo'])).stdout).toContain(' group default qlen');
  });

  it.each(['abc', '-1', '4294967295'])('refuses group %s', async (g) => {
    const r = await runTool(new World(), ['ip', 'link', 'set', 'dev', 'lo', 'group', g]);
    expect(r).toEqual({
      stdout: '',
      stderr: `Error: argument "${g}" is wrong: Invalid "group" value\n\n`,
      status: 255,
    });
  });
});
