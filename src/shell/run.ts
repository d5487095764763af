import type { World } from '../kernel/world.js';
import type { OutStream } from '../tools/process.js';
import type { YieldToHost } from '../kernel/clock.js';

export interface ScriptOptions {
  world: World;
  /** The script text. */
  source: string;
  /** $0 as bash sees it, used in messages such as `lab.sh: line 3: x: command not found`. */
  scriptName: string;
  /** $1, $2, ... */
  args: string[];
  stdout: OutStream;
  stderr: OutStream;
  /** Host directory for `< FILE` and relative paths. */
  cwd: string;
  yieldToHost: YieldToHost;
}

/** Runs a lab script to completion on the virtual clock; resolves to its exit status. */
export async function runScript(_options: ScriptOptions): Promise<number> {
  throw new Error('shell: not implemented yet');
}
