import { beforeAll, describe, it } from 'vitest';
import { findCommand } from '../../registry.js';
import { expectRefused, expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `--mss` argument -> -S and -L text (iptables 1.8.9). */
const CASES: readonly (readonly [string[], string, string])[] = [
  [['--mss', '100:200'], '--mss 100:200', 'tcpmss match 100:200'],
  [['!', '--mss', '1460'], '! --mss 1460', 'tcpmss match !1460'],
  [['--mss', ':5'], '--mss 0:5', 'tcpmss match 0:5'],
  [['--mss', '5:'], '--mss 5:65535', 'tcpmss match 5:65535'],
  [['--mss', '5:5'], '--mss 5', 'tcpmss match 5'],
  [['--mss', '0x10:020'], '--mss 16', 'tcpmss match 16'],
  [['--mss', ''], '--mss 0', 'tcpmss match 0'],
];

describe('-m tcpmss: -S and -L', () => {
  it.each(CASES)('%j', (input, saved, listed) =>
    expectShown(['-p', 'tcp', '-m', 'tcpmss', ...input], `-p tcp -m tcpmss ${saved}`, listed),
  );
});

const ERRORS: readonly (readonly [string, string])[] = [
  ['-p tcp -m tcpmss --mss 200:100', 'tcpmss: invalid range given'],
  [
    '-p tcp -m tcpmss --mss 65536',
    'tcpmss: bad value for option "--mss" near "65536", or out of range (0-65535).\n',
  ],
  ['-p tcp -m tcpmss', 'tcpmss: option "--mss" must be specified\n'],
  ['-m tcpmss --mss 5', ' RULE_APPEND failed (Invalid argument): rule in chain INPUT'],
  ['! -p tcp -m tcpmss --mss 5', ' RULE_APPEND failed (Invalid argument): rule in chain INPUT'],
];

describe('-m tcpmss: errors', () => {
  it.each(ERRORS)('%s', (input, msg) =>
    expectRefused(input.split(' '), msg, { status: msg.startsWith(' RULE') ? 4 : 2 }),
  );
});
