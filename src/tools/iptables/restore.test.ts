import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { runTool } from '../testing.js';
import { findCommand } from '../registry.js';
import { splitLine } from './restore.js';

beforeAll(async () => {
  for (const c of ['iptables-save', 'iptables-restore']) await findCommand(c);
});

describe('splitLine', () => {
  it.each([
    ['-A INPUT  -j ACCEPT', ['-A', 'INPUT', '-j', 'ACCEPT']],
    [
      '-A X\t-m comment --comment "a b  c" -j Y',
      ['-A', 'X', '-m', 'comment', '--comment', 'a b  c', '-j', 'Y'],
    ],
    ['--comment ""', ['--comment', '']],
    ['--comment a"b c"d e', ['--comment', 'ab cd', 'e']],
    ['--comment "say \\"hi\\" \\\\ ok"', ['--comment', 'say "hi" \\ ok']],
    ['--comment a\\"b', ['--comment', 'a\\b']],
    ['--comment "trailing \\', ['--comment', 'trailing \\']],
  ])('%s', (line, words) => {
    expect(splitLine(line)).toEqual(words);
  });
});

/** A table with CHAINS user chains, each jumped to from PREROUTING and jumping to a shared leaf. */
function dump(chains: number, last = '-A LEAF -j MARK --set-mark 1'): string {
  const lines = ['*nat', ':PREROUTING ACCEPT [0:0]', ':LEAF - [0:0]'];
  for (let i = 0; i < chains; i++) lines.push(`:C${i} - [0:0]`);
  for (let i = 0; i < chains; i++) lines.push(`-A PREROUTING -d 10.0.${i >> 8}.${i & 255}/32 -j C${i}`);
  for (let i = 0; i < chains; i++) lines.push(`-A C${i} -m comment --comment "chain ${i}" -j LEAF`);
  lines.push(last, 'COMMIT');
  return lines.join('\n') + '\n';
}

const save = async (w: World) => (await runTool(w, ['iptables-save'])).stdout.replace(/^#.*\n/gm, '');

describe('iptables-restore', () => {
  it('replaces a table full of referenced chains with a new one', async () => {
    const w = new World({ seed: 1 });
    expect((await runTool(w, ['iptables-restore'], { stdin: dump(3000) })).status).toBe(0);
    expect((await runTool(w, ['iptables-restore'], { stdin: dump(2) })).status).toBe(0);
    const fresh = new World({ seed: 1 });
    await runTool(fresh, ['iptables-restore'], { stdin: dump(2) });
    expect(await save(w)).toBe(await save(fresh));
    expect(await save(w)).toContain('-A C1 -m comment --comment "chain 1" -j LEAF');
  });

  it('leaves the table as it was when the last rule of a big batch fails at COMMIT', async () => {
    const w = new World({ seed: 1 });
    await runTool(w, ['iptables-restore'], { stdin: dump(10) });
    const before = await save(w);
    // DNAT is refused in POSTROUTING: only the commit-time graph check sees it, through the jump.
    const bad = dump(3000, '-A LEAF -p tcp -j DNAT --to-destination 10.1.1.1:80\n-A POSTROUTING -j LEAF');
    const run = await runTool(w, ['iptables-restore'], { stdin: bad });
    expect(run.status).toBe(4);
    expect(run.stderr).toMatch(/RULE_APPEND failed \(Invalid argument\): rule in chain LEAF/);
    expect(await save(w)).toBe(before);
  });
});
