import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';

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
  it.each(CASES)('%j', async (input, saved, listed) => {
    const w = new World();
    const add = await runTool(w, ['iptables', '-A', 'INPUT', '-p', 'tcp', '-m', 'tcpmss', ...input]);
    expect(add).toEqual({ stdout: '', stderr: '', status: 0 });
    expect((await runTool(w, ['iptables', '-S', 'INPUT'])).stdout).toContain(
      `-A INPUT -p tcp -m tcpmss ${saved}\n`,
    );
    const l = (await runTool(w, ['iptables', '-L', 'INPUT', '-n'])).stdout.split('\n')[2];
    expect(l.slice(l.indexOf('0.0.0.0/0            0.0.0.0/0') + 42)).toBe(listed);
  });
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
  it.each(ERRORS)('%s', async (input, msg) => {
    const r = await runTool(new World(), ['iptables', '-A', 'INPUT', ...input.split(' ')]);
    expect(r.status).toBe(msg.startsWith(' RULE') ? 4 : 2);
    expect(r.stderr.startsWith(`iptables v1.8.9 (nf_tables): ${msg}\n`)).toBe(true);
  });
});
