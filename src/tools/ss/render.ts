/**
 * ss's column layout (misc/ss.c, iproute2 6.1) for output that is not a
 * terminal: every field is buffered, each column is as wide as its longest
 * field (plus its left delimiter, except in the first non-empty column),
 * addresses are right-aligned and everything else left-aligned. There is
 * no extra spacing when stdout is not a tty, which is the case in scripts.
 */
export type ColumnId = 'netid' | 'state' | 'recvq' | 'sendq' | 'addr' | 'serv' | 'raddr' | 'rserv' | 'proc';

interface Column {
  readonly id: ColumnId;
  readonly header: string;
  readonly ldelim: string;
  readonly right: boolean;
}

const COLUMNS: readonly Column[] = [
  { id: 'netid', header: 'Netid', ldelim: '', right: false },
  { id: 'state', header: 'State', ldelim: ' ', right: false },
  { id: 'recvq', header: 'Recv-Q', ldelim: ' ', right: false },
  { id: 'sendq', header: 'Send-Q', ldelim: ' ', right: false },
  { id: 'addr', header: 'Local Address:', ldelim: ' ', right: true },
  { id: 'serv', header: 'Port', ldelim: '', right: false },
  { id: 'raddr', header: 'Peer Address:', ldelim: ' ', right: true },
  { id: 'rserv', header: 'Port', ldelim: '', right: false },
  { id: 'proc', header: 'Process', ldelim: '', right: false },
];

export type Row = Readonly<Record<ColumnId, string>>;

/** Renders rows (and the header unless `header` is false) with the columns in `disabled` left out. */
export function renderTable(rows: readonly Row[], disabled: ReadonlySet<ColumnId>, header: boolean): string {
  const columns = COLUMNS.filter((c) => !disabled.has(c.id));
  const lines: string[][] = rows.map((r) => columns.map((c) => r[c.id]));
  if (header) lines.unshift(columns.map((c) => c.header));
  const widths: number[] = [];
  let first = true;
  // The last row's last field is still the token being written when ss renders: it is
  // printed but never measured (field_flush never ran for it), so it does not widen its column.
  const measured = (i: number) => (rows.length > 0 && i === columns.length - 1 ? lines.slice(0, -1) : lines);
  columns.forEach((c, i) => {
    const max = Math.max(0, ...measured(i).map((l) => l[i].length));
    widths.push(!first && max > 0 ? max + c.ldelim.length : max);
    if (widths[i] > 0) first = false;
  });
  let out = '';
  for (const line of lines) {
    let started = false;
    columns.forEach((c, i) => {
      let printed = 0;
      if (started) {
        out += c.ldelim;
        printed = c.ldelim.length;
      }
      started = true;
      const field = line[i];
      if (c.right) out += ' '.repeat(Math.max(0, widths[i] - field.length - printed));
      out += field;
      if (!c.right) out += ' '.repeat(Math.max(0, widths[i] - printed - field.length));
    });
    out += '\n';
  }
  return out;
}
