import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-m connlimit` options -> `iptables -S` and the -L match text, as iptables 1.8.9 prints them. */
const CASES: readonly (readonly [string, string, string])[] = [
  ['--connlimit-above 2', '--connlimit-above 2 --connlimit-mask 32 --connlimit-saddr', '#conn src/32 > 2'],
  ['--connlimit-upto 2', '--connlimit-upto 2 --connlimit-mask 32 --connlimit-saddr', '#conn src/32 <= 2'],
  ['! --connlimit-above 2', '--connlimit-upto 2 --connlimit-mask 32 --connlimit-saddr', '#conn src/32 <= 2'],
  ['! --connlimit-upto 2', '--connlimit-above 2 --connlimit-mask 32 --connlimit-saddr', '#conn src/32 > 2'],
  [
    '--connlimit-above 0 --connlimit-mask 24 --connlimit-daddr',
    '--connlimit-above 0 --connlimit-mask 24 --connlimit-daddr',
    '#conn dst/24 > 0',
  ],
  [
    '--connlimit-above 010 --connlimit-mask 0x10',
    '--connlimit-above 8 --connlimit-mask 16 --connlimit-saddr',
    '#conn src/16 > 8',
  ],
  // Not a length: an inet_aton mask; one that is not contiguous ends up as /32.
  [
    '--connlimit-upto 1 --connlimit-mask 255.255.255.0',
    '--connlimit-upto 1 --connlimit-mask 24 --connlimit-saddr',
    '#conn src/24 <= 1',
  ],
  [
    '--connlimit-upto 1 --connlimit-mask 255.0.255.0',
    '--connlimit-upto 1 --connlimit-mask 32 --connlimit-saddr',
    '#conn src/32 <= 1',
  ],
  [
    '--connlimit-upto 1 --connlimit-mask 33',
    '--connlimit-upto 1 --connlimit-mask 32 --connlimit-saddr',
    '#conn src/32 <= 1',
  ],
  [
    '--connlimit-upto 1 --connlimit-mask 0.0.0.0',
    '--connlimit-upto 1 --connlimit-mask 0 --connlimit-saddr',
    '#conn src/0 <= 1',
  ],
];

describe('-m connlimit: -S and -L', () => {
  it.each(CASES)('%s', (input, saved, listed) =>
    expectShown(['-m', 'connlimit', ...input.split(' ')], `-m connlimit ${saved}`, listed),
  );
});

const ERRORS: readonly (readonly [string, string])[] = [
  [
    '--connlimit-above 4294967296',
    'connlimit: bad value for option "--connlimit-above", or out of range (0-4294967295).\n',
  ],
  ['--connlimit-mask 24', 'You must specify "--connlimit-above" or "--connlimit-upto".'],
  [
    '--connlimit-above 1 --connlimit-upto 2',
    'connlimit: option "--connlimit-upto" cannot be used together with "--connlimit-above".\n',
  ],
  [
    '--connlimit-above 1 --connlimit-daddr --connlimit-saddr',
    'connlimit: option "--connlimit-saddr" cannot be used together with "--connlimit-daddr".\n',
  ],
  ['--connlimit-above 1 ! --connlimit-mask 2', 'connlimit: option "--connlimit-mask" cannot be inverted.\n'],
  [
    '--connlimit-above 1 --connlimit-mask 24x',
    'connlimit: bad value for option "--connlimit-mask", neither a valid network mask nor valid CIDR (0-32).\n',
  ],
];

describe('-m connlimit: parameter problems', () => {
  it.each(ERRORS)('%s', (input, msg) => expectRefused(['-m', 'connlimit', ...input.split(' ')], msg));
});
