import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';

beforeAll(async () => {
  for (const c of ['iptables', 'iptables-save', 'iptables-restore']) await findCommand(c);
});

const ipt = (w: World, ...args: string[]) => runTool(w, ['iptables', ...args]);
const restore = (w: World, stdin: string, ...args: string[]) =>
  runTool(w, ['iptables-restore', ...args], { stdin });
const line = (target: string, src = '0.0.0.0/0') =>
  `${target}  all opt -- in * out *  ${src}  -> 0.0.0.0/0  \n`;
const BAD_RULE = 'iptables: Bad rule (does a matching rule exist in that chain?).\n';
const flushing = (...chains: string[]) => chains.map((c) => `Flushing chain \`${c}'\n`).join('');

describe('iptables -v prints as it works through the edit (1.8.9, measured)', () => {
  it('-F and -X name each chain; -F -v makes every built-in first, even in a table nothing wrote', async () => {
    const w = new World();
    expect((await ipt(w, '-t', 'nat', '-v', '-F')).stdout).toBe(
      flushing('PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'),
    );
    await ipt(w, '-N', 'b');
    await ipt(w, '-N', 'a');
    expect((await ipt(w, '-v', '-F')).stdout).toBe(flushing('INPUT', 'FORWARD', 'OUTPUT', 'a', 'b'));
    expect((await ipt(w, '-v', '-F', 'a')).stdout).toBe(flushing('a'));
    expect((await ipt(w, '-v', '-X', 'a')).stdout).toBe("Deleting chain `a'\n");
    await ipt(w, '-N', 'c');
    expect((await ipt(w, '-v', '-X')).stdout).toBe("Deleting chain `b'\nDeleting chain `c'\n");
    // The built-ins -F -v made were idle: -X deleted them, so -Z -v has nothing to name.
    expect((await ipt(w, '-t', 'nat', '-v', '-X')).stdout).toBe('');
    expect((await ipt(w, '-t', 'nat', '-v', '-Z')).stdout).toBe('');
  });

  it('prints a rule it inserts, replaces, deletes or checks only once it found where, and one it appends first', async () => {
    const w = new World();
    expect(await ipt(w, '-v', '-I', 'INPUT', '5', '-j', 'DROP')).toEqual({
      stdout: '',
      stderr: 'iptables: Index of insertion too big.\n',
      status: 1,
    });
    expect(await ipt(w, '-v', '-C', 'INPUT', '-j', 'DROP')).toEqual({
      stdout: '',
      stderr: BAD_RULE,
      status: 1,
    });
    expect((await ipt(w, '-v', '-A', 'nosuch', '-j', 'DROP')).stdout).toBe(line('DROP'));
    expect((await ipt(w, '-v', '-I', 'nosuch', '-j', 'DROP')).stdout).toBe('');
    await ipt(w, '-A', 'INPUT', '-s', '1.1.1.1', '-j', 'DROP');
    // The first address is found and printed, the second is not found.
    expect(await ipt(w, '-v', '-D', 'INPUT', '-s', '1.1.1.1,2.2.2.2', '-j', 'DROP')).toEqual({
      stdout: line('DROP', '1.1.1.1'),
      stderr: BAD_RULE,
      status: 1,
    });
    expect((await ipt(w, '-v', '-R', 'INPUT', '1', '-j', 'ACCEPT')).stdout).toBe(line('ACCEPT'));
    expect((await ipt(w, '-v', '-D', 'INPUT', '1')).stdout).toBe('');
  });

  it('-Z -v names the chains the kernel has, never for one rule', async () => {
    const w = new World();
    expect((await ipt(w, '-v', '-Z')).stdout).toBe('');
    expect((await ipt(w, '-v', '-Z', 'INPUT')).stderr).toBe(
      'iptables: No chain/target/match by that name.\n',
    );
    await ipt(w, '-A', 'INPUT', '-j', 'ACCEPT');
    expect((await ipt(w, '-v', '-Z', 'INPUT', '1')).stdout).toBe('');
    expect((await ipt(w, '-v', '-Z')).stdout).toBe("Zeroing chain `INPUT'\n");
  });

  it('-X of every chain in a table nothing wrote is not an error', async () => {
    const w = new World();
    expect(await ipt(w, '-X')).toEqual({ stdout: '', stderr: '', status: 0 });
    expect(w.root.netfilter.exists('filter')).toBe(false);
  });
});

describe('iptables-restore -v', () => {
  const DUMP = '*filter\n:u - [0:0]\n-A INPUT -s 1.2.3.4 -j DROP\n-A u -j ACCEPT\nCOMMIT\n';

  it('flushes each table as -F -v and -X -v, and runs each rule line with -v', async () => {
    const w = new World();
    await restore(w, DUMP);
    expect(await restore(w, `# head\n${DUMP}`, '--verbose')).toEqual({
      stdout:
        '# head\n' +
        flushing('INPUT', 'FORWARD', 'OUTPUT', 'u') +
        "Deleting chain `u'\n" +
        line('DROP', '1.2.3.4') +
        line('ACCEPT'),
      stderr: '',
      status: 0,
    });
    expect((await ipt(w, '-S')).stdout).toBe(
      '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N u\n-A INPUT -s 1.2.3.4/32 -j DROP\n-A u -j ACCEPT\n',
    );
  });

  it('prints only comments with --test, and adds no -v to the lines with --noflush', async () => {
    const w = new World();
    expect((await restore(w, `#c\n${DUMP}`, '-v', '--test')).stdout).toBe('#c\n');
    expect((await restore(w, DUMP, '-v', '--noflush')).stdout).toBe('');
    expect((await restore(w, '*filter\n-A INPUT -v -j ACCEPT\nCOMMIT\n', '--noflush')).stdout).toBe(
      line('ACCEPT'),
    );
  });

  it('prints what the batch did up to a line that fails as it is prepared, nothing for one that fails to parse', async () => {
    const w = new World();
    const missing = await restore(w, '*filter\n-A INPUT -j ACCEPT\n-A INPUT -j NOPE\nCOMMIT\n', '-v');
    expect(missing.stdout).toBe(flushing('INPUT', 'FORWARD', 'OUTPUT') + line('ACCEPT'));
    expect(missing.stderr).toContain('Error occurred at line: 4');
    const bad = await restore(
      w,
      '*filter\n-A INPUT -j ACCEPT\n-D INPUT -s 9.9.9.9 -j ACCEPT\nCOMMIT\n',
      '-v',
    );
    expect(bad.stdout).toBe(flushing('INPUT', 'FORWARD', 'OUTPUT') + line('ACCEPT'));
    expect(bad.stderr).toBe(
      'iptables-restore: line 3 failed: Bad rule (does a matching rule exist in that chain?).\n',
    );
    expect((await restore(w, '*filter\n-A INPUT -j ACCEPT\n-A INPUT -m nosuch\nCOMMIT\n', '-v')).stdout).toBe(
      '',
    );
  });

  it('echoes a comment only when `#` starts the line; an indented one is a word', async () => {
    const w = new World();
    expect(await restore(w, '*filter\n  # x\nCOMMIT\n', '-v')).toEqual({
      stdout: '',
      stderr:
        "Bad argument `#'\nError occurred at line: 2\nTry `iptables-restore -h' or 'iptables-restore --help' for more information.\n",
      status: 2,
    });
    expect((await restore(w, '*filter\nCOMMIT\n# no newline', '-v', '-n')).stdout).toBe('# no newline');
  });

  it('renames only a chain the kernel had when the batch began (iptables names it by handle)', async () => {
    const w = new World();
    expect(await restore(w, '*filter\n-N u\n-E u v\nCOMMIT\n')).toEqual({
      stdout: '',
      stderr:
        'iptables-restore v1.8.9 (nf_tables): \nline 3: CHAIN_RENAME failed (No such file or directory): chain v\n',
      status: 4,
    });
    await ipt(w, '-N', 'u');
    expect((await restore(w, '*filter\n-E u v\nCOMMIT\n', '--noflush')).status).toBe(0);
    expect((await ipt(w, '-S', 'v')).stdout).toBe('-N v\n');
  });
});
