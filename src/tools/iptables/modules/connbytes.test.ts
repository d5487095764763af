import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

const bytesBoth = '--connbytes-dir both --connbytes-mode bytes';
const savedBoth = '--connbytes-mode bytes --connbytes-dir both';
const listedBoth = 'connbytes mode bytes connbytes direction both';

/** `--connbytes` argument -> its -S and -L text (measured on iptables 1.8.9). */
const CASES: readonly (readonly [string, string, string])[] = [
  ['--connbytes 10:20', '--connbytes 10:20', 'connbytes 10:20'],
  ['--connbytes 10', '--connbytes 10', 'connbytes 10'],
  ['--connbytes 10:', '--connbytes 10', 'connbytes 10'],
  ['--connbytes :10', '--connbytes 0:10', 'connbytes 0:10'],
  // to = 0 is not printed, so 0:0 lists as `0` (which reads back as 0:max).
  ['--connbytes 0:0', '--connbytes 0', 'connbytes 0'],
  ['! --connbytes 10:20', '! --connbytes 10:20', '! connbytes 10:20'],
  ['! --connbytes 7', '! --connbytes 7', '! connbytes 7'],
  // `!` swaps the bounds: equal bounds stay equal and print without it.
  ['! --connbytes 5:5', '--connbytes 5:5', 'connbytes 5:5'],
  ['--connbytes 0x10:020', '--connbytes 16:16', 'connbytes 16:16'],
  [
    '--connbytes 3:18446744073709551614',
    '--connbytes 3:18446744073709551614',
    'connbytes 3:18446744073709551614',
  ],
];

describe('-m connbytes: -S and -L', () => {
  it.each(CASES)('%s', (input, saved, listed) =>
    expectShown(
      ['-m', 'connbytes', ...input.split(' '), ...bytesBoth.split(' ')],
      `-m connbytes ${saved} ${savedBoth}`,
      `${listed} ${listedBoth}`,
    ),
  );
});

const RANGE = '(0-18446744073709551615)';
const ERRORS: readonly (readonly [string, string])[] = [
  [`--connbytes 20:10 ${bytesBoth}`, '20 should be less than 10'],
  [`! --connbytes 0x10:8 ${bytesBoth}`, '16 should be less than 8'],
  ['--connbytes 10', 'connbytes: option "--connbytes-dir" must be specified\n'],
  ['--connbytes 10 --connbytes-dir both', 'connbytes: option "--connbytes-mode" must be specified\n'],
  [bytesBoth, 'connbytes: option "--connbytes" must be specified\n'],
  ['--connbytes 1 --connbytes-dir Both', "Unknown --connbytes-dir `Both'"],
  ['--connbytes 1 --connbytes-mode pkts', "Unknown --connbytes-mode `pkts'"],
  [
    `--connbytes 1:x ${bytesBoth}`,
    `connbytes: bad value for option "--connbytes" near "x", or out of range ${RANGE}.\n`,
  ],
  [
    `--connbytes -1 ${bytesBoth}`,
    `connbytes: bad value for option "--connbytes" near "-1", or out of range ${RANGE}.\n`,
  ],
  [`--connbytes 1:2:3 ${bytesBoth}`, 'connbytes: Too many components for option "--connbytes" (max: 2)\n'],
  [
    `--connbytes 1-3 ${bytesBoth}`,
    'connbytes: Argument to "--connbytes" has unexpected characters near "-3".\n',
  ],
  ['--connbytes 1 ! --connbytes-dir both', 'connbytes: option "--connbytes-dir" cannot be inverted.\n'],
];

describe('-m connbytes: parameter problems', () => {
  it.each(ERRORS)('%s', (input, msg) => expectRefused(['-m', 'connbytes', ...input.split(' ')], msg));
});
