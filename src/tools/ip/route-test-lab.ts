import { FibLab } from '../../kernel/route/test-lab.js';
import type { IpContext, IpObjectHandler, IpOptions } from './context.js';
import type { Proc } from '../process.js';
import { defaultOptions } from './main.js';

/** The kernel's FibLab, plus running `ip` object handlers against it. */
export class RouteLab extends FibLab {
  /** Runs an `ip OBJECT` handler; returns what it printed and its status. */
  async run(
    handler: IpObjectHandler,
    args: string,
    options: Partial<IpOptions> = {},
  ): Promise<{ out: string; err: string; status: number }> {
    let out = '';
    let err = '';
    const proc = {
      world: this.world,
      netns: this.ns,
      argv: [],
      stdout: { write: (t: string) => void (out += t) },
      stderr: { write: (t: string) => void (err += t) },
    } as unknown as Proc;
    const ctx: IpContext = {
      proc,
      netns: this.ns,
      options: { ...defaultOptions(), ...options },
    };
    const status = await handler(
      ctx,
      args.split(' ').filter((w) => w !== ''),
    );
    return { out, err, status };
  }
}
