import type { Command } from '../process.js';
import { DIRECTORY, parseOptions, readOperand, splitLines } from './input.js';

/** coreutils uniq -c -d -u -i -z -f N -s N -w N [INPUT [OUTPUT]]. */
export const uniq: Command = async (proc) => {
  const parsed = parseOptions(proc, 'uniq', 'cduiz', 'fsw', {
    count: 'c',
    repeated: 'd',
    unique: 'u',
    'ignore-case': 'i',
    'skip-fields': 'f',
    'skip-chars': 's',
    'check-chars': 'w',
  });
  if (typeof parsed === 'number') return parsed;
  const has = (n: string) => parsed.opts.some((o) => o.name === n);
  const val = (n: string) => Number(parsed.opts.filter((o) => o.name === n).pop()?.value ?? 0);
  const [input = '-', output, extra] = parsed.operands;
  if (extra !== undefined) {
    proc.stderr.write(`uniq: extra operand '${extra}'\nTry 'uniq --help' for more information.\n`);
    return 1;
  }
  const text = await readOperand(proc, 'uniq', input);
  if (text === DIRECTORY) proc.stderr.write(`uniq: error reading '${input}'\n`);
  if (text === null || text === DIRECTORY) return 1;
  // OUTPUT, when given, is written instead of stdout (created or truncated).
  let sink = proc.stdout;
  if (output !== undefined && output !== '-') {
    try {
      sink = proc.openWrite!(output);
    } catch (e) {
      proc.stderr.write(`uniq: ${output}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const skipF = val('f');
  const skipS = val('s');
  const width = has('w') ? val('w') : Infinity;
  const key = (line: string) => {
    let k = line;
    if (skipF) k = k.replace(new RegExp(`^(\\s*\\S+){${skipF}}`), '');
    k = k.slice(skipS).slice(0, width);
    return has('i') ? k.toLowerCase() : k;
  };
  // -z: lines end with NUL, not newline.
  const end = has('z') ? '\0' : '\n';
  const lines = splitLines(text, end);
  let out = '';
  for (let i = 0; i < lines.length;) {
    let j = i + 1;
    while (j < lines.length && key(lines[j]) === key(lines[i])) j++;
    const n = j - i;
    const show = has('d') ? n > 1 : has('u') ? n === 1 : true;
    if (show && !(has('d') && has('u')))
      out += (has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + end;
    i = j;
  }
  sink.write(out);
  return 0;
};
