import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Parser, literal } from './parser.js';
import { ShellSyntaxError } from './lexer.js';
import type { Command, SimpleCommand } from './ast.js';
import { Expander, type ExpandHost } from './expand.js';

const parse = (src: string) => new Parser(src).parseAll();
const first = (src: string): Command => parse(src).items[0].command;

function host(vars: Record<string, string> = {}, positional: string[] = []): ExpandHost {
  return {
    param: (n) => (/^\d+$/.test(n) ? positional[Number(n) - 1] : vars[n]),
    positional: () => positional,
    substitute: async () => '',
    processSubstitute: async () => '/dev/fd/63',
    warn: () => {},
    nounset: false,
    globFs: () => null,
    elements: (n) => (vars[n] === undefined ? undefined : { keys: [0], values: [vars[n]] }),
    get: (n) => vars[n],
    set: (n, v) => void (vars[n] = v),
  };
}

async function fieldsOf(
  src: string,
  vars: Record<string, string> = {},
  positional: string[] = [],
): Promise<string[]> {
  const cmd = first(src) as SimpleCommand;
  return new Expander(host(vars, positional)).fields(cmd.words);
}

/** Quotes a string for the shell with single quotes. */
const singleQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** Quotes a string with double quotes and backslashes. */
const doubleQuote = (s: string) => `"${s.replace(/["\\$`]/g, '\\$&')}"`;

describe('parser', () => {
  it.each([
    ['simple words', 'echo a b', 'simple'],
    ['pipeline', 'a | b | c', 'pipeline'],
    ['and-or', 'a && b || c', 'andor'],
    ['if', 'if a; then b; elif c; then d; else e; fi', 'if'],
    ['for', 'for i in 1 2; do echo $i; done', 'for'],
    ['while', 'while read x; do :; done', 'while'],
    ['case', 'case $x in a|b) echo;; *) ;; esac', 'case'],
    ['function', 'f() { echo; }', 'function'],
    ['subshell', '(echo)', 'subshell'],
    ['arith command', '((i++))', 'arithcmd'],
    ['cond', '[[ -n $x && $y == a* ]]', 'cond'],
  ])('%s', (_name, src, type) => {
    expect(first(src).type).toBe(type);
  });

  it('reads here-doc bodies after the line', () => {
    const cmd = first('cat <<EOF\nhello $x\nEOF\n') as SimpleCommand;
    expect(cmd.redirs[0].heredoc?.quoted).toBe(false);
    expect(JSON.stringify(cmd.redirs[0].heredoc?.body)).toContain('hello ');
  });

  it('keeps assignments apart from words', () => {
    const cmd = first('A=1 B="x y" env') as SimpleCommand;
    expect(cmd.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(literal(cmd.words[0])).toBe('env');
  });

  it.each([
    ['unexpected fi', 'echo a; fi', "syntax error near unexpected token `fi'", 1],
    ['missing done', 'for i in 1; do\necho\n', 'syntax error: unexpected end of file', 3],
    ['redirect without target', 'echo >', "syntax error near unexpected token `newline'", 1],
    ['unterminated quote', "echo 'abc", "unexpected EOF while looking for matching `''", 1],
  ])('syntax error: %s', (_name, src, message, line) => {
    try {
      parse(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ShellSyntaxError);
      expect((e as ShellSyntaxError).message).toBe(message);
      expect((e as ShellSyntaxError).line).toBe(line);
    }
  });
});

describe('expansion', () => {
  it.each([
    ['field splitting', 'echo $x', { x: ' a  b ' }, ['echo', 'a', 'b']],
    ['quoted keeps spaces', 'echo "$x"', { x: ' a  b ' }, ['echo', ' a  b ']],
    ['empty unquoted vanishes', 'echo $none', {}, ['echo']],
    ['empty quoted stays', 'echo "$none"', {}, ['echo', '']],
    ['default', 'echo ${x:-d}', {}, ['echo', 'd']],
    ['trim', 'echo ${p##*/} ${p%.*}', { p: '/a/b.c' }, ['echo', 'b.c', '/a/b']],
    ['replace', 'echo ${p//a/X}', { p: 'banana' }, ['echo', 'bXnXnX']],
    ['length', 'echo ${#p}', { p: 'four' }, ['echo', '4']],
    ['arith', 'echo $((x * 2 + 1))', { x: '20' }, ['echo', '41']],
    ['substring', 'echo ${p:1:2}', { p: 'abcd' }, ['echo', 'bc']],
  ])('%s', async (_name, src, vars, expected) => {
    expect(await fieldsOf(src, vars as Record<string, string>)).toEqual(expected);
  });

  it('"$@" keeps arguments apart', async () => {
    expect(await fieldsOf('f "$@" x"$@"y', {}, ['a b', 'c'])).toEqual(['f', 'a b', 'c', 'xa b', 'cy']);
    expect(await fieldsOf('f "$@"', {}, [])).toEqual(['f']);
  });

  it('single quoting round-trips any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        expect(await fieldsOf(`echo ${singleQuote(s)}`)).toEqual(['echo', s]);
      }),
    );
  });

  it('double quoting round-trips any text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), async (s) => {
        expect(await fieldsOf(`echo ${doubleQuote(s)}`)).toEqual(['echo', s]);
      }),
    );
  });
});
