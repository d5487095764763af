import type { OutStream } from '../process.js';

/**
 * curl -v's debug callback (tool_cb_dbg.c): `* ` text, `> ` and `< ` header
 * lines as sent and received (with their CRLF), and, since the output is
 * not a terminal, one `{ [N bytes data]` / `} [N bytes data]` line per run
 * of body data between header or text lines.
 */
export class Trace {
  private tracedData = false;

  constructor(
    private readonly err: OutStream,
    readonly enabled: boolean,
  ) {}

  text(line: string): void {
    if (!this.enabled) return;
    this.err.write(`* ${line}\n`);
    this.tracedData = false;
  }

  /** A header block as sent (`>`) or received (`<`), CRLFs kept. */
  headers(dir: '>' | '<', block: string): void {
    if (!this.enabled) return;
    for (const line of block.match(/[^\n]*\n/g) ?? []) this.err.write(`${dir} ${line}`);
    this.tracedData = false;
  }

  data(dir: '{' | '}', bytes: number): void {
    if (!this.enabled || this.tracedData || bytes === 0) return;
    this.err.write(`${dir} [${bytes} bytes data]\n`);
    this.tracedData = true;
  }
}
