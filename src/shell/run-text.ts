import { Killed } from '../tools/process.js';
import type { Ctx, Shell } from './interp.js';
import { ExitSignal, LoopSignal, ReturnSignal } from './interp.js';

/** Runs a shell's program text to its end: `exit` and fatal errors end it; the EXIT trap runs last. */
export async function runShellText(sh: Shell, text: string, ctx: Ctx): Promise<number> {
  let status: number;
  try {
    status = await sh.runText(text, ctx);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else if (e instanceof ReturnSignal) status = e.status;
    else if (e instanceof LoopSignal) status = sh.state.status;
    else if (e instanceof Killed) status = 128 + e.signal;
    else throw e;
  }
  sh.state.status = status;
  const trap = sh.state.traps.get('EXIT');
  if (trap !== undefined) {
    sh.state.traps.delete('EXIT');
    try {
      await sh.runText(trap, ctx);
    } catch (e) {
      if (e instanceof ExitSignal) status = e.status;
      else if (!(e instanceof Killed)) throw e;
    }
  }
  return status;
}
