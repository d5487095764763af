import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-A OUTPUT` options -> `iptables -S` and the -L match text, as iptables 1.8.9 prints them. */
const CASES: readonly (readonly [string[], string, string])[] = [
  [['-m', 'cpu', '--cpu', '0'], '-m cpu --cpu 0', 'cpu 0'],
  [['-m', 'cpu', '!', '--cpu', '3'], '-m cpu ! --cpu 3', 'cpu ! 3'],
  [['-m', 'cpu', '--cpu', '0x10'], '-m cpu --cpu 16', 'cpu 16'],
  [['-m', 'helper', '--helper', 'ftp'], '-m helper --helper ftp', 'helper match "ftp"'],
  [['-m', 'helper', '!', '--helper', 'sip'], '-m helper ! --helper sip', 'helper match ! "sip"'],
  [['-m', 'helper', '--helper', ''], '-m helper --helper ""', 'helper match ""'],
  [['-m', 'helper', '--helper', 'a b"c'], '-m helper --helper "a b\\"c"', 'helper match "a b"c"'],
  // xt_helper_info.name holds 29 characters.
  [
    ['-m', 'helper', '--helper', 'abcdefghijklmnopqrstuvwxyz0123456789'],
    '-m helper --helper abcdefghijklmnopqrstuvwxyz012',
    'helper match "abcdefghijklmnopqrstuvwxyz012"',
  ],
];

describe('-m cpu, -m helper: -S and -L', () => {
  it.each(CASES)('%j', (input, saved, listed) => expectShown(input, saved, listed, { chain: 'OUTPUT' }));
});

const ERRORS: readonly (readonly [string, string])[] = [
  ['-m cpu', 'cpu: option "--cpu" must be specified\n'],
  ['-m cpu --cpu 4294967296', 'cpu: bad value for option "--cpu", or out of range (0-4294967295).\n'],
  ['-m cpu --cpu 1 --cpu 2', 'cpu: option "--cpu" can only be used once.\n'],
  ['-m helper', 'helper: option "--helper" must be specified\n'],
  ['-m helper --helper a --helper b', 'helper: option "--helper" can only be used once.\n'],
];

describe('-m cpu, -m helper: parameter problems', () => {
  it.each(ERRORS)('%s', (input, msg) => expectRefused(input.split(' '), msg));
});
