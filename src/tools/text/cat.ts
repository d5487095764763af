import type { Command } from '../process.js';
import { parseArgs, UsageError, usageFailure } from './input.js';

/** coreutils cat: files from the run's file system or the host (read-only), `-` and no operand mean stdin. */
export const cat: Command = async (proc) => {
  let parsed;
  try {
    parsed = parseArgs('cat', proc.argv, 'nbsAeEtTuv', '', {
      number: 'n',
      'number-nonblank': 'b',
      'squeeze-blank': 's',
      'show-all': 'A',
    });
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(proc, 'cat', e);
    throw e;
  }
  const number = parsed.opts.some((o) => o.name === 'n');
  const files = parsed.operands.length ? parsed.operands : ['-'];
  let status = 0;
  let lineNo = 0;
  let atLineStart = true;
  const emit = (text: string) => {
    if (!number) return proc.stdout.write(text);
    let out = '';
    for (const ch of text) {
      if (atLineStart) out += `${String(++lineNo).padStart(6)}\t`;
      out += ch;
      atLineStart = ch === '\n';
    }
    proc.stdout.write(out);
  };
  for (const file of files) {
    // stdin or an endless device (/dev/zero): copied chunk by chunk until its end or SIGPIPE.
    const stream = file === '-' ? proc.stdin : proc.openDevice?.(file);
    if (stream) {
      for (let chunk = await stream.read(); chunk !== null; chunk = await stream.read()) emit(chunk);
      continue;
    }
    const text = proc.readFile(file);
    if (text === null) {
      proc.stderr.write(`cat: ${file}: No such file or directory\n`);
      status = 1;
      continue;
    }
    emit(text);
  }
  return status;
};
