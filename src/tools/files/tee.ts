import type { Command, OutStream } from '../process.js';
import { parseOptions } from '../text/input.js';

/** coreutils tee: stdin to stdout and to each FILE (-a appends); a file it cannot open is skipped, status 1. */
export const tee: Command = async (proc) => {
  const parsed = parseOptions(proc, 'tee', 'aip', '', { append: 'a', 'ignore-interrupts': 'i' });
  if (typeof parsed === 'number') return parsed;
  const append = parsed.opts.some((o) => o.name === 'a');
  let status = 0;
  const sinks: OutStream[] = [proc.stdout];
  for (const file of parsed.operands) {
    try {
      sinks.push(proc.openWrite!(file, append));
    } catch (e) {
      proc.stderr.write(`tee: ${file}: ${(e as Error).message}\n`);
      status = 1;
    }
  }
  for (let chunk = await proc.stdin.read(); chunk !== null; chunk = await proc.stdin.read())
    for (const sink of sinks) sink.write(chunk);
  return status;
};
