import type { Command } from './process.js';
import { readAll } from './process.js';

/** GNU xargs' long options and the short ones they stand for. */
const LONG: Readonly<Record<string, string>> = {
  'max-args': 'n',
  'max-lines': 'L',
  'no-run-if-empty': 'r',
  null: '0',
  verbose: 't',
  delimiter: 'd',
  replace: 'I',
};

class Usage extends Error {}

/** The input cut into items, quotes and backslashes taken as GNU xargs takes them; null on an unmatched quote. */
function items(text: string): { items: string[]; lines: number[] } | { unmatched: 'single' | 'double' } {
  const out: string[] = [];
  // The input line each item ends on (-L counts lines, not items).
  const lines: number[] = [];
  let line = 0;
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return { unmatched: c === "'" ? 'single' : 'double' };
      cur += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) {
        out.push(cur);
        lines.push(line);
      }
      cur = '';
      has = false;
      if (c === '\n') line++;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) {
    out.push(cur);
    lines.push(line);
  }
  return { items: out, lines };
}

/**
 * findutils xargs: runs COMMAND (echo by default) with the items read from
 * stdin: all at once, -n N per run, -L N lines per run, or -I R once per
 * line with R replaced; -0 and -d DELIM take items as they are; -r runs
 * nothing for no input; -t prints each command first. Exit status 123 when
 * a run failed, 127 for a command not found.
 */
export const xargs: Command = async (proc) => {
  let opts;
  try {
    opts = parse(proc.argv);
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    proc.stderr.write(`xargs: ${e.message}\nTry 'xargs --help' for more information.\n`);
    return 1;
  }
  const text = await readAll(proc.stdin);
  let list: string[];
  let lineOf: number[];
  if (opts.delimiter !== null) {
    list = text.split(opts.delimiter);
    // A last item ends at the end of input; a delimiter there ends none.
    if (list[list.length - 1] === '' || (opts.delimiter !== '\0' && list[list.length - 1] === '\n'))
      list.pop();
    if (opts.delimiter !== '\n' && opts.delimiter !== '\0' && list.length > 0)
      list[list.length - 1] = list[list.length - 1].replace(/\n$/, '');
    lineOf = list.map((_, i) => i);
  } else if (opts.replace !== null) {
    // -I: one line per run, leading blanks dropped.
    list = text
      .split('\n')
      .map((l) => l.replace(/^[ \t]+/, ''))
      .filter((l) => l !== '');
    lineOf = list.map((_, i) => i);
  } else {
    const read = items(text);
    if ('unmatched' in read) {
      proc.stderr.write(
        `xargs: unmatched ${read.unmatched} quote; by default quotes are special to xargs unless you use the -0 option\n`,
      );
      return 1;
    }
    list = read.items;
    lineOf = read.lines;
  }
  const command = opts.command.length > 0 ? opts.command : ['echo'];
  const runs: string[][] = [];
  if (opts.replace !== null) {
    for (const item of list) runs.push(command.map((w) => w.split(opts.replace!).join(item)));
  } else if (list.length === 0) {
    if (!opts.noRunIfEmpty) runs.push(command);
  } else if (opts.maxLines !== null) {
    let start = 0;
    while (start < list.length) {
      let end = start;
      while (end < list.length && lineOf[end] < lineOf[start] + opts.maxLines) end++;
      runs.push([...command, ...list.slice(start, end)]);
      start = end;
    }
  } else {
    const per = opts.maxArgs ?? list.length;
    for (let i = 0; i < list.length; i += per) runs.push([...command, ...list.slice(i, i + per)]);
  }
  let status = 0;
  for (const argv of runs) {
    if (opts.verbose) proc.stderr.write(argv.join(' ') + '\n');
    const code = await proc.exec(argv, { quietNotFound: true });
    if (code === 127) {
      proc.stderr.write(`xargs: ${argv[0]}: No such file or directory\n`);
      return 127;
    }
    if (code === 255) {
      proc.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (code > 128) {
      proc.stderr.write(`xargs: ${argv[0]}: terminated by signal ${code - 128}\n`);
      return 125;
    }
    if (code !== 0) status = 123;
  }
  return status;
};

interface Options {
  maxArgs: number | null;
  maxLines: number | null;
  replace: string | null;
  delimiter: string | null;
  noRunIfEmpty: boolean;
  verbose: boolean;
  command: string[];
}

/** Options up to the first operand (the command); throws Usage. */
function parse(argv: readonly string[]): Options {
  const o: Options = {
    maxArgs: null,
    maxLines: null,
    replace: null,
    delimiter: null,
    noRunIfEmpty: false,
    verbose: false,
    command: [],
  };
  const count = (name: string, value: string): number => {
    if (!/^\d+$/.test(value)) throw new Usage(`invalid number "${value}" for -${name} option`);
    const n = Number(value);
    if (n < 1) throw new Usage(`value ${value} for -${name} option should be >= 1`);
    return n;
  };
  const set = (c: string, value: string) => {
    if (c === 'n') {
      o.maxArgs = count('n', value);
      o.maxLines = null;
    } else if (c === 'L') {
      o.maxLines = count('L', value);
      o.maxArgs = null;
    } else if (c === 'I') o.replace = value;
    else if (c === 'd') o.delimiter = value === '\\n' ? '\n' : value === '\\0' ? '\0' : (value[0] ?? '');
  };
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2);
      const short = LONG[name];
      if (short === undefined) throw new Usage(`unrecognized option '${a}'`);
      if ('nLdI'.includes(short)) {
        const v = value ?? argv[++i];
        if (v === undefined) throw new Usage(`option '--${name}' requires an argument`);
        set(short, v);
      } else flag(o, short);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ('nLdI'.includes(c)) {
        const v = a.slice(j + 1) || argv[++i];
        if (v === undefined) throw new Usage(`option requires an argument -- '${c}'`);
        set(c, v);
        break;
      }
      if (!'0rt'.includes(c)) throw new Usage(`invalid option -- '${c}'`);
      flag(o, c);
    }
  }
  o.command = argv.slice(i);
  return o;
}

function flag(o: Options, c: string): void {
  if (c === '0') o.delimiter = '\0';
  else if (c === 'r') o.noRunIfEmpty = true;
  else if (c === 't') o.verbose = true;
}
