import type { Command, Proc } from '../process.js';
import { parseOptions, UsageError, usageFailure } from '../text/input.js';

/**
 * coreutils mkdir: -p (parents, an existing directory is no error), -v
 * (says what it made), -m MODE (taken; the run's files have no modes).
 * Directories are made in the run's in-memory file system (shell/files.ts).
 */
export const mkdir: Command = async (proc) => {
  const parsed = parseOptions(proc, 'mkdir', 'pv', 'm', {
    parents: 'p',
    verbose: 'v',
    mode: 'm',
  });
  if (typeof parsed === 'number') return parsed;
  const has = (name: string) => parsed.opts.some((o) => o.name === name);
  const mode = parsed.opts.filter((o) => o.name === 'm').at(-1)?.value;
  if (mode !== undefined && !/^(?:[0-7]{1,4}|[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*)$/.test(mode)) {
    proc.stderr.write(`mkdir: invalid mode '${mode}'\n`);
    return 1;
  }
  if (parsed.operands.length === 0)
    return usageFailure(proc, 'mkdir', new UsageError('mkdir: missing operand'));
  let status = 0;
  for (const dir of parsed.operands) if (!makeOne(proc, dir, has('p'), has('v'))) status = 1;
  return status;
};

/** One operand; with -p its missing ancestors first, each named as the operand spells it. */
function makeOne(proc: Proc, dir: string, parents: boolean, verbose: boolean): boolean {
  const steps: string[] = [];
  if (parents) {
    // Each ancestor as a prefix of the operand (so `a//b/` reports `a` then `a//b/`).
    for (let i = dir.indexOf('/', 1); i > 0; i = dir.indexOf('/', i + 1))
      if (dir[i - 1] !== '/' && /[^/]/.test(dir.slice(i))) steps.push(dir.slice(0, i));
  }
  steps.push(dir);
  for (const path of steps) {
    try {
      proc.makeDirectory!(path);
      if (verbose) proc.stdout.write(`mkdir: created directory '${path}'\n`);
    } catch (e) {
      const message = (e as Error).message;
      // -p: an existing directory is what was asked for; anything else that exists is in the way.
      if (parents && message === 'File exists') {
        if (proc.listDir?.(path) != null) continue;
        if (path !== dir) {
          proc.stderr.write(`mkdir: cannot create directory '${path}': Not a directory\n`);
          return false;
        }
      }
      proc.stderr.write(`mkdir: cannot create directory '${path}': ${message}\n`);
      return false;
    }
  }
  return true;
}
