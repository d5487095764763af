/**
 * proc_get_long: optional leading blanks and sign, then strtoul base 0
 * (0x hex, 0 octal); anything but blanks after the number is EINVAL.
 */
function parseLong(text: string): { value: number; rest: string } | null {
  const m = /^[ \t\n]*(-?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(text);
  if (!m) return null;
  const digits = m[2];
  const value = /^0[xX]/.test(digits)
    ? Number.parseInt(digits.slice(2), 16)
    : digits.length > 1 && digits.startsWith('0')
      ? Number.parseInt(digits, 8)
      : Number.parseInt(digits, 10);
  const signed = m[1] ? -value : value;
  if (signed > 0x7fffffff || signed < -0x80000000) return null;
  return { value: signed, rest: text.slice(m[0].length) };
}

/**
 * The text a key reads back after writing `input`, or null for EINVAL.
 * The shape of the current value says what the handler expects: one
 * integer (proc_dointvec), several tab-separated integers, or a string.
 */
export function parseValue(current: string, input: string): string | null {
  const isVector = /^-?\d+(\t-?\d+)+$/.test(current);
  if (!isVector && !/^-?\d+$/.test(current)) return input.replace(/\n$/, '');
  const values: number[] = [];
  let rest = input;
  while (/[^ \t\n]/.test(rest)) {
    if (values.length > 0 && !/^[ \t\n]/.test(rest)) return null;
    const n = parseLong(rest);
    if (!n) return null;
    values.push(n.value);
    rest = n.rest;
  }
  if (values.length === 0) return null;
  const width = isVector ? current.split('\t').length : 1;
  if (values.length > width) return null;
  if (values.length < width) {
    const old = current.split('\t');
    for (let i = values.length; i < width; i++) values.push(Number(old[i]));
  }
  return values.join('\t');
}
