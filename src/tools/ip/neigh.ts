import type { IpContext, IpObjectHandler } from './context.js';
import type { Link } from '../../kernel/link/link.js';
import type { Neighbour } from '../../kernel/neigh/entry.js';
import { NUD, NUD_NAMES, NUD_VALID, type NudState } from '../../kernel/neigh/nud.js';
import { NeighUpdateError } from '../../kernel/neigh/table.js';
import { KernelError } from '../../kernel/errno.js';
import {
  formatIPv4,
  parseIPv4,
  parsePrefix,
  prefixContains,
  type IPv4,
  type Prefix,
} from '../../net/ipv4.js';
import type { Mac } from '../../net/mac.js';
import { die, exitStatusOf, invarg, matches } from './ip-args.js';

function usage(ctx: IpContext): never {
  return die(
    ctx,
    'Usage: ip neigh { add | del | change | replace }\n' +
      '                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n' +
      '                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n' +
      '                [ protocol PROTO ]\n\n' +
      '\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n' +
      '\t\t\t\t  [ vrf NAME ] [ nomaster ]\n' +
      '\tip neigh get { ADDR | proxy ADDR } dev DEV\n\n' +
      'STATE := { delay | failed | incomplete | noarp | none |\n' +
      '           permanent | probe | reachable | stale }\n',
    255,
  );
}

/** NEXT_ARG: the next word or "Command line is not complete". */
function next(ctx: IpContext, args: string[], i: number): string {
  if (i + 1 >= args.length) die(ctx, 'Command line is not complete. Try option "help"\n', 255);
  return args[i + 1];
}

/** nud_state_a2n; null when the word is not a state. */
function parseNud(word: string): NudState | number | null {
  if (matches(word, 'permanent')) return NUD.PERMANENT;
  if (matches(word, 'reachable')) return NUD.REACHABLE;
  const exact: Record<string, NudState> = {
    noarp: NUD.NOARP,
    none: NUD.NONE,
    stale: NUD.STALE,
    incomplete: NUD.INCOMPLETE,
    delay: NUD.DELAY,
    probe: NUD.PROBE,
  };
  if (word in exact) return exact[word];
  if (matches(word, 'failed')) return NUD.FAILED;
  if (/^(0x[0-9a-f]+|\d+)$/i.test(word)) {
    const n = Number(word);
    if (n < 0x100 && (n & (n - 1)) === 0) return n;
  }
  return null;
}

function requireAddr(ctx: IpContext, word: string): IPv4 {
  const addr = parseIPv4(word);
  if (addr === null) die(ctx, `Error: any valid address is expected rather than "${word}".\n`, 1);
  return addr;
}

/** The destination at args[i] (after an optional `to`); returns it and the index of its last word. */
function destination(ctx: IpContext, args: string[], i: number, dst: IPv4 | null): { dst: IPv4; i: number } {
  let target = args[i];
  if (target === 'to') target = next(ctx, args, i++);
  if (matches(target, 'help')) usage(ctx);
  if (dst !== null) die(ctx, `Error: either "to" is duplicate, or "${target}" is a garbage.\n`, 255);
  return { dst: requireAddr(ctx, target), i };
}

function findDev(ctx: IpContext, name: string): Link {
  const link = ctx.netns.linkByName(name);
  if (!link) die(ctx, `Cannot find device "${name}"\n`, 1);
  return link;
}

/** ll_addr_a2n: colon-separated hex bytes; the kernel then takes the device's 6. */
function parseLladdr(ctx: IpContext, text: string): Mac {
  const parts = text.split(':');
  if (parts.length > 20 || !parts.every((p) => /^[0-9a-fA-F]{1,2}$/.test(p))) {
    die(ctx, `"${text}" is invalid lladdr.\n`, 1);
  }
  if (parts.length < 6) die(ctx, 'RTNETLINK answers: Invalid argument\n', 2);
  return parts
    .slice(0, 6)
    .map((p) => p.padStart(2, '0').toLowerCase())
    .join(':');
}

function kernelError(ctx: IpContext, err: unknown): never {
  if (err instanceof KernelError) die(ctx, `RTNETLINK answers: ${err.message}\n`, 2);
  if (err instanceof NeighUpdateError) die(ctx, `Error: ${err.message}\n`, 2);
  throw err;
}

type ModifyKind = 'add' | 'change' | 'replace' | 'del';

function modify(ctx: IpContext, kind: ModifyKind, args: string[]): number {
  let lladdr: string | null = null;
  let state: number = NUD.PERMANENT;
  let devName: string | null = null;
  let dst: IPv4 | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (matches(word, 'lladdr')) {
      const value = next(ctx, args, i++);
      if (lladdr !== null) die(ctx, `Error: duplicate "lladdr": "${value}" is the second value.\n`, 255);
      lladdr = value;
    } else if (word === 'nud') {
      const value = next(ctx, args, i++);
      const parsed = parseNud(value);
      if (parsed === null) invarg(ctx, 'nud state is bad', value);
      state = parsed;
    } else if (word === 'dev') {
      devName = next(ctx, args, i++);
    } else if (word === 'router' || word === 'use' || word === 'managed' || word === 'extern_learn') {
      // Flags the emulation accepts without modelling.
    } else {
      ({ dst, i } = destination(ctx, args, i, dst));
    }
  }
  if (devName === null || dst === null) die(ctx, 'Device and destination are required arguments.\n', 255);
  const mac = lladdr !== null && lladdr !== 'null' ? parseLladdr(ctx, lladdr) : null;
  const link = findDev(ctx, devName);
  const key = link.kind === 'loopback' ? 0 : dst;
  try {
    if (kind === 'del') ctx.netns.neigh.adminDelete(link, key);
    else
      ctx.netns.neigh.adminUpdate({
        link,
        key,
        lladdr: mac,
        state: state as NudState,
        create: kind !== 'change',
        exclusive: kind === 'add',
        replace: kind !== 'add',
      });
  } catch (err) {
    kernelError(ctx, err);
  }
  return 0;
}

interface Filter {
  link: Link | null;
  state: number;
  prefix: Prefix | null;
}

function stateText(state: number): string {
  return NUD_NAMES.filter(([bit]) => state & bit)
    .map(([, name]) => `${name} `)
    .join('');
}

/** print_neigh: one entry as `ip neigh` prints it. */
function formatEntry(ctx: IpContext, n: Neighbour, showDev: boolean): string {
  let line = `${formatIPv4(n.key)} `;
  if (showDev) line += `dev ${n.link.name} `;
  if (n.state & NUD_VALID && n.lladdr !== null) line += `lladdr ${n.lladdr} `;
  if (ctx.options.stats > 0) {
    const now = ctx.netns.world.clock.now;
    const secs = (t: number) => Math.floor(Math.max(0, now - t) / 1000);
    if (n.timer !== null) line += ' ref 1';
    line += ` used ${secs(n.used)}/${secs(n.confirmed)}/${secs(n.updated)}`;
    line += `probes ${n.probes} `;
  }
  return `${line}${stateText(n.state)}\n`;
}

function selected(n: Neighbour, filter: Filter): boolean {
  if (filter.link !== null && n.link !== filter.link) return false;
  if (!(filter.state & n.state) && (n.state !== 0 || !(filter.state & 0x100))) return false;
  if (filter.prefix !== null && !prefixContains(filter.prefix, n.key)) return false;
  return true;
}

function showOrFlush(ctx: IpContext, args: string[], flush: boolean): number {
  if (flush && args.length === 0) die(ctx, 'Flush requires arguments.\n', 1);
  const filter: Filter = {
    link: null,
    state: flush ? ~(NUD.PERMANENT | NUD.NOARP) : 0xff & ~NUD.NOARP,
    prefix: null,
  };
  let stateGiven = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'dev') {
      filter.link = findDev(ctx, next(ctx, args, i++));
    } else if (word === 'nud') {
      const value = next(ctx, args, i++);
      if (!stateGiven) {
        stateGiven = true;
        filter.state = 0;
      }
      let state = parseNud(value);
      if (state === null) {
        if (value !== 'all') invarg(ctx, 'nud state is bad', value);
        state = flush ? ~NUD.NOARP : ~0;
      }
      filter.state |= state === 0 ? 0x100 : state;
    } else if (word === 'proxy' || word === 'unused' || word === 'nomaster') {
      if (word === 'proxy') return 0;
    } else {
      let target = word;
      if (target === 'to') target = next(ctx, args, i++);
      if (matches(target, 'help')) usage(ctx);
      const prefix = ['all', 'default', 'any'].includes(target) ? { addr: 0, len: 0 } : parsePrefix(target);
      if (prefix === null) die(ctx, `Error: any valid prefix is expected rather than "${target}".\n`, 1);
      filter.prefix = prefix;
    }
  }
  if (ctx.options.family === 'inet6' || ctx.options.family === 'link') return 0;
  const table = ctx.netns.neigh;
  if (!flush) {
    for (const n of table.list())
      if (selected(n, filter)) ctx.proc.stdout.write(formatEntry(ctx, n, filter.link === null));
    return 0;
  }
  for (let round = 0; ; round++) {
    const victims = table.list().filter((n) => selected(n, filter));
    if (victims.length === 0) {
      if (ctx.options.stats > 0) {
        ctx.proc.stdout.write(
          round === 0
            ? 'Nothing to flush.\n'
            : `*** Flush is complete after ${round} round${round > 1 ? 's' : ''} ***\n`,
        );
      }
      return 0;
    }
    for (const n of victims) {
      if (ctx.options.stats > 1) ctx.proc.stdout.write(formatEntry(ctx, n, filter.link === null));
      table.adminDelete(n.link, n.key);
    }
    if (ctx.options.stats > 0)
      ctx.proc.stdout.write(`\n*** Round ${round + 1}, deleting ${victims.length} entries ***\n`);
  }
}

function get(ctx: IpContext, args: string[]): number {
  let devName: string | null = null;
  let dst: IPv4 | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'dev') {
      devName = next(ctx, args, i++);
    } else {
      ({ dst, i } = destination(ctx, args, i, dst));
    }
  }
  if (devName === null || dst === null) die(ctx, 'Device and address are required arguments.\n', 1);
  const link = findDev(ctx, devName);
  const n = ctx.netns.neigh.lookup(link, dst);
  if (!n) die(ctx, 'Error: Neighbour entry not found.\n', 2);
  ctx.proc.stdout.write(formatEntry(ctx, n, true));
  return 0;
}

function dispatch(ctx: IpContext, args: string[]): number {
  if (args.length === 0) return showOrFlush(ctx, [], false);
  const [cmd, ...rest] = args;
  if (matches(cmd, 'add')) return modify(ctx, 'add', rest);
  if (matches(cmd, 'change') || cmd === 'chg') return modify(ctx, 'change', rest);
  if (matches(cmd, 'replace')) return modify(ctx, 'replace', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'del', rest);
  if (matches(cmd, 'get')) return get(ctx, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list'))
    return showOrFlush(ctx, rest, false);
  if (matches(cmd, 'flush')) return showOrFlush(ctx, rest, true);
  if (matches(cmd, 'help')) usage(ctx);
  return die(ctx, `Command "${cmd}" is unknown, try "ip neigh help".\n`, 255);
}

/** `ip neigh` / `ip neighbour` / `ip n` (iproute2 ip/ipneigh.c). */
export const ipNeigh: IpObjectHandler = exitStatusOf(dispatch);
