import type { Command, Proc } from '../process.js';
import { parseOptions, UsageError, usageFailure } from '../text/input.js';

interface RmOptions {
  readonly force: boolean;
  readonly recursive: boolean;
  readonly dirs: boolean;
  readonly verbose: boolean;
}

/**
 * coreutils rm: -f, -r/-R, -d, -v, in the run's file system (a host file
 * is hidden for the rest of the run, never deleted: shell/files.ts). A
 * directory's entries go in name order (a real rm takes readdir's).
 */
export const rm: Command = async (proc) => {
  const parsed = parseOptions(proc, 'rm', 'frRdv', '', {
    force: 'f',
    recursive: 'r',
    dir: 'd',
    verbose: 'v',
  });
  if (typeof parsed === 'number') return parsed;
  const has = (name: string) => parsed.opts.some((o) => o.name === name);
  const opts: RmOptions = {
    force: has('f'),
    recursive: has('r') || has('R'),
    dirs: has('d'),
    verbose: has('v'),
  };
  if (parsed.operands.length === 0) {
    if (opts.force) return 0;
    return usageFailure(proc, 'rm', new UsageError('rm: missing operand'));
  }
  let status = 0;
  for (const path of parsed.operands) if (!removeOne(proc, path, opts)) status = 1;
  return status;
};

function removeOne(proc: Proc, path: string, opts: RmOptions): boolean {
  const entries = proc.listDir?.(path) ?? null;
  const exists = entries !== null || proc.readFile(path) !== null;
  if (!exists && opts.force) return true;
  const fail = (why: string) => {
    proc.stderr.write(`rm: cannot remove '${path}': ${why}\n`);
    return false;
  };
  if (entries === null) {
    try {
      proc.removePath!(path, false);
    } catch (e) {
      return fail((e as Error).message);
    }
    if (opts.verbose) proc.stdout.write(`removed '${path}'\n`);
    return true;
  }
  if (opts.recursive) {
    let ok = true;
    const names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) if (!removeOne(proc, `${path.replace(/\/+$/, '')}/${name}`, opts)) ok = false;
    if (!ok) return false;
  } else if (!opts.dirs) return fail('Is a directory');
  try {
    proc.removePath!(path, true);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (opts.verbose) proc.stdout.write(`removed directory '${path}'\n`);
  return true;
}
