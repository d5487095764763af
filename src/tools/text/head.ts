import type { Command, InStream, Proc } from '../process.js';
import { DIRECTORY, readOperand } from './input.js';

/** Rewrites the obsolete `-N` form to `-n N`. */
export function normalizeCount(argv: readonly string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

interface CountArgs {
  mode: 'n' | 'c';
  count: string;
  files: string[];
  quiet: boolean;
  verbose: boolean;
}

export function parseCountArgs(proc: Proc, tool: string, argv: string[]): CountArgs | string {
  const out: CountArgs = { mode: 'n', count: '10', files: [], quiet: false, verbose: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    let m: RegExpExecArray | null;
    if ((m = /^-([nc])(.*)$/.exec(a)) || (m = /^--(lines|bytes)=(.*)$/.exec(a))) {
      out.mode = m[1] === 'bytes' || m[1] === 'c' ? 'c' : 'n';
      out.count = m[2] !== '' ? m[2] : (argv[++i] ?? '');
    } else if (a === '--lines' || a === '--bytes') {
      out.mode = a === '--bytes' ? 'c' : 'n';
      out.count = argv[++i] ?? '';
    } else if (a === '-q' || a === '--quiet' || a === '--silent') out.quiet = true;
    else if (a === '-v' || a === '--verbose') out.verbose = true;
    else if (a === '-f' || a === '-F' || a === '--follow') continue;
    else if (a.startsWith('-') && a !== '-') return `${tool}: invalid option -- '${a.slice(1, 2)}'`;
    else out.files.push(a);
  }
  void proc;
  return out;
}

function lineChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The first `n` lines of a stream, stopping there: an endless producer upstream gets SIGPIPE. */
async function headLines(proc: Proc, input: InStream, n: number): Promise<void> {
  let left = n;
  while (left > 0) {
    const chunk = await input.read();
    if (chunk === null) break;
    let out = '';
    for (const line of lineChunks(chunk)) {
      if (left <= 0) break;
      out += line;
      if (line.endsWith('\n')) left--;
    }
    proc.stdout.write(out);
  }
}

/** The first `n` bytes of a stream (one char per byte), then no further read. */
async function headBytes(proc: Proc, input: InStream, n: number): Promise<void> {
  let left = n;
  while (left > 0) {
    const chunk = await input.read();
    if (chunk === null) break;
    proc.stdout.write(chunk.length > left ? chunk.slice(0, left) : chunk);
    left -= chunk.length;
  }
}

/** coreutils head -n N / -c N / -N, with `==> FILE <==` headers for several files. */
export const head: Command = async (proc) => {
  const args = parseCountArgs(proc, 'head', normalizeCount(proc.argv));
  if (typeof args === 'string') {
    proc.stderr.write(`${args}\nTry 'head --help' for more information.\n`);
    return 1;
  }
  const neg = args.count.startsWith('-');
  const n = Number(neg ? args.count.slice(1) : args.count);
  if (!/^-?\d+$/.test(args.count)) {
    proc.stderr.write(`head: invalid number of ${args.mode === 'n' ? 'lines' : 'bytes'}: '${args.count}'\n`);
    return 1;
  }
  const files = args.files.length ? args.files : ['-'];
  let status = 0;
  const headers = (files.length > 1 && !args.quiet) || args.verbose;
  let first = true;
  for (const file of files) {
    // stdin or an endless device: read only as far as the count goes.
    const stream = neg ? null : file === '-' ? proc.stdin : (proc.openDevice?.(file) ?? null);
    if (stream) {
      if (headers)
        proc.stdout.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
      first = false;
      await (args.mode === 'n' ? headLines(proc, stream, n) : headBytes(proc, stream, n));
      continue;
    }
    const text = await readOperand(proc, 'head', file);
    if (text === null) {
      status = 1;
      continue;
    }
    if (headers) proc.stdout.write(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
    first = false;
    // The open succeeds; the first read fails (EISDIR), after the header.
    if (text === DIRECTORY) {
      proc.stderr.write(`head: error reading '${file}': Is a directory\n`);
      status = 1;
      continue;
    }
    if (args.mode === 'c')
      proc.stdout.write(neg ? text.slice(0, Math.max(0, text.length - n)) : text.slice(0, n));
    else {
      const lines = lineChunks(text);
      proc.stdout.write((neg ? lines.slice(0, Math.max(0, lines.length - n)) : lines.slice(0, n)).join(''));
    }
  }
  return status;
};
