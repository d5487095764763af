import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';
import { dump } from '../../../test/iptables-dumps.js';

beforeAll(async () => {
  for (const c of ['iptables-save', 'iptables-restore']) await findCommand(c);
});

describe('iptables-restore then iptables-save', () => {
  it('gives back a canonical dump unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(dump, async (text) => {
        const world = new World();
        const restored = await runTool(world, ['iptables-restore', '-c'], { stdin: text });
        expect(restored.stderr).toBe('');
        expect(restored.status).toBe(0);
        const saved = await runTool(world, ['iptables-save', '-c']);
        expect(saved.stdout.replace(/^#.*\n/gm, '')).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});
