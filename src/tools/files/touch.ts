import type { Command } from '../process.js';
import { parseOptions, UsageError, usageFailure } from '../text/input.js';

/**
 * coreutils touch: makes each missing file (empty), or with -c only
 * touches those there. The run's files keep no times, so an existing
 * file is left as it is.
 */
export const touch: Command = async (proc) => {
  const parsed = parseOptions(proc, 'touch', 'cam', '', { 'no-create': 'c' });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0)
    return usageFailure(proc, 'touch', new UsageError('touch: missing file operand'));
  const noCreate = parsed.opts.some((o) => o.name === 'c');
  let status = 0;
  for (const file of parsed.operands) {
    if (proc.readFile(file) !== null || proc.listDir?.(file) != null || noCreate) continue;
    try {
      // Opened for appending: made empty when missing, kept whole when there.
      proc.openWrite!(file, true);
    } catch (e) {
      proc.stderr.write(`touch: cannot touch '${file}': ${(e as Error).message}\n`);
      status = 1;
    }
  }
  return status;
};
