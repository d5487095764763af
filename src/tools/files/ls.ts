import type { Command, Proc } from '../process.js';
import { parseOptions } from '../text/input.js';

interface LsOptions {
  /** -a: every entry, `.` and `..` too; -A: every one but those. */
  readonly all: 'no' | 'almost' | 'all';
  readonly directory: boolean;
  readonly reverse: boolean;
  readonly recursive: boolean;
}

/** Byte order, as LC_ALL=C sorts names. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * coreutils ls, as a script sees it (stdout no terminal): one name per
 * line, sorted; -a, -A, -d, -r, -R, -1. Forms that need modes, owners,
 * sizes or times (-l and its kin) or a terminal's columns (-C, -x) are
 * refused: the run's files keep none of those.
 */
export const ls: Command = async (proc) => {
  const parsed = parseOptions(
    proc,
    'ls',
    'aAdrR1lCxFtSsig',
    '',
    {
      all: 'a',
      'almost-all': 'A',
      directory: 'd',
      reverse: 'r',
      recursive: 'R',
    },
    2,
  );
  if (typeof parsed === 'number') return parsed;
  const has = (c: string) => parsed.opts.some((o) => o.name === c);
  const refused = parsed.opts.find((o) => 'lCxFtSsig'.includes(o.name));
  if (refused) {
    proc.stderr.write(
      `podpath: ls -${refused.name} is not emulated (the run's files keep no modes, sizes or times)\n`,
    );
    return 2;
  }
  const opts: LsOptions = {
    all: has('a') ? 'all' : has('A') ? 'almost' : 'no',
    directory: has('d'),
    reverse: has('r'),
    recursive: has('R'),
  };
  const order = (names: string[]) => (opts.reverse ? names.sort(byName).reverse() : names.sort(byName));
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const path of operands) {
    const directory = (proc.listDir?.(path) ?? null) !== null;
    // A trailing slash asks for a directory: a file there is ENOTDIR.
    const why =
      !directory && proc.readFile(path) === null
        ? 'No such file or directory'
        : !directory && path.endsWith('/')
          ? 'Not a directory'
          : null;
    if (why !== null) {
      proc.stderr.write(`ls: cannot access '${path}': ${why}\n`);
      status = 2;
    } else if (directory && !opts.directory) dirs.push(path);
    else files.push(path);
  }
  let out = order(files)
    .map((f) => f + '\n')
    .join('');
  // Directories named on the command line get a header when there is more than one thing to show.
  const headers = opts.recursive || operands.length > 1;
  let first = files.length === 0;
  for (const dir of order(dirs)) {
    out += listDirectory(proc, dir, opts, order, headers, first);
    first = false;
  }
  proc.stdout.write(out);
  return status;
};

function listDirectory(
  proc: Proc,
  dir: string,
  opts: LsOptions,
  order: (names: string[]) => string[],
  header: boolean,
  first: boolean,
): string {
  const entries = proc.listDir?.(dir) ?? [];
  const shown = entries.filter((e) => opts.all !== 'no' || !e.name.startsWith('.'));
  const names = order(shown.map((e) => e.name).concat(opts.all === 'all' ? ['.', '..'] : []));
  let out = (first ? '' : '\n') + (header ? `${dir}:\n` : '') + names.map((n) => n + '\n').join('');
  if (opts.recursive) {
    const base = dir.endsWith('/') ? dir : dir + '/';
    const below = order(shown.filter((e) => e.directory).map((e) => e.name));
    for (const name of below) out += listDirectory(proc, base + name, opts, order, true, false);
  }
  return out;
}
