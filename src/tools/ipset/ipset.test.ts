import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';

const ipset = (w: World, ...args: string[]) => runTool(w, ['ipset', ...args]);

describe('ipset tool', () => {
  it('lists a set with its header, the kernel memory size and members', async () => {
    const w = new World();
    await ipset(w, 'create', 'a', 'hash:ip', 'initval', '1', 'counters');
    await ipset(w, 'add', 'a', '10.0.0.1');
    const r = await ipset(w, 'list', 'a');
    expect(r.stdout).toBe(
      'Name: a\nType: hash:ip\nRevision: 6\n' +
        'Header: family inet hashsize 1024 maxelem 65536 counters bucketsize 12 initval 0x00000001\n' +
        'Size in memory: 296\nReferences: 0\nNumber of entries: 1\nMembers:\n10.0.0.1 packets 0 bytes 0\n',
    );
  });

  it.each([
    [
      ['create', 'a', 'hash:ip'],
      'ipset v7.17: Set cannot be created: set with the same name already exists\n',
      1,
    ],
    [['add', 'nosuch', '1.1.1.1'], 'ipset v7.17: The set with the given name does not exist\n', 1],
    [
      ['add', 'a', '1.2.3.300'],
      'ipset v7.17: Syntax error: cannot parse 1.2.3.300: resolving to IPv4 address failed\n',
      1,
    ],
    [
      ['add', 'a'],
      "ipset v7.17: Missing second mandatory argument to command add\nTry `ipset help' for more information.\n",
      2,
    ],
    [
      ['add', 'a', '1.1.1.1', 'timeout', '5'],
      'ipset v7.17: Timeout cannot be used: set was created without timeout support\n',
      1,
    ],
    [
      ['foo'],
      "ipset v7.17: No command specified: unknown argument foo\nTry `ipset help' for more information.\n",
      2,
    ],
  ])('fails %j as the real one does', async (args, stderr, status) => {
    const w = new World();
    await ipset(w, 'create', 'a', 'hash:ip');
    const r = await ipset(w, ...args);
    expect([r.stderr, r.status]).toEqual([stderr, status]);
  });

  it('reports a test on stderr, with exit status 1 when not in the set', async () => {
    const w = new World();
    await ipset(w, 'create', 'p', 'hash:ip,port');
    await ipset(w, 'add', 'p', '10.0.0.1,80');
    expect(await ipset(w, 'test', 'p', '10.0.0.1,80')).toMatchObject({
      stderr: 'Warning: 10.0.0.1,tcp:80 is in set p.\n',
      status: 0,
    });
    expect(await ipset(w, 'test', 'p', '10.0.0.1,udp:80')).toMatchObject({
      stderr: '10.0.0.1,udp:80 is NOT in set p.\n',
      status: 1,
    });
  });

  it('restores line by line and names the failing line, keeping what came before', async () => {
    const w = new World();
    const r = await runTool(w, ['ipset', 'restore'], {
      stdin: '# c\ncreate b hash:ip initval 1\nadd b 1.1.1.1\nadd b 1.1.1.1\nadd b 1.1.1.3\n',
    });
    expect([r.stderr, r.status]).toEqual([
      "ipset v7.17: Error in line 4: Element cannot be added to the set: it's already added\n",
      1,
    ]);
    expect((await ipset(w, 'list', 'b')).stdout).toContain('Members:\n1.1.1.1\n');
  });

  it('saves list:set sets last so that a restore finds their members', async () => {
    const w = new World();
    await ipset(w, 'create', 'l', 'list:set');
    await ipset(w, 'create', 'a', 'bitmap:port', 'range', '1-10');
    await ipset(w, 'add', 'l', 'a');
    expect((await ipset(w, 'save')).stdout).toBe(
      'create a bitmap:port range 1-10\ncreate l list:set size 8\nadd l a\n',
    );
  });

  it('refuses to destroy a set a rule refers to', async () => {
    const w = new World();
    await ipset(w, 'create', 'a', 'hash:ip');
    await runTool(w, ['iptables', '-A', 'INPUT', '-m', 'set', '--match-set', 'a', 'src', '-j', 'DROP']);
    expect(await ipset(w, 'destroy', 'a')).toMatchObject({
      stderr: 'ipset v7.17: Set cannot be destroyed: it is in use by a kernel component\n',
      status: 1,
    });
    const r = await runTool(w, ['iptables', '-A', 'INPUT', '-m', 'set', '--match-set', 'b', 'src']);
    expect(r.stderr).toBe(
      "iptables v1.8.9 (nf_tables): Set b doesn't exist.\n\nTry `iptables -h' or 'iptables --help' for more information.\n",
    );
  });
});
