import type { Command } from '../process.js';
import { DIRECTORY, parseOptions, readOperand, splitLines } from './input.js';

type Range = [number, number];

function parseList(list: string): Range[] | null {
  const ranges: Range[] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0' || m[3] === '0') return null;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    ranges.push([lo, hi]);
  }
  return ranges;
}

/** coreutils cut -f/-c/-b with -d, -s, --complement, --output-delimiter. */
export const cut: Command = async (proc) => {
  const parsed = parseOptions(proc, 'cut', 'sn', 'dfcb', {
    delimiter: 'd',
    fields: 'f',
    characters: 'c',
    bytes: 'b',
    'only-delimited': 's',
    complement: 'C',
    'output-delimiter': 'O',
  });
  if (typeof parsed === 'number') return parsed;
  let delim = '\t';
  let mode: 'f' | 'c' | null = null;
  let list = '';
  let onlyDelimited = false;
  let complement = false;
  let outDelim: string | null = null;
  for (const o of parsed.opts) {
    if (o.name === 'd') {
      if ([...(o.value ?? '')].length !== 1) {
        proc.stderr.write(
          "cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n",
        );
        return 1;
      }
      delim = o.value!;
    } else if (o.name === 'f' || o.name === 'c' || o.name === 'b') {
      if (mode) {
        proc.stderr.write(
          "cut: only one type of list may be specified\nTry 'cut --help' for more information.\n",
        );
        return 1;
      }
      mode = o.name === 'f' ? 'f' : 'c';
      list = o.value ?? '';
    } else if (o.name === 's') onlyDelimited = true;
    else if (o.name === 'C') complement = true;
    else if (o.name === 'O') outDelim = o.value ?? '';
  }
  if (!mode) {
    proc.stderr.write(
      "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n",
    );
    return 1;
  }
  const ranges = parseList(list);
  if (!ranges) {
    proc.stderr.write(`cut: invalid field value '${list}'\nTry 'cut --help' for more information.\n`);
    return 1;
  }
  const selected = (i: number) => ranges.some(([lo, hi]) => i >= lo && i <= hi) !== complement;
  const files = parsed.operands.length ? parsed.operands : ['-'];
  let status = 0;
  let out = '';
  for (const file of files) {
    const text = await readOperand(proc, 'cut', file);
    if (text === DIRECTORY) proc.stderr.write(`cut: ${file}: Is a directory\n`);
    if (text === null || text === DIRECTORY) {
      status = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      if (mode === 'c') {
        const chars = [...line];
        out += chars.filter((_, i) => selected(i + 1)).join('') + '\n';
        continue;
      }
      if (!line.includes(delim)) {
        if (!onlyDelimited) out += line + '\n';
        continue;
      }
      const fields = line.split(delim);
      out += fields.filter((_, i) => selected(i + 1)).join(outDelim ?? delim) + '\n';
    }
  }
  proc.stdout.write(out);
  return status;
};
