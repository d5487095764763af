import type { Command } from '../process.js';
import { DIRECTORY, parseOptions, readOperand } from './input.js';

interface Counts {
  l: number;
  w: number;
  m: number;
  c: number;
  L: number;
}

function count(text: string): Counts {
  const bytes = Buffer.byteLength(text, 'utf8');
  let maxLine = 0;
  for (const line of text.split('\n')) maxLine = Math.max(maxLine, line.length);
  return {
    l: (text.match(/\n/g) ?? []).length,
    w: (text.match(/[^\s]+/g) ?? []).length,
    m: [...text].length,
    c: bytes,
    L: maxLine,
  };
}

/** coreutils wc: column widths as GNU computes them (7 with stdin or a directory, else the digits of the total size). */
export const wc: Command = async (proc) => {
  const parsed = parseOptions(proc, 'wc', 'lwcmL', '', {
    lines: 'l',
    words: 'w',
    bytes: 'c',
    chars: 'm',
    'max-line-length': 'L',
  });
  if (typeof parsed === 'number') return parsed;
  let cols = (['l', 'w', 'm', 'c', 'L'] as const).filter((c) => parsed.opts.some((o) => o.name === c));
  if (cols.length === 0) cols = ['l', 'w', 'c'];
  const files = parsed.operands.length ? parsed.operands : ['-'];
  const rows: { counts: Counts; name: string | null }[] = [];
  let status = 0;
  let stdin = false;
  for (const file of files) {
    const text = await readOperand(proc, 'wc', file);
    if (text === null) {
      status = 1;
      continue;
    }
    // A directory reads as an error, then counts as empty; like stdin, it is no regular file to size.
    if (text === DIRECTORY) {
      proc.stderr.write(`wc: ${file}: Is a directory\n`);
      status = 1;
    }
    if (file === '-' || text === DIRECTORY) stdin = true;
    rows.push({ counts: count(text === DIRECTORY ? '' : text), name: parsed.operands.length ? file : null });
  }
  const total: Counts = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  for (const r of rows) {
    for (const k of ['l', 'w', 'm', 'c'] as const) total[k] += r.counts[k];
    total.L = Math.max(total.L, r.counts.L);
  }
  let width: number;
  if (cols.length === 1 && files.length === 1) width = 1;
  else if (stdin) width = 7;
  else width = String(total.c).length;
  const line = (c: Counts, name: string | null) =>
    cols.map((k) => String(c[k]).padStart(width)).join(' ') + (name !== null ? ` ${name}` : '') + '\n';
  let out = '';
  for (const r of rows) out += line(r.counts, r.name);
  if (files.length > 1) out += line(total, 'total');
  proc.stdout.write(out);
  return status;
};
