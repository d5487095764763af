import { describe, expect, test } from 'vitest';
import { World } from './world.js';
import { runTool } from '../tools/testing.js';
import { inet6Addrs, isTentative } from './addrconf.js';

async function vethPair() {
  const world = new World({ seed: 7 });
  const ip = async (...args: string[]) => {
    const r = await runTool(world, ['ip', ...args]);
    expect(r.stderr).toBe('');
    return r.stdout;
  };
  await ip('link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
  await ip('link', 'set', 'v0', 'up');
  await ip('link', 'set', 'v1', 'up');
  return { world, ip, v0: world.root.linkByName('v0')! };
}

describe('addrconf', () => {
  test('a running device gets its link-local address, tentative for one to two seconds of DAD', async () => {
    const { world, ip, v0 } = await vethPair();
    const [addr] = inet6Addrs(v0);
    expect(addr.scope).toBe('link');
    expect(addr.dadEnd - world.clock.now).toBeGreaterThanOrEqual(1000);
    expect(addr.dadEnd - world.clock.now).toBeLessThan(2000);
    expect(await ip('-6', 'addr', 'show', 'dev', 'v0')).toMatch(/scope link tentative \n/);
    world.clock.advanceTo(addr.dadEnd - 1);
    expect(isTentative(addr, world.clock.now)).toBe(true);
    world.clock.advanceTo(addr.dadEnd);
    expect(isTentative(addr, world.clock.now)).toBe(false);
    expect(await ip('-6', 'addr', 'show', 'dev', 'v0')).toMatch(/scope link \n/);
  });

  test('DAD puts nothing on the clock: a cluster of pod interfaces leaves it with no event to fire', async () => {
    const { world } = await vethPair();
    expect(world.clock.pending).toBe(0);
  });

  test('lo gets ::1, never tentative; a device taken down loses its addresses', async () => {
    const { world, ip, v0 } = await vethPair();
    await ip('link', 'set', 'lo', 'up');
    const lo = inet6Addrs(world.root.linkByName('lo')!);
    expect(lo.map((a) => [a.text, isTentative(a, world.clock.now)])).toEqual([['::1', false]]);
    await ip('link', 'set', 'v0', 'down');
    expect(inet6Addrs(v0)).toEqual([]);
  });
});
