import type { Command, Proc } from '../process.js';
import { readAll } from '../process.js';
import { posixSource, RegexError } from './regex.js';
import { isDirectoryOperand, splitLines } from './input.js';

const LONG: Record<string, string> = {
  'extended-regexp': 'E',
  'fixed-strings': 'F',
  'basic-regexp': 'G',
  'perl-regexp': 'P',
  'invert-match': 'v',
  'ignore-case': 'i',
  count: 'c',
  'only-matching': 'o',
  'word-regexp': 'w',
  'line-regexp': 'x',
  quiet: 'q',
  silent: 'q',
  'line-number': 'n',
  regexp: 'e',
  file: 'f',
  'with-filename': 'H',
  'no-filename': 'h',
  'files-with-matches': 'l',
  'files-without-match': 'L',
  'no-messages': 's',
  'max-count': 'm',
  'after-context': 'A',
  'before-context': 'B',
  context: 'C',
  recursive: 'r',
  'dereference-recursive': 'R',
  directories: 'd',
};

/** GNU grep: -E -F -v -i -c -o -w -x -q -n -e -H -h -l -m -A -B -C -s -r -R -d; exit 0 match, 1 none, 2 error. */
export const grep: Command = async (proc) => {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const files: string[] = [];
  const values: Record<string, number> = {};
  const argv = proc.argv;
  const fail = (msg: string) => {
    proc.stderr.write(
      `grep: ${msg}\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`,
    );
    return 2;
  };
  /** --directories: what a directory operand is (read: an error, as reading one is). */
  let directories = 'read' as 'read' | 'skip' | 'recurse';
  /** argmatch: the word itself, or the one word it begins; else an error (exit 1, as argmatch_die). */
  const setDirectories = (value: string): boolean => {
    const known = ['read', 'recurse', 'skip'] as const;
    const found = known.filter((k) => k.startsWith(value));
    const exact = known.find((k) => k === value);
    if (exact !== undefined || found.length === 1) {
      directories = exact ?? found[0];
      return true;
    }
    proc.stderr.write(
      `grep: ${found.length > 1 ? 'ambiguous' : 'invalid'} argument '${value}' for '--directories'\n` +
        "Valid arguments are:\n  - 'read'\n  - 'recurse'\n  - 'skip'\n" +
        "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n",
    );
    return false;
  };
  let endOpts = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (endOpts || a === '-' || !a.startsWith('-')) {
      files.push(a);
      continue;
    }
    if (a === '--') {
      endOpts = true;
      continue;
    }
    if (a.startsWith('--')) {
      const [name, v] = a.slice(2).split(/=(.*)/s, 2);
      if (name === 'color' || name === 'colour') continue;
      const short = LONG[name];
      if (!short) return fail(`unrecognized option '${a}'`);
      if ('efmABCd'.includes(short)) {
        const value = v ?? argv[++i];
        if (value === undefined) return fail(`option '--${name}' requires an argument`);
        if (short === 'd') {
          if (!setDirectories(value)) return 1;
        } else if (short === 'e') patterns.push(value);
        else if (short === 'f') {
          const t = proc.readFile(value);
          if (t === null) {
            proc.stderr.write(`grep: ${value}: No such file or directory\n`);
            return 2;
          }
          patterns.push(...splitLines(t));
        } else values[short] = Number(value);
      } else flags.add(short);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ('efmABCd'.includes(c)) {
        const value = a.slice(j + 1) || argv[++i];
        if (value === undefined) return fail(`option requires an argument -- '${c}'`);
        if (c === 'd') {
          if (!setDirectories(value)) return 1;
        } else if (c === 'e') patterns.push(value);
        else if (c === 'f') {
          const t = proc.readFile(value);
          if (t === null) {
            proc.stderr.write(`grep: ${value}: No such file or directory\n`);
            return 2;
          }
          patterns.push(...splitLines(t));
        } else {
          if (!/^\d+$/.test(value)) {
            proc.stderr.write(
              `grep: ${value}: invalid ${c === 'm' ? 'max count' : 'context length argument'}\n`,
            );
            return 2;
          }
          values[c] = Number(value);
        }
        break;
      }
      if (/\d/.test(c)) {
        const m = /^\d+/.exec(a.slice(j))![0];
        values.C = Number(m);
        j += m.length - 1;
        continue;
      }
      if (!'EFGPvicowxqnHhlLsrRaIU'.includes(c)) return fail(`invalid option -- '${c}'`);
      flags.add(c);
    }
  }
  if (patterns.length === 0) {
    if (files.length === 0) return failUsage(proc);
    patterns.push(...files.shift()!.split('\n'));
  }
  const extended = flags.has('E') || flags.has('P');
  let source: string;
  try {
    const parts = patterns.map((p) => {
      let s = flags.has('F') ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : posixSource(p, extended);
      if (flags.has('x')) s = `^(?:${s})$`;
      else if (flags.has('w')) s = `(?<![A-Za-z0-9_])(?:${s})(?![A-Za-z0-9_])`;
      return s;
    });
    source = parts.map((s) => `(?:${s})`).join('|');
    new RegExp(source);
  } catch (e) {
    if (e instanceof RegexError || e instanceof SyntaxError) {
      proc.stderr.write(`grep: ${e instanceof RegexError ? e.message : 'Invalid regular expression'}\n`);
      return 2;
    }
    throw e;
  }
  const ci = flags.has('i') ? 'i' : '';
  const re = new RegExp(source, ci);
  const reAll = new RegExp(source, 'g' + ci);
  const invert = flags.has('v');
  if (flags.has('r') || flags.has('R')) directories = 'recurse';
  const isDirectory = (path: string) => isDirectoryOperand(proc, path);
  // With no operand, -r searches the working directory, naming files without a leading "./".
  const operands = files.length > 0 ? files : directories === 'recurse' ? [''] : ['-'];
  const recursing = directories === 'recurse' && operands.some((f) => f === '' || isDirectory(f));
  const showName = flags.has('H') || (!flags.has('h') && (operands.length > 1 || recursing));
  const max = values.m ?? Infinity;
  const after = values.A ?? values.C ?? 0;
  const before = values.B ?? values.C ?? 0;
  let anyMatch = false;
  let status = 0;
  let out = '';
  for (const file of searched(proc, operands, directories === 'recurse')) {
    let text: string | null;
    if (file === '-') text = await readAll(proc.stdin);
    else if (isDirectory(file)) {
      if (directories === 'skip') continue;
      // Reading a directory fails (EISDIR); grep reports it and goes on as with an empty file.
      if (!flags.has('s')) proc.stderr.write(`grep: ${file}: Is a directory\n`);
      status = 2;
      text = '';
    } else {
      text = proc.readFile(file);
      if (text === null) {
        if (!flags.has('s')) proc.stderr.write(`grep: ${file}: No such file or directory\n`);
        status = 2;
        continue;
      }
    }
    const name = file === '-' ? '(standard input)' : file;
    const lines = splitLines(text);
    let count = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    const prefix = (n: number, sep: string) =>
      (showName ? name + sep : '') + (flags.has('n') ? `${n + 1}${sep}` : '');
    for (let n = 0; n < lines.length; n++) {
      const line = lines[n];
      const matched = re.test(line) !== invert;
      if (!matched) {
        if (pendingAfter > 0 && count <= max) {
          out += prefix(n, '-') + line + '\n';
          lastPrinted = n;
          pendingAfter--;
        }
        continue;
      }
      if (count >= max) break;
      count++;
      anyMatch = true;
      if (flags.has('q')) {
        proc.stdout.write(out);
        return 0;
      }
      if (flags.has('c') || flags.has('l') || flags.has('L')) continue;
      if (before || after) {
        if (lastPrinted >= 0 && n - before > lastPrinted + 1) out += '--\n';
        else if (lastPrinted < 0 && anyMatch && out !== '' && n - before > 0) out += '--\n';
        for (let b = Math.max(lastPrinted + 1, n - before); b < n; b++)
          out += prefix(b, '-') + lines[b] + '\n';
      }
      if (flags.has('o')) {
        if (!invert)
          for (const m of line.matchAll(reAll)) if (m[0] !== '') out += prefix(n, ':') + m[0] + '\n';
      } else out += prefix(n, ':') + line + '\n';
      lastPrinted = n;
      pendingAfter = after;
    }
    if (flags.has('c')) out += (showName ? name + ':' : '') + count + '\n';
    if (flags.has('l') && count > 0) out += name + '\n';
    if (flags.has('L') && count === 0) out += name + '\n';
  }
  proc.stdout.write(out);
  if (status === 2 && !(flags.has('q') && anyMatch)) return 2;
  return anyMatch ? 0 : 1;
};

/**
 * The files to search: each operand, a directory's files and those below
 * it when recursing (sorted by name: a real grep takes readdir's order,
 * which no two file systems share). An empty operand is the working
 * directory, whose files are named without a leading `./`.
 */
function* searched(proc: Proc, operands: readonly string[], recurse: boolean): Generator<string> {
  for (const operand of operands) {
    const entries =
      recurse && operand !== '-' ? (proc.listDir?.(operand === '' ? '.' : operand) ?? null) : null;
    if (entries === null) {
      yield operand;
      continue;
    }
    const dir = operand === '' ? '' : operand.replace(/\/+$/, '') + '/';
    const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) yield* searched(proc, [dir + name], true);
  }
}

function failUsage(proc: { stderr: { write(t: string): void } }): number {
  proc.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
  return 2;
}
