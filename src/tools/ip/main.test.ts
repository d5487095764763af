import { beforeAll, describe, expect, test } from 'vitest';
import { World } from '../../kernel/world.js';
import { findCommand } from '../registry.js';
import { runTool } from '../testing.js';

beforeAll(async () => void (await findCommand('ip')));

const run = (world: World, line: string) => runTool(world, line.split(' '));

describe('ip argument parsing', () => {
  test.each([
    { line: 'ip foo', err: 'Object "foo" is unknown, try "ip help".\n', status: 1 },
    { line: 'ip -z link', err: 'Option "-z" is unknown, try "ip -help".\n', status: 255 },
    {
      line: 'ip -n nope link',
      err: 'Cannot open network namespace "nope": No such file or directory\n',
      status: 255,
    },
    { line: 'ip link foo', err: 'Command "foo" is unknown, try "ip link help".\n', status: 255 },
    { line: 'ip lin s', err: 'Not enough information: "dev" argument is required.\n', status: 255 },
    {
      line: 'ip link set lo mtu abc',
      err: 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n',
      status: 255,
    },
    {
      line: 'ip link set lo bogus',
      err: 'Error: either "dev" is duplicate, or "bogus" is a garbage.\n',
      status: 255,
    },
    { line: 'ip link show nope', err: 'Device "nope" does not exist.\n', status: 1 },
    {
      line: 'ip addr add bad dev lo',
      err: 'Error: any valid prefix is expected rather than "bad".\n',
      status: 1,
    },
    {
      line: 'ip addr add 10.0.0.1/24',
      err: 'Not enough information: "dev" argument is required.\n',
      status: 1,
    },
    { line: 'ip netns exec', err: 'No netns name specified\n', status: 1 },
  ])('$line', async ({ line, err, status }) => {
    const r = await run(new World(), line);
    expect(r.stderr).toBe(err);
    expect(r.status).toBe(status);
  });

  test.each(['ip a', 'ip addr', 'ip ad show', 'ip l', 'ip li', 'ip link list'])('%s lists', async (line) => {
    const r = await run(new World(), line);
    expect(r.stdout).toMatch(/^1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN /);
    expect(r.status).toBe(0);
  });

  test('-br link columns', async () => {
    const r = await run(new World(), 'ip -br link');
    expect(r.stdout).toBe('lo               DOWN           00:00:00:00:00:00 <LOOPBACK> \n');
  });

  test('veth across namespaces', async () => {
    const w = new World();
    await run(w, 'ip netns add h1');
    await run(w, 'ip netns add r');
    expect((await run(w, 'ip link add eth0 netns h1 type veth peer name r-h1 netns r')).status).toBe(0);
    const r = await run(w, 'ip -n h1 -br link show eth0');
    expect(r.stdout).toMatch(/^eth0@if2 {9}DOWN {11}\S+ <BROADCAST,MULTICAST> \n$/);
  });
});
