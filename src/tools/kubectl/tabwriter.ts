/**
 * kubectl's table output: Go's text/tabwriter as printers.GetNewTabWriter
 * configures it (minwidth 6, padding 3, spaces): every cell but the last
 * of a line is padded to its column's widest cell plus 3, at least 6.
 */
const MIN_WIDTH = 6;
const PADDING = 3;

export function tabwrite(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, MIN_WIDTH, cell.length + PADDING);
    });
  return rows
    .map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]) : cell)).join(''))
    .map((line) => `${line}\n`)
    .join('');
}
