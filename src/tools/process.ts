import type { World } from '../kernel/world.js';
import type { Netns } from '../kernel/netns.js';

/** Where a process writes: a pipe, a file, /dev/null or the terminal. Writes never block. */
export interface OutStream {
  write(text: string): void;
}

/** What a process reads: a pipe, a here-doc, a file or nothing (EOF). */
export interface InStream {
  /** The next chunk, or null at end of file. Waits (on the virtual clock) for a writer. */
  read(): Promise<string | null>;
  /**
   * The whole input at once as bytes, one per character (ASCII), when it
   * is a file nothing has read from yet (a `<` redirect); then it is at end
   * of file. Null otherwise (read it). A reader that works on bytes (a
   * 100k-rule iptables-restore) so skips decoding the file to a string.
   */
  bytes?(): Buffer | null;
  /**
   * Every write not read yet, at once, when the writer has closed the pipe
   * and nothing has read from it: what read() would give until EOF (empty
   * writes left out), then it is at end of file. Null otherwise (read it).
   * A reader taking a pipe's writes whole (iptables-restore of a kube-proxy
   * sync, on each node of a cluster) so skips a wait per write.
   */
  written?(): readonly string[] | null;
}

export async function readAll(input: InStream): Promise<string> {
  let text = '';
  for (let chunk = await input.read(); chunk !== null; chunk = await input.read()) text += chunk;
  return text;
}

/** Everything `input` yields, as the chunks it yields (a pipe's writes), empty ones left out. */
export async function readChunks(input: InStream): Promise<readonly string[]> {
  const all = input.written?.();
  if (all) return all;
  const chunks: string[] = [];
  for (let chunk = await input.read(); chunk !== null; chunk = await input.read())
    if (chunk !== '') chunks.push(chunk);
  return chunks;
}

/**
 * A file's ASCII bytes as an input: read() gives them as one string (read
 * decodes them then), or bytes() hands them over undecoded.
 */
export function asciiInput(data: Buffer): InStream {
  let done = data.length === 0;
  return {
    read: async () => {
      if (done) return null;
      done = true;
      return data.toString('latin1');
    },
    bytes: () => {
      if (done) return null;
      done = true;
      return data;
    },
  };
}

/** A pipe whose writer wrote `chunks` in turn and closed it: each chunk is one read, then EOF. */
export function chunksInput(chunks: readonly string[]): InStream {
  let next = 0;
  return {
    read: async () => {
      while (next < chunks.length && chunks[next] === '') next++;
      return next < chunks.length ? chunks[next++]! : null;
    },
    written: () => {
      if (next > 0) return null;
      next = chunks.length;
      return chunks.includes('') ? chunks.filter((c) => c !== '') : chunks;
    },
  };
}

/** An input that yields `text` once (a here-doc, a here-string, a test's stdin), then EOF. */
export function stringInput(text: string): InStream {
  let done = text === '';
  return {
    read: async () => {
      if (done) return null;
      done = true;
      return text;
    },
  };
}

/** Thrown into a process's pending waits when it is killed (SIGTERM at script end, `kill`). */
export class Killed extends Error {
  constructor(readonly signal: number = 15) {
    super('killed');
  }
}

/**
 * A running command, as a tool sees it: argv, its three streams, the
 * namespace it runs in, and the world's clock to wait on. Tools return
 * their exit status; they never touch the host.
 */
export interface Proc {
  readonly world: World;
  readonly netns: Netns;
  readonly argv: readonly string[];
  /** The process id `ss -p` shows; absent where nothing assigns one (tests). */
  readonly pid?: number;
  readonly stdin: InStream;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly env: ReadonlyMap<string, string>;
  /** Host directory relative paths resolve against (read-only file access). */
  readonly cwd: string;
  /** Waits on the virtual clock; rejects with Killed if the process is killed first. */
  sleep(ms: number): Promise<void>;
  /** Registers cleanup for a kill; returns an unregister function. */
  onKill(cb: (signal: number) => void): () => void;
  /**
   * Runs another command as a child in the same terminal, e.g. `ip netns
   * exec NS CMD`. A command not found says `exec of "CMD" failed` and ends
   * with 1, or with `quietNotFound` ends with 127 and says nothing (the
   * caller has its own words for it).
   */
  exec(
    argv: readonly string[],
    options?: { netns?: Netns; quietNotFound?: boolean; env?: EnvChange },
  ): Promise<number>;
  /** Reads a host file (read-only), as `< FILE` and `-f FILE` arguments do; null when it does not exist. */
  readFile(path: string): string | null;
  /**
   * An endless character device (/dev/zero, /dev/urandom) as a stream, null
   * for any other path: readers that stop early (`head -c N`) read it so.
   */
  openDevice?(path: string): InStream | null;
  /**
   * Opens a file for writing, as a program's open(O_CREAT|O_TRUNC) does
   * (`tcpdump -w`); throws an Error whose message is the strerror text.
   * Binary data is written as one char per byte (latin1).
   */
  openWrite?(path: string, append?: boolean): OutStream;
  /** mkdir(2) of one directory; throws an Error whose message is the strerror text. */
  makeDirectory?(path: string): void;
  /** unlink(2), or rmdir(2) when `directory`; throws an Error whose message is the strerror text. */
  removePath?(path: string, directory: boolean): void;
  /** A directory's entries (files written during the run included), null when `path` is not a directory. */
  listDir?(path: string): { name: string; directory: boolean }[] | null;
  /**
   * How far a long piece of work is (a large ruleset loading): `done` of
   * `total`, `done === total` when it ends. The front end may draw a
   * progress bar on a terminal; what the tool prints is unchanged.
   */
  progress?(label: string, done: number, total: number): void;
}

export type Command = (proc: Proc) => Promise<number>;

/** How a child's environment differs from its parent's (`env -i -u NAME NAME=VALUE CMD`). */
export interface EnvChange {
  /** Start from no variable at all. */
  readonly clear: boolean;
  readonly unset: readonly string[];
  readonly set: readonly (readonly [string, string])[];
}
