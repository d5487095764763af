import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

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
  it.each(CASES)('%s', (input, saved, listed) => expectShown(input.split(' '), saved, listed));
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
  it.each(ERRORS)('%s', (input, msg) => expectRefused(input.split(' '), msg));
});
