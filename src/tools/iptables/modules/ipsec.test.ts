import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../testing.js';
import { findCommand } from '../../registry.js';
import { expectShown } from '../testing.js';

beforeAll(async () => {
  await findCommand('iptables');
});

/** `-p P -m P` options -> -S and -L text (iptables 1.8.9). */
const CASES: readonly (readonly [string, string, string])[] = [
  ['-p esp -m esp --espspi 5', '-p esp -m esp --espspi 5', 'esp spi:5'],
  ['-p esp -m esp ! --espspi 5:10', '-p esp -m esp ! --espspi 5:10', 'esp spis:!5:10'],
  ['-p esp -m esp --espspi 10:', '-p esp -m esp --espspi 10:4294967295', 'esp spis:10:4294967295'],
  ['-p esp -m esp', '-p esp -m esp', 'esp'],
  ['-p esp --espspi 9', '-p esp -m esp --espspi 9', 'esp spi:9'],
  ['-p ah -m ah ! --ahspi 7', '-p ah -m ah ! --ahspi 7', 'ah spi:!7'],
  ['-p ah -m ah --ahspi 10:5', '-p ah -m ah --ahspi 10:5', 'ah spis:10:5'],
  ['-p ah -m ah', '-p ah -m ah', 'ah '],
];

describe('-m esp, -m ah: -S and -L', () => {
  it.each(CASES)('%s', (input, saved, listed) => expectShown(input.split(' '), saved, listed));

  it.each([
    ['-p esp -m esp --espspi 4294967296', 2],
    ['-m esp --espspi 5', 4],
    ['! -p ah -m ah --ahspi 5', 4],
    ['-p tcp -m ah --ahspi 5', 4],
  ] as const)('%s: exit %d', async (input, status) => {
    expect((await runTool(new World(), ['iptables', '-A', 'INPUT', ...input.split(' ')])).status).toBe(
      status,
    );
  });
});
