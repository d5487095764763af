import { createInterface } from 'node:readline';
import type { YieldToHost } from '../kernel/clock.js';
import { World } from '../kernel/world.js';
import { runScript } from '../shell/run.js';

/** `podpath shell`: a root prompt on a fresh emulated machine; each line runs as a script would. */
export async function interactive(seed: number, yieldToHost: YieldToHost): Promise<number> {
  const world = new World({ seed });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  rl.setPrompt('root@podpath:~# ');
  const prompt = () => {
    if (process.stdin.isTTY) rl.prompt();
  };
  let status = 0;
  prompt();
  for await (const line of rl) {
    if (/^\s*exit\s*$/.test(line)) break;
    status = await runScript({
      world,
      source: line,
      scriptName: 'bash',
      args: [],
      stdout: { write: (t) => void process.stdout.write(t) },
      stderr: { write: (t) => void process.stderr.write(t) },
      cwd: process.cwd(),
      yieldToHost,
    });
    prompt();
  }
  rl.close();
  return status;
}
