import type { Shell } from './interp.js';

/** `test` / `[` (and `[[`'s unary and numeric operators). */

const INT = /^\s*[+-]?\d+\s*$/;

export function unaryTest(sh: Shell, op: string, arg: string): boolean {
  const files = sh.rt.files;
  const cwd = sh.state.cwd;
  switch (op) {
    case '-z':
      return arg === '';
    case '-n':
      return arg !== '';
    case '-e':
    case '-a':
      return files.exists(arg, cwd, sh.netns);
    case '-f':
    case '-r':
    case '-w':
      return files.exists(arg, cwd, sh.netns) && !files.isDirectory(arg, cwd, sh.netns);
    case '-s':
      return (files.read(arg, cwd, sh.netns) ?? '') !== '';
    case '-d':
      return files.isDirectory(arg, cwd, sh.netns);
    case '-x':
      return files.isDirectory(arg, cwd, sh.netns);
    case '-L':
    case '-h':
    case '-p':
    case '-S':
    case '-b':
    case '-c':
      return false;
    case '-t':
      return false;
    case '-v':
      return sh.param(arg) !== undefined;
    case '-o':
      return false;
  }
  return false;
}

const UNARY = new Set([
  '-z',
  '-n',
  '-e',
  '-a',
  '-f',
  '-r',
  '-w',
  '-s',
  '-d',
  '-x',
  '-L',
  '-h',
  '-p',
  '-S',
  '-b',
  '-c',
  '-t',
  '-v',
  '-o',
  '-g',
  '-u',
  '-k',
  '-G',
  '-O',
  '-N',
]);
const BINARY = new Set([
  '=',
  '==',
  '!=',
  '<',
  '>',
  '-eq',
  '-ne',
  '-lt',
  '-le',
  '-gt',
  '-ge',
  '-nt',
  '-ot',
  '-ef',
]);

/** A binary test; a string is an error message (`integer expression expected`). */
export function binaryTest(sh: Shell, op: string, a: string, b: string): boolean | string {
  void sh;
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
  }
  if (!INT.test(a)) return `${a}: integer expression expected`;
  if (!INT.test(b)) return `${b}: integer expression expected`;
  const x = BigInt(a.trim());
  const y = BigInt(b.trim());
  switch (op) {
    case '-eq':
      return x === y;
    case '-ne':
      return x !== y;
    case '-lt':
      return x < y;
    case '-le':
      return x <= y;
    case '-gt':
      return x > y;
    case '-ge':
      return x >= y;
  }
  return false;
}

class TestError extends Error {}

/** Runs `test ARGS` / `[ ARGS ]`; returns status 0/1, or 2 with an error printed by the caller. */
export function testCommand(sh: Shell, name: string, argv: string[]): { status: number; error?: string } {
  let args = argv;
  if (name === '[') {
    if (args[args.length - 1] !== ']') return { status: 2, error: "[: missing `]'" };
    args = args.slice(0, -1);
  }
  try {
    return { status: evaluate(sh, args) ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: `${name}: ${e.message}` };
    throw e;
  }
}

function evaluate(sh: Shell, args: string[]): boolean {
  // POSIX rules by argument count first, as bash does.
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (UNARY.has(args[0])) return unaryTest(sh, args[0], args[1]);
      throw new TestError(`${args[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(args[1])) return binary(sh, args[1], args[0], args[2]);
      if (args[0] === '!') return !evaluate(sh, args.slice(1));
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      if (args[1] === '-a' || args[1] === '-o') break;
      throw new TestError(`${args[1]}: binary operator expected`);
    case 4:
      if (args[0] === '!') return !evaluate(sh, args.slice(1));
      if (args[0] === '(' && args[3] === ')') return evaluate(sh, args.slice(1, 3));
  }
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (args[i] === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (args[i] === '-a') {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (args[i] === '!') {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    if (args[i] === '(') {
      i++;
      const v = or();
      if (args[i] !== ')') throw new TestError("`)' expected");
      i++;
      return v;
    }
    if (i + 2 < args.length + 1 && BINARY.has(args[i + 1] ?? '')) {
      const v = binary(sh, args[i + 1], args[i], args[i + 2] ?? '');
      i += 3;
      return v;
    }
    if (UNARY.has(args[i]) && i + 1 < args.length) {
      const v = unaryTest(sh, args[i], args[i + 1]);
      i += 2;
      return v;
    }
    if (i >= args.length) throw new TestError('argument expected');
    return args[i++] !== '';
  };
  const v = or();
  if (i < args.length) throw new TestError('too many arguments');
  return v;
}

function binary(sh: Shell, op: string, a: string, b: string): boolean {
  const r = binaryTest(sh, op, a, b);
  if (typeof r === 'string') throw new TestError(r);
  return r;
}
