import type { Proc } from '../process.js';
import { readAll } from '../process.js';

/** What reading a directory operand gives (EISDIR): each tool says so in words of its own. */
export const DIRECTORY = Symbol('directory');

/** Whether an operand names a directory (`-` is stdin). */
export const isDirectoryOperand = (proc: Proc, file: string): boolean =>
  file !== '-' && (proc.listDir?.(file) ?? null) !== null;

/**
 * A file operand's text (`-` is stdin), DIRECTORY for a directory (nothing
 * printed), or null after printing `TOOL: FILE: No such file or directory`.
 */
export async function readOperand(
  proc: Proc,
  tool: string,
  file: string,
): Promise<string | null | typeof DIRECTORY> {
  if (file === '-') return readAll(proc.stdin);
  if (isDirectoryOperand(proc, file)) return DIRECTORY;
  const text = proc.readFile(file);
  if (text === null) proc.stderr.write(`${tool}: ${file}: No such file or directory\n`);
  return text;
}

/** Lines of a text (ending with `end`); a final line without one still counts. */
export function splitLines(text: string, end = '\n'): string[] {
  if (text === '') return [];
  const lines = text.split(end);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** GNU-style option scanning: short option clusters, `--long[=v]`, `--` and operands anywhere. */
export interface ParsedArgs {
  opts: { name: string; value?: string }[];
  operands: string[];
}

export class UsageError extends Error {}

/**
 * Parses argv by a spec: `withValue` lists short options taking a value
 * (e.g. 'nkt'), `flags` the ones that do not; long options map to short ones.
 */
export function parseArgs(
  tool: string,
  argv: readonly string[],
  flags: string,
  withValue: string,
  long: Record<string, string> = {},
): ParsedArgs {
  const opts: ParsedArgs['opts'] = [];
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2);
      const short = long[name];
      if (short === undefined) throw new UsageError(`${tool}: unrecognized option '${a}'`);
      if (withValue.includes(short) && value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${tool}: option '--${name}' requires an argument`);
        opts.push({ name: short, value: argv[++i] });
      } else opts.push({ name: short, value });
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withValue.includes(c)) {
          let value = a.slice(j + 1);
          if (value === '') {
            if (i + 1 >= argv.length) throw new UsageError(`${tool}: option requires an argument -- '${c}'`);
            value = argv[++i];
          }
          opts.push({ name: c, value });
          break;
        }
        if (flags.includes(c)) opts.push({ name: c });
        else throw new UsageError(`${tool}: invalid option -- '${c}'`);
      }
      continue;
    }
    operands.push(a);
  }
  return { opts, operands };
}

export function usageFailure(proc: Proc, tool: string, error: UsageError, status = 1): number {
  proc.stderr.write(`${error.message}\nTry '${tool} --help' for more information.\n`);
  return status;
}

/**
 * parseArgs on the process's argv, or the exit status once the usage error
 * is reported (usageFailure): `if (typeof parsed === 'number') return parsed`.
 */
export function parseOptions(
  proc: Proc,
  tool: string,
  flags: string,
  withValue: string,
  long: Record<string, string> = {},
  status = 1,
): ParsedArgs | number {
  try {
    return parseArgs(tool, proc.argv, flags, withValue, long);
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(proc, tool, e, status);
    throw e;
  }
}
