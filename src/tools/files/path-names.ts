import type { Command } from '../process.js';
import { parseOptions, UsageError, usageFailure } from '../text/input.js';

/** The last component of a path, trailing slashes dropped (`/` stays `/`). */
function baseOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** What is left of a path without its last component (`.` when nothing is). */
function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const dir = trimmed.slice(0, slash).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

/** coreutils basename: NAME [SUFFIX], or -a/-s for several names; -z ends each with NUL. */
export const basename: Command = async (proc) => {
  const args = parseOptions(proc, 'basename', 'az', 's', { multiple: 'a', suffix: 's', zero: 'z' });
  if (typeof args === 'number') return args;
  const suffixOpt = args.opts.filter((o) => o.name === 's').at(-1)?.value;
  const multiple = suffixOpt !== undefined || args.opts.some((o) => o.name === 'a');
  const end = args.opts.some((o) => o.name === 'z') ? '\0' : '\n';
  const names = args.operands;
  if (names.length === 0) return usageFailure(proc, 'basename', new UsageError('basename: missing operand'));
  if (!multiple && names.length > 2)
    return usageFailure(proc, 'basename', new UsageError(`basename: extra operand '${names[2]}'`));
  const suffix = multiple ? (suffixOpt ?? '') : (names[1] ?? '');
  let out = '';
  for (const name of multiple ? names : names.slice(0, 1)) {
    let base = baseOf(name);
    if (suffix !== '' && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    out += base + end;
  }
  proc.stdout.write(out);
  return 0;
};

/** coreutils dirname: each NAME's directory; -z ends each with NUL. */
export const dirname: Command = async (proc) => {
  const args = parseOptions(proc, 'dirname', 'z', '', { zero: 'z' });
  if (typeof args === 'number') return args;
  if (args.operands.length === 0)
    return usageFailure(proc, 'dirname', new UsageError('dirname: missing operand'));
  const end = args.opts.some((o) => o.name === 'z') ? '\0' : '\n';
  proc.stdout.write(args.operands.map((n) => dirOf(n) + end).join(''));
  return 0;
};
