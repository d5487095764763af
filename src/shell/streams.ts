import type { InStream, OutStream } from '../tools/process.js';

/** An output end that can be closed (a pipe's write end). */
export interface ClosableOut extends OutStream {
  close?(): void;
}

export const devNull: OutStream & InStream = {
  write() {},
  read: async () => null,
};

/**
 * A pipe: writes never block (they buffer); a read waits until data comes
 * or every writer has closed. Writes after the reader is gone are dropped,
 * as SIGPIPE would end the writer.
 */
export class Pipe {
  private chunks: string[] = [];
  private closed = false;
  private waiter: (() => void) | null = null;
  private writers = 1;
  readerGone = false;
  /** Called when a write finds the reader gone (the writer gets SIGPIPE). */
  onBrokenPipe: (() => void) | null = null;

  readonly writer: ClosableOut = {
    write: (text: string) => {
      if (this.readerGone) this.onBrokenPipe?.();
      if (this.closed || this.readerGone || text === '') return;
      this.chunks.push(text);
      this.wake();
    },
    close: () => {
      if (--this.writers <= 0) {
        this.closed = true;
        this.wake();
      }
    },
  };

  readonly reader: InStream = {
    read: async () => {
      while (this.chunks.length === 0 && !this.closed) {
        await new Promise<void>((resolve) => (this.waiter = resolve));
      }
      if (this.chunks.length > 0) {
        const text = this.chunks.join('');
        this.chunks = [];
        return text;
      }
      return null;
    },
  };

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** Collects output into a string (command substitution). */
export class Capture implements OutStream {
  text = '';
  write(text: string): void {
    this.text += text;
  }
}
