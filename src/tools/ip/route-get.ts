import type { IpContext } from './context.js';
import type { FibLookup, FibResult } from '../../kernel/route/fib.js';
import type { Link } from '../../kernel/link/link.js';
import { KernelError } from '../../kernel/errno.js';
import { RT_TABLE_MAIN } from '../../kernel/route/route.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { Args, die, getPrefix, invarg, matches, parseU32Arg } from './ip-args.js';
import { parseDsfield, tableName } from './route-names.js';
import { netlinkError, requireDev } from './ip-args.js';
import { usage } from './route-usage.js';

/** A route get request as iproute_get builds it. */
interface GetRequest {
  dst: number;
  from: number | null;
  iif: Link | null;
  oif: Link | null;
  mark: number;
  tos: number;
}

/** `ip route get`: RTM_GETROUTE, printed like a cached route. */
export function routeGet(ctx: IpContext, argv: string[]): number {
  const a = new Args(ctx, argv);
  let family = ctx.options.family;
  let dst: number | null = null;
  let dstCount = 0;
  let from: number | null = null;
  let iifName: string | null = null;
  let oifName: string | null = null;
  let mark = 0;
  let tos = 0;
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'tos' || matches(w, 'dsfield')) {
      tos = parseDsfield(a.next()) ?? invarg(ctx, 'TOS value is invalid\n', a.word);
    } else if (matches(w, 'from')) {
      const v = a.next();
      if (matches(v, 'help')) usage(ctx);
      from = getPrefix(ctx, v, family).addr;
      family ??= 'inet';
    } else if (matches(w, 'iif')) {
      iifName = a.next();
    } else if (matches(w, 'mark')) {
      mark = parseU32Arg(a.next()) ?? invarg(ctx, 'invalid mark value', a.word);
    } else if (matches(w, 'oif') || w === 'dev') {
      oifName = a.next();
    } else {
      let word = w;
      if (word === 'to') word = a.next();
      if (matches(word, 'help')) usage(ctx);
      const p = getPrefix(ctx, word, family);
      family ??= 'inet';
      if (p.len !== 32)
        ctx.proc.stderr.write(`Warning: /${p.len} as prefix is invalid, only /32 (or none) is supported.\n`);
      dst = p.addr;
      dstCount++;
    }
  }
  if (dst === null) die(ctx, 'need at least a destination address\n', 1);
  const iif = iifName === null ? null : requireDev(ctx, iifName);
  const oif = oifName === null ? null : requireDev(ctx, oifName);
  // A repeated destination is a duplicate RTA_DST, which the kernel rejects.
  if (dstCount > 1) return netlinkError(ctx, new KernelError('EINVAL'));
  const req: GetRequest = { dst, from, iif, oif, mark, tos };
  const res = lookup(ctx, req);
  if (!res.ok) return netlinkError(ctx, new KernelError(res.error));
  ctx.proc.stdout.write(formatGet(ctx, req, res.result));
  return 0;
}

function lookup(ctx: IpContext, req: GetRequest): FibLookup {
  const flow = { dst: req.dst, src: req.from ?? 0, mark: req.mark, tos: req.tos, oif: req.oif ?? undefined };
  if (req.iif) return ctx.netns.ipv4.routeInput({ ...flow, iif: req.iif });
  return ctx.netns.fib.routeOutput(flow);
}

/** rt_fill_info as print_route shows it, with the `cache` line. */
function formatGet(ctx: IpContext, req: GetRequest, res: FibResult): string {
  const input = req.iif !== null;
  let s = '';
  if (res.type !== 'unicast') s += `${res.type} `;
  s += `${formatIPv4(req.dst)} `;
  if (req.from !== null) s += `from ${formatIPv4(req.from)} `;
  if (res.gateway !== null) s += `via ${formatIPv4(res.gateway)} `;
  const dev = res.type === 'local' && !input ? loopback(ctx) : res.dev;
  if (dev) s += `dev ${dev.name} `;
  if (res.table !== RT_TABLE_MAIN && res.table !== 0) s += `table ${tableName(res.table)} `;
  if (!input && res.src !== (req.from ?? 0)) s += `src ${formatIPv4(res.src)} `;
  if (req.mark) s += `mark ${req.mark < 16 ? req.mark : `0x${req.mark.toString(16)}`} `;
  if (!input) s += 'uid 0 ';
  const flags = res.cacheFlags ?? outputFlags(res);
  s += '\n    cache ';
  if (flags.length) s += `<${flags.join(',')}> `;
  if (input) s += `iif ${req.iif!.name} `;
  return `${s}\n`;
}

function outputFlags(res: FibResult): string[] {
  if (res.type === 'local') return ['local'];
  if (res.type === 'broadcast') return ['local', 'brd'];
  if (res.type === 'multicast') return ['mc'];
  return [];
}

function loopback(ctx: IpContext): Link | null {
  for (const link of ctx.netns.links.values()) if (link.kind === 'loopback') return link;
  return null;
}
