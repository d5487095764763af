import { describe, expect, it } from 'vitest';
import { World } from '../kernel/world.js';
import { runTool } from './testing.js';

describe('timeout', () => {
  it('signals a command still running and exits 124; conntrack -E reports its count', async () => {
    const world = new World();
    const r = await runTool(world, ['timeout', '1', 'conntrack', '-E']);
    expect(r.status).toBe(124);
    expect(r.stderr).toBe('conntrack v1.4.7 (conntrack-tools): 0 flow events have been shown.\n');
    expect(world.clock.now).toBe(1000);
  });

  it("returns the command's status when it ends in time", async () => {
    const r = await runTool(new World(), ['timeout', '5', 'conntrack', '-C']);
    expect([r.status, r.stdout]).toEqual([0, '0\n']);
  });

  it.each([
    [[], 125, "timeout: missing operand\nTry 'timeout --help' for more information.\n"],
    [
      ['x', 'conntrack'],
      125,
      "timeout: invalid time interval 'x'\nTry 'timeout --help' for more information.\n",
    ],
    [['1', 'nosuch'], 127, "timeout: failed to run command 'nosuch': No such file or directory\n"],
  ])('timeout %j fails with %i', async (args, status, stderr) => {
    const r = await runTool(new World(), ['timeout', ...args]);
    expect([r.status, r.stderr]).toEqual([status, stderr]);
  });
});
