import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glob, hasGlob, type GlobFs } from './glob.js';
import type { PatternSegment } from './pattern.js';

/** A file system of these paths (relative to the cwd; a name ending in `/` is a directory). */
function treeFs(paths: readonly string[]): GlobFs {
  const dirs = new Set(['.']);
  const files = new Set<string>();
  for (const p of paths) {
    const parts = p.replace(/\/$/, '').split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (p.endsWith('/')) dirs.add(parts.join('/'));
    else files.add(parts.join('/'));
  }
  const norm = (path: string) => path.replace(/\/+$/, '').replace(/^\.\//, '') || '.';
  return {
    list: (path) => {
      const dir = norm(path);
      if (!dirs.has(dir)) return null;
      const prefix = dir === '.' ? '' : dir + '/';
      const entries = new Map<string, boolean>();
      for (const d of dirs)
        if (d !== '.' && d.startsWith(prefix) && !d.slice(prefix.length).includes('/'))
          entries.set(d.slice(prefix.length), true);
      for (const f of files)
        if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
          entries.set(f.slice(prefix.length), false);
      return [...entries].map(([name, directory]) => ({ name, directory }));
    },
    exists: (path) => dirs.has(norm(path)) || files.has(norm(path)),
  };
}

const unquoted = (text: string): PatternSegment[] => [{ text, quoted: false }];

describe('glob', () => {
  const fs = treeFs(['a.txt', 'b.txt', '.hidden', 'sub/c.txt', 'sub/.d', 'sub/deep/e', 'x y', 'B.txt']);

  it.each([
    ['*.txt', ['B.txt', 'a.txt', 'b.txt']],
    ['?.txt', ['B.txt', 'a.txt', 'b.txt']],
    ['[ab].txt', ['a.txt', 'b.txt']],
    ['[!ab].txt', ['B.txt']],
    ['*', ['B.txt', 'a.txt', 'b.txt', 'sub', 'x y']],
    ['.*', ['.hidden']],
    ['*/', ['sub/']],
    ['*/*', ['sub/c.txt', 'sub/deep']],
    ['sub/*/e', ['sub/deep/e']],
    ['./s*', ['./sub']],
    ['nomatch*', []],
    ['sub/*/nomatch', []],
    ['a.txt/*', []],
  ])('%s matches %j', (pattern, want) => {
    expect(glob(unquoted(pattern), fs)).toEqual(want);
  });

  it('matches quoted glob characters literally', () => {
    const star = treeFs(['*', 'a']);
    expect(hasGlob([{ text: '*', quoted: true }])).toBe(false);
    expect(
      glob(
        [
          { text: '*', quoted: true },
          { text: '*', quoted: false },
        ],
        star,
      ),
    ).toEqual(['*']);
  });

  it('takes a bracket without its closing one as a plain character', () => {
    expect(hasGlob(unquoted('[abc'))).toBe(false);
    expect(hasGlob(unquoted('[]'))).toBe(false);
    expect(hasGlob(unquoted('[]]'))).toBe(true);
  });

  // Brute force: every path of the tree, part by part against the pattern's parts.
  const name = fc.constantFrom('a', 'b', 'ab', '.a', 'ba', 'c');
  const tree = fc.uniqueArray(
    fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
    { maxLength: 12 },
  );
  const patternPart = fc
    .array(fc.constantFrom('a', 'b', '*', '?', '.', '[ab]', '[!a]'), { minLength: 1, maxLength: 3 })
    .map((t) => t.join(''))
    // `.` and `..` name the directory itself and its parent, which the brute force does not walk.
    .filter((t) => !/^\.+$/.test(t));
  const pattern = fc.array(patternPart, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'));

  it('finds, sorted, exactly the paths whose parts each match (a dot only by a dot)', () => {
    fc.assert(
      fc.property(tree, pattern, (paths, pat) => {
        // A path is a directory when another lies below it; else a file.
        const all = new Set<string>();
        for (const p of paths) {
          const parts = p.split('/');
          for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('/'));
        }
        const isDir = (p: string) => [...all].some((q) => q.startsWith(p + '/'));
        const fs = treeFs([...all].map((p) => (isDir(p) ? p + '/' : p)));
        const pats = pat.split('/');
        const matchPart = (text: string, part: string) => {
          if (!hasGlob(unquoted(part))) return text === part;
          if (text.startsWith('.') && !part.startsWith('.')) return false;
          const re = part.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.').replace('[!', '[^');
          return new RegExp(`^${re}$`).test(text);
        };
        const want = [...all]
          .filter((p) => {
            const parts = p.split('/');
            return parts.length === pats.length && parts.every((t, i) => matchPart(t, pats[i]));
          })
          .sort();
        expect(glob(unquoted(pat), fs)).toEqual(hasGlob(unquoted(pat)) ? want : []);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
