import { beforeAll, describe, expect, test } from 'vitest';
import { World } from '../../kernel/world.js';
import { findCommand } from '../registry.js';
import { runTool } from '../testing.js';

beforeAll(async () => void (await findCommand('ip')));

const run = (world: World, line: string) => runTool(world, line.split(' '));

describe('ip argument parsing', () => {
  test.each([
    { line: 'ip foo', err: 'Object "foo" is unknown, try "ip help".\n', status: 1 },
    { line: 'ip -j link', err: 'podpath: ip -j (JSON output) is not emulated\n', status: 1 },
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

describe('ip -batch', () => {
  const batch = async (text: string, flags: string[] = []) => {
    const world = new World();
    const veth = 'ip link add d0 type veth peer name d1';
    for (const line of [veth, 'ip link set d0 up', 'ip link set d1 up', 'ip addr add 10.0.0.1/24 dev d0'])
      expect((await run(world, line)).status).toBe(0);
    const r = await runTool(world, ['ip', ...flags, '-batch', '-'], { stdin: text });
    const routes = (await run(world, 'ip route show dev d0')).stdout;
    return { ...r, routes };
  };

  test('runs each line as a command, skipping comments and blank lines, joining continued lines', async () => {
    const r = await batch(
      'route add 10.1.0.0/24 via 10.0.0.2 dev d0\n# comment\n\n' +
        'route add "10.2.0.0/24" via 10.0.0.3 dev d0 # trailing\n  route add 10.3.0.0/16 \\\n via 10.0.0.3 dev d0',
    );
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.routes).toContain('10.1.0.0/24 via 10.0.0.2');
    expect(r.routes).toContain('10.2.0.0/24 via 10.0.0.3');
    expect(r.routes).toContain('10.3.0.0/16 via 10.0.0.3');
  });

  test('stops at the first failed command, naming its line; -force goes on; the status is 1', async () => {
    const text =
      'route add 10.4.0.0/24 via 10.0.0.2 dev d0\nroute add 10.4.0.0/24 via 10.0.0.2 dev d0\nroute add 10.5.0.0/24 via 10.0.0.2 dev d0\n';
    const stopped = await batch(text);
    expect(stopped).toMatchObject({
      status: 1,
      stderr: 'RTNETLINK answers: File exists\nCommand failed -:2\n',
    });
    expect(stopped.routes).not.toContain('10.5.0.0');
    const forced = await batch(text, ['-force']);
    expect(forced.status).toBe(1);
    expect(forced.routes).toContain('10.5.0.0/24');
  });

  test('an error that exits ends the whole batch with its status, without "Command failed"', async () => {
    const incomplete = await batch('route add 10.8.0.0/24 via\nroute add 10.9.0.0/24 via 10.0.0.2 dev d0\n', [
      '-force',
    ]);
    expect(incomplete).toMatchObject({
      status: 255,
      stderr: 'Command line is not complete. Try option "help"\n',
    });
    expect(incomplete.routes).not.toContain('10.9.0.0');
    const bad = await batch('route add 10.10.0.0/24 via foo\n', ['-force']);
    expect(bad).toMatchObject({ status: 1, stderr: 'Error: inet address is expected rather than "foo".\n' });
  });

  test('a missing file or a missing file name', async () => {
    const world = new World();
    expect(await run(world, 'ip -batch /nonexistent/routes')).toMatchObject({
      status: 1,
      stderr: 'Cannot open file "/nonexistent/routes" for reading: No such file or directory\n',
    });
    expect((await run(world, 'ip -batch')).status).toBe(255);
  });
});
