import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTestScript } from '../../shell/testing.js';
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

  it('flushes a chain declared again, in the same batch or kept by --noflush, and makes it once', async () => {
    const w = new World({ seed: 1 });
    const text = '*filter\n:A - [0:0]\n-A A -j ACCEPT\n:A - [0:0]\n-A A -j DROP\nCOMMIT\n';
    expect((await runTool(w, ['iptables-restore'], { stdin: text })).status).toBe(0);
    expect(await save(w)).toBe(
      '*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:A - [0:0]\n-A A -j DROP\nCOMMIT\n',
    );
    const more = '*filter\n:B - [0:0]\n:A - [0:0]\n-A B -j A\nCOMMIT\n';
    expect((await runTool(w, ['iptables-restore', '--noflush'], { stdin: more })).status).toBe(0);
    expect(await save(w)).toContain(':A - [0:0]\n:B - [0:0]\n-A B -j A\nCOMMIT\n');
  });

  it('leaves the table as it was when the last rule of a big batch fails at COMMIT', async () => {
    const w = new World({ seed: 1 });
    await runTool(w, ['iptables-restore'], { stdin: dump(10) });
    const before = await save(w);
    // DNAT is refused in POSTROUTING: only the commit-time graph check sees it, through the jump.
    const bad = dump(3000, '-A LEAF -p tcp -j DNAT --to-destination 10.1.1.1:80\n-A POSTROUTING -j LEAF');
    const run = await runTool(w, ['iptables-restore'], { stdin: bad });
    expect(run.status).toBe(4);
    // The replay validates after each rule: the jump that brings DNAT to POSTROUTING is blamed (measured).
    expect(run.stderr).toMatch(
      /line 9005: RULE_APPEND failed \(Invalid argument\): rule in chain POSTROUTING\n$/,
    );
    expect(await save(w)).toBe(before);
  });

  it('reads a plain text and one with tabs the same way, line by line and chain by chain', async () => {
    const plain = [
      '*filter',
      ':INPUT DROP [3:120]',
      ':X - [0:0]',
      ':Y  -  [0:0]',
      '-A INPUT -m comment --comment "to x" -j X',
      '-A X -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -j ACCEPT',
      '-A Y -j RETURN',
      'COMMIT',
      '',
    ].join('\n');
    const tabbed = plain.replace(':X - ', ':X\t-\t').replace('-A X -s', '-A X\t-s');
    const results = [];
    for (const text of [plain, tabbed]) {
      const w = new World({ seed: 1 });
      const run = await runTool(w, ['iptables-restore', '-c'], { stdin: text });
      results.push({
        status: run.status,
        stderr: run.stderr,
        save: (await runTool(w, ['iptables-save', '-c'])).stdout,
      });
    }
    expect(results[0].status).toBe(0);
    expect(results[0].save).toContain(':INPUT DROP [3:120]\n');
    expect(results[0].save).toContain(':X - [0:0]\n:Y - [0:0]\n');
    expect(results[1]).toEqual(results[0]);
  });

  it('reports a bad rule line of a plain text as the general parser does', async () => {
    const text = '*filter\n:X - [0:0]\n-A X -j ACCEPT\n-A X -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n';
    const run = await runTool(new World({ seed: 1 }), ['iptables-restore'], { stdin: text });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/invalid port\/service `99999' specified\nError occurred at line: 4\n/);
  });
});

describe('iptables-restore progress', () => {
  beforeAll(async () => {
    await findCommand('iptables-restore');
  });

  it('reports how far a large input is read, then its end, and prints nothing more', async () => {
    const lines = Array.from(
      { length: 40_000 },
      (_, i) => `-A INPUT -s 10.${i >> 16}.${(i >> 8) & 255}.${i & 255}/32 -j ACCEPT`,
    );
    const input = `*filter\n${lines.join('\n')}\nCOMMIT\n`;
    const reports: [number, number][] = [];
    const r = await runTool(new World({ seed: 1 }), ['iptables-restore'], {
      stdin: input,
      progress: (label, done, total) => {
        expect(label).toBe('iptables-restore');
        reports.push([done, total]);
      },
    });
    expect(r).toEqual({ stdout: '', stderr: '', status: 0 });
    const partial = reports.slice(0, -1);
    expect(partial.length).toBeGreaterThan(0);
    for (const [done, total] of partial) expect(done).toBeLessThan(total);
    expect(partial.map(([d]) => d)).toEqual([...partial.map(([d]) => d)].sort((a, b) => a - b));
    const [done, total] = reports[reports.length - 1];
    expect(done).toBeGreaterThanOrEqual(total);
  });
});

describe('iptables-restore < FILE (the file handed over as bytes)', () => {
  /** What `iptables-restore OPTS < FILE; iptables-save` prints, the same as with the text on stdin as a string. */
  async function fromFile(text: string, opts: string[] = []): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'podpath-restore-'));
    try {
      writeFileSync(join(dir, 'rules'), text);
      const script = `iptables-restore ${opts.join(' ')} < ${join(dir, 'rules')}\necho "status $?"\niptables-save`;
      const onDisk = await runTestScript(script);
      const w = new World();
      const inline = await runTool(w, ['iptables-restore', ...opts], { stdin: text });
      const expected = `${inline.stdout}status ${inline.status}\n${(await runTool(w, ['iptables-save'])).stdout}`;
      const strip = (t: string) => t.replace(/^#.*\n/gm, '');
      expect(strip(onDisk.stdout)).toBe(strip(expected));
      expect(onDisk.stderr).toBe(inline.stderr);
      return onDisk.stdout;
    } finally {
      rmSync(dir, { recursive: true });
    }
  }

  it.each([
    ['a plain text', dump(5)],
    ['a tab (the general path)', '*filter\n:X - [0:0]\n-A X\t-j ACCEPT\nCOMMIT\n'],
    ['UTF-8 (not ASCII)', '*filter\n:X - [0:0]\n-A X -m comment --comment "é" -j ACCEPT\nCOMMIT\n'],
    ['an error on line 4', '*filter\n:X - [0:0]\n-A X -j ACCEPT\n-A Y -j ACCEPT\nCOMMIT\n'],
    ['spaces around lines', '*filter\n  :X - [0:0]  \n -A X -j ACCEPT   \n  # note\nCOMMIT  \n'],
    ['no newline at the end', '*filter\n:X - [0:0]\n-A X -j ACCEPT\nCOMMIT'],
    ['an empty file', ''],
  ])('%s: as from a string', async (_name, text) => {
    expect(await fromFile(text)).toMatch(/status \d/);
  });

  it('reads control characters other than blanks as word characters, as the general path does', async () => {
    // -v sends every line through the general path: the same table either way.
    const text =
      '*filter\n:X\x01 - [0:0]\n-A X\x01 -m comment --comment "a\x7fb\x1f" -j ACCEPT\n-A INPUT -j X\x01\nCOMMIT\n';
    const fast = new World();
    const general = new World();
    expect((await runTool(fast, ['iptables-restore'], { stdin: text })).status).toBe(0);
    expect((await runTool(general, ['iptables-restore', '-v'], { stdin: text })).status).toBe(0);
    expect(await save(fast)).toBe(await save(general));
    expect(await save(fast)).toContain('--comment "a\x7fb\x1f"');
  });

  it('echoes comments with -v as read', async () => {
    const stdout = await fromFile('# first\n*filter\n#second\n:X - [0:0]\nCOMMIT\n', ['-v']);
    expect(stdout).toContain('# first\n');
    expect(stdout).toContain('#second\n');
  });
});
