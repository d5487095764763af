import type { IpContext, IpObjectHandler } from './context.js';
import type { Link } from '../../kernel/link/link.js';
import { KernelError } from '../../kernel/errno.js';
import { ExtackError } from '../../kernel/route/error.js';
import type { Prefix } from '../../net/ipv4.js';

/** iproute2 leaves with exit(-1) (255) for usage errors, exit(1) for others; thrown to unwind the parser. */
export class IpExit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}

/** An `ip OBJECT` handler around a dispatcher whose parser unwinds with IpExit. */
export const exitStatusOf =
  (dispatch: IpObjectHandler): IpObjectHandler =>
  (ctx, args) => {
    const statusOfExit = (e: unknown): number => {
      // Under -batch an exit() leaves the whole process: the batch loop catches it.
      if (e instanceof IpExit && !ctx.batch) return e.status;
      throw e;
    };
    try {
      const status = dispatch(ctx, args);
      return typeof status === 'number' ? status : status.catch(statusOfExit);
    } catch (e) {
      return statusOfExit(e);
    }
  };

/** iproute2's matches(): a non-empty abbreviation of the keyword. */
export const matches = (word: string, keyword: string): boolean =>
  word.length > 0 && keyword.startsWith(word);

export function die(ctx: IpContext, message: string, status: number): never {
  ctx.proc.stderr.write(message);
  throw new IpExit(status);
}

/** invarg(): `Error: argument "X" is wrong: MSG`. */
export function invarg(ctx: IpContext, msg: string, arg: string): never {
  return die(ctx, `Error: argument "${arg}" is wrong: ${msg}\n`, 255);
}

/** A cursor over argv with NEXT_ARG semantics. */
export class Args {
  i = 0;
  constructor(
    private readonly ctx: IpContext,
    readonly argv: readonly string[],
  ) {}
  get done(): boolean {
    return this.i >= this.argv.length;
  }
  get word(): string {
    return this.argv[this.i];
  }
  /** NEXT_ARG(). */
  next(): string {
    this.i++;
    if (this.i >= this.argv.length) die(this.ctx, 'Command line is not complete. Try option "help"\n', 255);
    return this.argv[this.i];
  }
}

/** The family word iproute2 puts in its "expected" messages. */
export const familyWord = (family: string | null): string =>
  family === 'inet' ? 'inet' : family === 'inet6' ? 'inet6' : 'any valid';

/**
 * get_addr_ipv4 over text[0, end): one to four dotted decimal parts of one
 * to three digits, each at most 255, the missing ones zero ("10/8"); with
 * `whole`, exactly four. Scanned by hand: a batch of a million routes
 * parses two addresses each.
 */
function parseShortIPv4(text: string, end = text.length, whole = false): number | null {
  let value = 0;
  let parts = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      if (digits === 0 || octet > 255 || ++parts > 4) return null;
      value = value * 256 + octet;
      digits = 0;
      octet = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      octet = octet * 10 + c - 0x30;
      digits++;
    } else return null;
  }
  if (whole && parts !== 4) return null;
  return (value * 256 ** (4 - parts)) >>> 0;
}

/** A prefix length: one or two digits, at most 32. */
function parsePrefixLen(text: string, start: number): number | null {
  const n = text.length - start;
  if (n < 1 || n > 2) return null;
  let len = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    len = len * 10 + c - 0x30;
  }
  return len > 32 ? null : len;
}

/** get_prefix for IPv4: `default`/`all`/`any` are 0/0. */
export function getPrefix(ctx: IpContext, text: string, family: string | null): Prefix {
  if (text === 'default' || text === 'all' || text === 'any') return { addr: 0, len: 0 };
  const slash = text.indexOf('/');
  const addr = parseShortIPv4(text, slash < 0 ? text.length : slash);
  const len = addr === null ? null : slash < 0 ? 32 : parsePrefixLen(text, slash + 1);
  if (addr === null || len === null)
    die(ctx, `Error: ${familyWord(family)} prefix is expected rather than "${text}".\n`, 1);
  return { addr, len };
}

/** get_addr for IPv4. */
export function getAddr(ctx: IpContext, text: string, family: string | null): number {
  const a = parseShortIPv4(text, text.length, true);
  if (a === null) die(ctx, `Error: ${familyWord(family)} address is expected rather than "${text}".\n`, 1);
  return a;
}

export { parseU32 as parseU32Arg } from './route-names.js';

/** Prints a failed netlink request as iproute2 does: the extended ack if any, else the errno text. */
export function netlinkError(ctx: IpContext, e: unknown): number {
  if (e instanceof ExtackError) ctx.proc.stderr.write(`Error: ${e.extack}.\n`);
  else if (e instanceof KernelError) ctx.proc.stderr.write(`RTNETLINK answers: ${e.message}\n`);
  else throw e;
  return 2;
}

/** ll_name_to_index or `Cannot find device`. */
export function requireDev(ctx: IpContext, name: string): Link {
  const link = ctx.netns.linkByName(name);
  if (!link) die(ctx, `Cannot find device "${name}"\n`, 1);
  return link;
}
