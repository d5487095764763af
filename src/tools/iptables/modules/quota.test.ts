import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

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
  it.each(CASES)('%s', (input, saved, listed) => expectShown(input.split(' '), saved, listed));
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
  it.each(ERRORS)('%s', (input, msg) => expectRefused(input.split(' '), msg));
});
