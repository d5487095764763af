import { describe, expect, it } from 'vitest';
import { World } from '../kernel/world.js';
import { kernelLog, printk } from '../kernel/printk.js';
import { runTool } from './testing.js';

function world(): World {
  const w = new World();
  printk(w, 6, 'xt_recent: Need "+ip", "-ip" or "/"');
  w.clock.advanceTo(1234.5);
  printk(w, 4, 'fw: IN=eth0 OUT=');
  return w;
}
const dmesg = (w: World, ...args: string[]) => runTool(w, ['dmesg', ...args]);

describe('dmesg', () => {
  it.each([
    [[], '[    0.000000] xt_recent: Need "+ip", "-ip" or "/"\n[    1.234500] fw: IN=eth0 OUT=\n'],
    [['-t'], 'xt_recent: Need "+ip", "-ip" or "/"\nfw: IN=eth0 OUT=\n'],
    [['-l', 'warn'], '[    1.234500] fw: IN=eth0 OUT=\n'],
    [['--level=err+'], ''],
    [['-l', '+notice', '-t'], 'xt_recent: Need "+ip", "-ip" or "/"\n'],
    [['-x', '-t'], 'kern  :info  : xt_recent: Need "+ip", "-ip" or "/"\nkern  :warn  : fw: IN=eth0 OUT=\n'],
    [['-r'], '<6>[    0.000000] xt_recent: Need "+ip", "-ip" or "/"\n<4>[    1.234500] fw: IN=eth0 OUT=\n'],
    [['-T', '-l', 'warn'], '[Thu Jan  1 00:00:01 1970] fw: IN=eth0 OUT=\n'],
    [['-d', '-l', 'warn'], '[    1.234500 <    0.000000>] fw: IN=eth0 OUT=\n'],
    [['-u'], ''],
    [['-f', 'user'], ''],
  ])('%j', async (args, out) => {
    expect(await dmesg(world(), ...args)).toEqual({ stdout: out, stderr: '', status: 0 });
  });

  it('-c prints then clears, -C clears silently', async () => {
    const w = world();
    expect((await dmesg(w, '-c')).stdout.split('\n')).toHaveLength(3);
    expect(kernelLog(w).list()).toEqual([]);
    const v = world();
    expect(await dmesg(v, '-C')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(kernelLog(v).list()).toEqual([]);
  });

  it.each([
    [['-l', 'foo'], "dmesg: unknown level 'foo'\n"],
    [['--bogus'], "dmesg: unrecognized option '--bogus'\nTry 'dmesg --help' for more information.\n"],
    [['-l'], "dmesg: option requires an argument -- 'l'\nTry 'dmesg --help' for more information.\n"],
    [['x'], "dmesg: bad usage\nTry 'dmesg --help' for more information.\n"],
    [['-C', '-c'], 'dmesg: mutually exclusive arguments: --clear --read-clear\n'],
    [['--time-format', 'x'], 'dmesg: unknown time format: x\n'],
  ])('%j fails', async (args, err) => {
    expect(await dmesg(world(), ...args)).toEqual({ stdout: '', stderr: err, status: 1 });
  });
});
