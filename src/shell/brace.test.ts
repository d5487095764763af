import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from './parser.js';
import { braceExpand } from './brace.js';
import type { Word } from './ast.js';

/** The words of `src` brace-expanded, each as its parts' text (quoted parts in brackets). */
function expanded(src: string): string[] {
  const word = new Parser(src).readWord();
  return braceExpand(word).map(show);
}

const show = (w: Word): string =>
  w.parts
    .map((p) =>
      p.type === 'lit'
        ? p.text
        : p.type === 'quoted'
          ? `[${p.text}]`
          : p.type === 'param'
            ? `<$${p.name}>`
            : `<${p.type}>`,
    )
    .join('');

describe('brace expansion', () => {
  it.each([
    ['{a,b}c', ['ac', 'bc']],
    ['x{1..3}', ['x1', 'x2', 'x3']],
    ['{3..1}', ['3', '2', '1']],
    ['{01..03}', ['01', '02', '03']],
    ['{-1..1}', ['-1', '0', '1']],
    ['{1..10..4}', ['1', '5', '9']],
    ['{a..e..2}', ['a', 'c', 'e']],
    ['{c..a}', ['c', 'b', 'a']],
    ['{a..c}{1,2}', ['a1', 'a2', 'b1', 'b2', 'c1', 'c2']],
    ['a{b,c{d,e}}f', ['abf', 'acdf', 'acef']],
    ['{,x}y', ['y', 'xy']],
    ['{a}', ['{a}']],
    ['{}', ['{}']],
    ['{1..}', ['{1..}']],
    ['{a..1}', ['{a..1}']],
    ['{x{a,b}', ['{xa', '{xb']],
    ['"{a,b}"', ['<dq>']],
    ['\\{a,b}', ['[{]a,b}']],
    ['{$x,b}', ['<$x>', 'b']],
    // Textual: `$x` then `1` is `$x1`; a braced `${x}` keeps its name.
    ['{$x,b}1', ['<$x1>', 'b1']],
    ['{${x},b}1', ['<$x>1', 'b1']],
    ["{'a,b',c}", ['[a,b]', 'c']],
  ])('%s', (src, want) => {
    expect(expanded(src)).toEqual(want);
  });

  it('expands a comma list to as many words as it has alternatives, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{0,3}$/), { minLength: 2, maxLength: 5 }), (alts) => {
        expect(expanded(`p{${alts.join(',')}}s`)).toEqual(alts.map((a) => `p${a}s`));
      }),
      { seed: 3, numRuns: 200 },
    );
  });

  it('counts a sequence as seq does: both ends, every step-th number between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: -20, max: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (a, b, step) => {
          const want: string[] = [];
          for (let n = a; a <= b ? n <= b : n >= b; n += a <= b ? step : -step) want.push(String(n));
          expect(expanded(`{${a}..${b}..${step}}`)).toEqual(want);
        },
      ),
      { seed: 4, numRuns: 200 },
    );
  });
});
