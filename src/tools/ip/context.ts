import type { Netns } from '../../kernel/netns.js';
import type { Proc } from '../process.js';

/** Global `ip` options (before the object), as iproute2's main() parses them. */
export interface IpOptions {
  /** -4 / -6 / -f FAMILY; null when not given. */
  family: 'inet' | 'inet6' | 'link' | null;
  brief: boolean;
  details: number;
  stats: number;
  oneline: boolean;
  pretty: boolean;
  numeric: boolean;
  color: boolean;
}

/** What every `ip OBJECT` handler gets: the process, the target namespace (`-n`), the options. */
export interface IpContext {
  readonly proc: Proc;
  readonly netns: Netns;
  readonly options: IpOptions;
  /** Run from `-batch`: an exit() in a handler ends the process, not just its command. */
  readonly batch?: boolean;
}

/** An `ip OBJECT` subcommand: args after the object word; returns the exit status. */
export type IpObjectHandler = (ctx: IpContext, args: string[]) => Promise<number> | number;
