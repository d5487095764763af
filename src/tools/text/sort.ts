import type { Command } from '../process.js';
import { DIRECTORY, parseOptions, readOperand, splitLines } from './input.js';

interface KeyOpts {
  n: boolean;
  r: boolean;
  f: boolean;
  b: boolean;
  V: boolean;
  h: boolean;
  g: boolean;
  /** -d: only blanks and letters and digits compared. */
  d: boolean;
  /** -i: only printable characters compared. */
  i: boolean;
  /** -M: month names (JAN...DEC; anything else before JAN). */
  M: boolean;
}

const noOpts = (): KeyOpts => ({
  n: false,
  r: false,
  f: false,
  b: false,
  V: false,
  h: false,
  g: false,
  d: false,
  i: false,
  M: false,
});

interface Key {
  startField: number;
  startChar: number;
  endField: number | null;
  endChar: number;
  opts: KeyOpts;
}

const blank = (c: string) => c === ' ' || c === '\t';

/** Field start offsets as GNU sort splits: with -t at the separator, else at blank-to-nonblank runs (blanks stay with the next field). */
function fieldBounds(line: string, sep: string | null): [number, number][] {
  const bounds: [number, number][] = [];
  if (sep !== null) {
    let start = 0;
    for (;;) {
      const i = line.indexOf(sep, start);
      if (i < 0) {
        bounds.push([start, line.length]);
        return bounds;
      }
      bounds.push([start, i]);
      start = i + sep.length;
    }
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && blank(line[i])) i++;
    while (i < line.length && !blank(line[i])) i++;
    bounds.push([start, i]);
  }
  return bounds;
}

function keyText(line: string, key: Key, sep: string | null): string {
  const b = fieldBounds(line, sep);
  const sf = b[key.startField - 1];
  if (!sf) return '';
  let start = sf[0];
  if (key.opts.b) while (start < sf[1] && blank(line[start])) start++;
  start = Math.min(start + key.startChar - 1, line.length);
  let end = line.length;
  if (key.endField !== null) {
    const ef = b[key.endField - 1];
    if (ef) {
      if (key.endChar === 0) end = ef[1];
      else {
        let s = ef[0];
        if (key.opts.b) while (s < ef[1] && blank(line[s])) s++;
        end = Math.min(s + key.endChar, line.length);
      }
    }
  }
  return end > start ? line.slice(start, end) : '';
}

function numeric(s: string): number {
  const m = /^\s*(-?\d*(\.\d+)?)/.exec(s);
  const v = m ? Number(m[1]) : 0;
  return Number.isNaN(v) ? 0 : v;
}

const SUFFIX = 'KMGTPEZY';
function human(s: string): number {
  const m = /^\s*(-?\d*\.?\d*)([KMGTPEZYk]?)/.exec(s);
  if (!m) return 0;
  const n = Number(m[1]) || 0;
  const e = m[2] ? SUFFIX.indexOf(m[2].toUpperCase()) + 1 : 0;
  return n * 1000 ** e;
}

function versionCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny) {
      const d = Number(x) - Number(y);
      if (d) return d;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** A month name's rank after leading blanks (1 to 12, case aside), 0 for anything else. */
const month = (s: string): number =>
  MONTHS.indexOf(
    s
      .replace(/^[ \t]+/, '')
      .slice(0, 3)
      .toUpperCase(),
  ) + 1;

function compareKey(a: string, b: string, o: KeyOpts): number {
  if (o.b) {
    a = a.replace(/^[ \t]+/, '');
    b = b.replace(/^[ \t]+/, '');
  }
  if (o.M) return month(a) - month(b);
  if (o.n) return numeric(a) - numeric(b) || 0;
  if (o.g) return (Number.parseFloat(a) || 0) - (Number.parseFloat(b) || 0);
  if (o.h) return human(a) - human(b);
  if (o.V) return versionCompare(a, b);
  if (o.d) {
    // The C locale's blanks and alphanumerics.
    a = a.replace(/[^ \t0-9A-Za-z]/g, '');
    b = b.replace(/[^ \t0-9A-Za-z]/g, '');
  }
  if (o.i) {
    a = a.replace(/[^ -~]/g, '');
    b = b.replace(/[^ -~]/g, '');
  }
  if (o.f) return cmpStr(a.toUpperCase(), b.toUpperCase());
  return cmpStr(a, b);
}

function parseKey(spec: string, global: KeyOpts): Key | null {
  const m = /^(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*))?$/.exec(spec);
  if (!m || m[1] === '0') return null;
  const own = (m[3] ?? '') + (m[6] ?? '');
  const opts: KeyOpts = own ? noOpts() : { ...global };
  for (const c of own) if (c in opts) (opts as unknown as Record<string, boolean>)[c] = true;
  if (own && global.r && !own.includes('r')) opts.r = false;
  return {
    startField: Number(m[1]),
    startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : null,
    endChar: m[5] ? Number(m[5]) : 0,
    opts,
  };
}

const CHECK_WORDS = ['quiet', 'silent', 'diagnose-first'];

/** --check=WHAT as argmatch reads it: a whole word, or the start of only one. */
function checkArgument(value: string): string | null {
  if (CHECK_WORDS.includes(value)) return value;
  const starts = CHECK_WORDS.filter((w) => value !== '' && w.startsWith(value));
  return starts.length === 1 ? starts[0] : null;
}

/** coreutils sort (C locale byte order): -n -r -k -t -u -f -b -d -i -M -V -h -g -s -c -C -o -S. */
export const sort: Command = async (proc) => {
  const parsed = parseOptions(
    proc,
    'sort',
    'nrufbVhgsMdicC',
    'ktoS',
    {
      'numeric-sort': 'n',
      reverse: 'r',
      unique: 'u',
      'ignore-case': 'f',
      key: 'k',
      'field-separator': 't',
      'version-sort': 'V',
      'human-numeric-sort': 'h',
      'general-numeric-sort': 'g',
      stable: 's',
      output: 'o',
      'ignore-leading-blanks': 'b',
      'dictionary-order': 'd',
      'ignore-nonprinting': 'i',
      'month-sort': 'M',
      'buffer-size': 'S',
      check: 'c',
    },
    2,
  );
  if (typeof parsed === 'number') return parsed;
  const global = noOpts();
  let unique = false;
  let stable = false;
  /** -c: report the first line out of order; -C: only the status. */
  let check: 'no' | 'report' | 'quiet' = 'no';
  let output: string | undefined;
  let sep: string | null = null;
  const keySpecs: string[] = [];
  for (const o of parsed.opts) {
    if (o.name in global) (global as unknown as Record<string, boolean>)[o.name] = true;
    else if (o.name === 'u') unique = true;
    else if (o.name === 's') stable = true;
    else if (o.name === 'c') {
      const how = o.value === undefined ? 'diagnose-first' : checkArgument(o.value);
      if (how === null) {
        proc.stderr.write(
          `sort: invalid argument '${o.value}' for '--check'\nValid arguments are:\n  - 'quiet', 'silent'\n  - 'diagnose-first'\nTry 'sort --help' for more information.\n`,
        );
        return 1;
      }
      check = how === 'diagnose-first' ? 'report' : 'quiet';
    } else if (o.name === 'C') check = 'quiet';
    else if (o.name === 'o') output = o.value;
    else if (o.name === 'S') {
      // The memory sort may use: nothing to do here, but a size it would refuse is refused.
      if (!/^\d+[%bkKMGTPEZY]?$/.test(o.value ?? '')) {
        proc.stderr.write(`sort: invalid -S argument '${o.value ?? ''}'\n`);
        return 2;
      }
    } else if (o.name === 't') {
      if ([...(o.value ?? '')].length !== 1) {
        proc.stderr.write(o.value ? `sort: multi-character tab '${o.value}'\n` : 'sort: empty tab\n');
        return 2;
      }
      sep = o.value!;
    } else if (o.name === 'k') keySpecs.push(o.value ?? '');
  }
  const keys: Key[] = [];
  for (const spec of keySpecs) {
    const k = parseKey(spec, global);
    if (!k) {
      proc.stderr.write(
        `sort: ${spec === '0' || spec.startsWith('0') ? 'field number is zero' : 'invalid number at field start'}: invalid count at start of '${spec}'\n`,
      );
      return 2;
    }
    keys.push(k);
  }
  const files = parsed.operands.length ? parsed.operands : ['-'];
  if (check !== 'no' && files.length > 1) {
    proc.stderr.write(
      `sort: extra operand '${files[1]}' not allowed with -${check === 'report' ? 'c' : 'C'}\n`,
    );
    return 2;
  }
  const lines: string[] = [];
  for (const file of files) {
    const text = await readOperand(proc, 'sort', file);
    if (text === DIRECTORY) proc.stderr.write(`sort: read failed: ${file}: Is a directory\n`);
    if (text === null || text === DIRECTORY) return 2;
    lines.push(...splitLines(text));
  }
  const compareKeys = (a: string, b: string): number => {
    if (keys.length === 0) {
      const c = compareKey(a, b, global);
      return global.r ? -c : c;
    }
    for (const k of keys) {
      const c = compareKey(keyText(a, k, sep), keyText(b, k, sep), k.opts);
      if (c) return k.opts.r ? -c : c;
    }
    return 0;
  };
  const compare = (a: string, b: string): number => {
    const c = compareKeys(a, b);
    if (c || stable || unique) return c;
    const last = cmpStr(a, b);
    return global.r ? -last : last;
  };
  if (check !== 'no') {
    // The first line out of order (or, with -u, equal to the one before).
    for (let i = 1; i < lines.length; i++) {
      const c = unique ? compareKeys(lines[i - 1], lines[i]) : compare(lines[i - 1], lines[i]);
      if (c > 0 || (unique && c === 0)) {
        if (check === 'report') proc.stderr.write(`sort: ${files[0]}:${i + 1}: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }
  lines.sort(compare);
  let out = lines;
  if (unique) out = lines.filter((l, i) => i === 0 || compareKeys(lines[i - 1], l) !== 0);
  // -o FILE: written once every input is read (sort -o f f sorts f in place); `-` is a file's name there.
  let sink = proc.stdout;
  if (output !== undefined) {
    try {
      sink = proc.openWrite!(output);
    } catch (e) {
      proc.stderr.write(`sort: open failed: ${output}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  sink.write(out.map((l) => l + '\n').join(''));
  return 0;
};
