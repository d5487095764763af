/**
 * A dump file the rebuild cannot use: which file, which line (1-based; 0
 * when the problem is the file as a whole, e.g. missing), and why.
 */
export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${problem}`);
    this.name = 'DumpError';
  }
}

/** A problem the rebuild works around (a value podpath's kernel does not take); printed, not fatal. */
export interface DumpWarning {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

/** `DIR/FILE:LINE: problem`, as compilers name a place in a file. */
export function placeIn(dir: string, e: { file: string; line: number; problem: string }): string {
  const path = dir === '' ? e.file : `${dir.replace(/\/+$/, '')}/${e.file}`;
  return `${path}${e.line > 0 ? `:${e.line}` : ''}: ${e.problem}`;
}
