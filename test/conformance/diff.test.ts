import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unifiedDiff } from './diff.js';

const cases: { name: string; a: string; b: string }[] = [
  { name: 'one changed line', a: 'a\nb\nc\n', b: 'a\nX\nc\n' },
  { name: 'append to empty', a: '', b: 'x\ny\n' },
  { name: 'delete everything', a: 'x\ny\n', b: '' },
  { name: 'missing final newline', a: 'a\nb\n', b: 'a\nb' },
  {
    name: 'two hunks far apart',
    a: Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n') + '\n',
    b:
      Array.from({ length: 30 }, (_, i) => (i === 2 ? 'two' : i === 25 ? 'twenty-five' : `l${i}`)).join(
        '\n',
      ) + '\n',
  },
  { name: 'insert in the middle', a: '1\n2\n3\n4\n5\n6\n7\n8\n', b: '1\n2\n3\n4\nnew\n5\n6\n7\n8\n' },
];

describe('unifiedDiff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\n', 'a\n', ['x', 'y'])).toBe('');
  });

  // GNU diff is the reference for the hunk format.
  it.each(cases)('$name matches diff -u', ({ a, b }) => {
    writeFileSync(join(dir, 'a'), a);
    writeFileSync(join(dir, 'b'), b);
    let expected = '';
    try {
      execFileSync('diff', ['-u', '--label', 'real', '--label', 'podpath', join(dir, 'a'), join(dir, 'b')]);
    } catch (error) {
      expected = String((error as { stdout: Buffer }).stdout);
    }
    expect(unifiedDiff(a, b, ['real', 'podpath'])).toBe(expected);
  });
});
