import type { Command } from '../process.js';
import { normalizeCount, parseCountArgs } from './head.js';
import { DIRECTORY, readOperand } from './input.js';

/** coreutils tail -n N / -n +N / -c N / -N (no -f: a lab script's files do not grow). */
export const tail: Command = async (proc) => {
  const raw = normalizeCount(proc.argv);
  const argv = raw.map((a, i) =>
    i > 0 && /^\+\d+$/.test(a) && !/^(-n|-c|--lines|--bytes)$/.test(raw[i - 1]) ? `-n${a}` : a,
  );
  const args = parseCountArgs(proc, 'tail', argv);
  if (typeof args === 'string') {
    proc.stderr.write(`${args}\nTry 'tail --help' for more information.\n`);
    return 1;
  }
  const fromStart = args.count.startsWith('+');
  const n = Number(args.count.replace(/^[+-]/, ''));
  if (!/^[+-]?\d+$/.test(args.count)) {
    proc.stderr.write(`tail: invalid number of ${args.mode === 'n' ? 'lines' : 'bytes'}: '${args.count}'\n`);
    return 1;
  }
  const files = args.files.length ? args.files : ['-'];
  const headers = (files.length > 1 && !args.quiet) || args.verbose;
  let status = 0;
  let first = true;
  for (const file of files) {
    const text = await readOperand(proc, 'tail', file);
    if (text === null) {
      status = 1;
      continue;
    }
    if (headers) proc.stdout.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
    first = false;
    // The open succeeds; the first read fails (EISDIR), after the header.
    if (text === DIRECTORY) {
      proc.stderr.write(`tail: error reading '${file}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (args.mode === 'c') {
      proc.stdout.write(fromStart ? text.slice(Math.max(0, n - 1)) : n === 0 ? '' : text.slice(-n));
      continue;
    }
    const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    proc.stdout.write(
      (fromStart ? lines.slice(Math.max(0, n - 1)) : n === 0 ? [] : lines.slice(-n)).join(''),
    );
  }
  return status;
};
