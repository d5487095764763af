import type { Command } from '../process.js';
import { parseArgs, UsageError, usageFailure, type ParsedArgs } from '../text/input.js';

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

function parsed(
  tool: string,
  argv: readonly string[],
  flags: string,
  withValue: string,
  long: Record<string, string>,
): ParsedArgs | UsageError {
  try {
    return parseArgs(tool, argv, flags, withValue, long);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
}

/** coreutils basename: NAME [SUFFIX], or -a/-s for several names; -z ends each with NUL. */
export const basename: Command = async (proc) => {
  const args = parsed('basename', proc.argv, 'az', 's', { multiple: 'a', suffix: 's', zero: 'z' });
  if (args instanceof UsageError) return usageFailure(proc, 'basename', args);
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
  const args = parsed('dirname', proc.argv, 'z', '', { zero: 'z' });
  if (args instanceof UsageError) return usageFailure(proc, 'dirname', args);
  if (args.operands.length === 0)
    return usageFailure(proc, 'dirname', new UsageError('dirname: missing operand'));
  const end = args.opts.some((o) => o.name === 'z') ? '\0' : '\n';
  proc.stdout.write(args.operands.map((n) => dirOf(n) + end).join(''));
  return 0;
};
