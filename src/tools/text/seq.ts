import type { Command } from '../process.js';

function decimals(s: string): number {
  const m = /\.(\d+)/.exec(s);
  return m ? m[1].length : 0;
}

/** coreutils seq [-s SEP] [-w] [-f FMT] [FIRST [INCREMENT]] LAST. */
export const seq: Command = async (proc) => {
  let sep = '\n';
  let equalWidth = false;
  let format: string | null = null;
  const nums: string[] = [];
  const argv = proc.argv;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-s') sep = argv[++i] ?? '';
    else if (a.startsWith('-s') && !/^-s\d/.test(a)) sep = a.slice(2);
    else if (a === '-w' || a === '--equal-width') equalWidth = true;
    else if (a === '-f') format = argv[++i] ?? '';
    else if (/^--separator=/.test(a)) sep = a.slice(12);
    else if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(a)) nums.push(a);
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) {
      proc.stderr.write(`seq: invalid option -- '${a[1]}'\nTry 'seq --help' for more information.\n`);
      return 1;
    } else {
      proc.stderr.write(
        `seq: invalid floating point argument: '${a}'\nTry 'seq --help' for more information.\n`,
      );
      return 1;
    }
  }
  if (nums.length === 0) {
    proc.stderr.write("seq: missing operand\nTry 'seq --help' for more information.\n");
    return 1;
  }
  if (nums.length > 3) {
    proc.stderr.write(`seq: extra operand '${nums[3]}'\nTry 'seq --help' for more information.\n`);
    return 1;
  }
  const [first, step, last] =
    nums.length === 1 ? ['1', '1', nums[0]] : nums.length === 2 ? [nums[0], '1', nums[1]] : nums;
  const prec = Math.max(decimals(first), decimals(step));
  const a = Number(first);
  const s = Number(step);
  const b = Number(last);
  if (s === 0) {
    proc.stderr.write(
      `seq: invalid Zero increment value: '${step}'\nTry 'seq --help' for more information.\n`,
    );
    return 1;
  }
  const values: string[] = [];
  for (let i = 0; ; i++) {
    const v = a + i * s;
    if (s > 0 ? v > b + 1e-12 : v < b - 1e-12) break;
    let text = format
      ? format.replace(/%[-+ #0]*\d*(\.\d+)?[gfe]/, (m) =>
          /\.(\d+)/.test(m) ? v.toFixed(Number(/\.(\d+)/.exec(m)![1])) : String(v),
        )
      : v.toFixed(prec);
    if (!format && prec === 0) text = String(Math.round(v));
    values.push(text);
    if (values.length > 10_000_000) break;
  }
  if (equalWidth) {
    const w = Math.max(...values.map((v) => v.length));
    for (let i = 0; i < values.length; i++)
      values[i] = values[i].startsWith('-')
        ? '-' + values[i].slice(1).padStart(w - 1, '0')
        : values[i].padStart(w, '0');
  }
  if (values.length) proc.stdout.write(values.join(sep) + '\n');
  return 0;
};
