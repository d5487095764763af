import type { IpContext } from './context.js';
import type { Route } from '../../kernel/route/route.js';
import { isLinkdown, RT_SCOPE_UNIVERSE, RT_TABLE_MAIN, RTPROT_BOOT } from '../../kernel/route/route.js';
import type { Prefix } from '../../net/ipv4.js';
import { formatIPv4, networkOf } from '../../net/ipv4.js';
import { Args, die, getPrefix, invarg, matches, parseU32Arg, requireDev } from './ip-args.js';
import {
  dsfieldName,
  parseDsfield,
  parseProto,
  parseRouteType,
  parseScope,
  parseTable,
  protoName,
  scopeName,
  tableName,
} from './route-names.js';
import type { RouteType } from '../../kernel/route/fib.js';

/** iproute2's `struct rtfilter` for IPv4: null fields select everything. */
export interface RouteFilter {
  /** 0: all tables. */
  tb: number;
  tos: number | null;
  protocol: number | null;
  scope: number | null;
  type: RouteType | null;
  oif: string | null;
  metric: number | null;
  via: Prefix | null;
  src: Prefix | null;
  root: Prefix | null;
  match: Prefix | null;
}

const within = (addr: number, p: Prefix, len: number): boolean =>
  networkOf(addr, len) === networkOf(p.addr, len);

export function filterMatches(f: RouteFilter, r: Route): boolean {
  if (f.tb && r.table !== f.tb) return false;
  if (f.tos !== null && r.tos !== f.tos) return false;
  if (f.root && (r.len < f.root.len || !within(r.dst, f.root, f.root.len))) return false;
  if (f.match && (r.len > f.match.len || !within(r.dst, f.match, r.len))) return false;
  if (f.via && f.via.len > 0 && (r.gateway === null || !within(r.gateway, f.via, f.via.len))) return false;
  if (f.src && f.src.len > 0 && (r.prefsrc === null || !within(r.prefsrc, f.src, f.src.len))) return false;
  if (f.oif !== null && r.dev?.name !== f.oif) return false;
  if (f.metric !== null && r.priority !== f.metric) return false;
  if (f.protocol !== null && r.protocol !== f.protocol) return false;
  if (f.scope !== null && r.scope !== f.scope) return false;
  if (f.type !== null && r.type !== f.type) return false;
  return true;
}

const formatDst = (r: Route): string =>
  r.len === 0 ? 'default' : r.len === 32 ? formatIPv4(r.dst) : `${formatIPv4(r.dst)}/${r.len}`;

/** print_route for a FIB entry: fields a selector pinned are left out, as iproute2 does. */
export function formatRoute(r: Route, f: RouteFilter, details: boolean): string {
  let s = '';
  if (r.type !== 'unicast' || details) s += `${r.type} `;
  s += `${formatDst(r)} `;
  if (r.tos && f.tos === null) s += `tos ${dsfieldName(r.tos)} `;
  if (r.gateway !== null && f.via?.len !== 32) s += `via ${formatIPv4(r.gateway)} `;
  if (r.dev && f.oif === null) s += `dev ${r.dev.name} `;
  if ((r.table !== RT_TABLE_MAIN || details) && !f.tb) s += `table ${tableName(r.table)} `;
  if ((r.protocol !== RTPROT_BOOT || details) && f.protocol === null) s += `proto ${protoName(r.protocol)} `;
  if ((r.scope !== RT_SCOPE_UNIVERSE || details) && f.scope === null) s += `scope ${scopeName(r.scope)} `;
  if (r.prefsrc !== null && f.src?.len !== 32) s += `src ${formatIPv4(r.prefsrc)} `;
  if (r.priority && f.metric === null) s += `metric ${r.priority} `;
  if (r.onlink) s += 'onlink ';
  if (isLinkdown(r)) s += 'linkdown ';
  return `${s}\n`;
}

/** iproute_list_flush_or_save for show/list and flush. */
export function routeList(ctx: IpContext, argv: string[], action: 'show' | 'flush'): number {
  if (action === 'flush' && argv.length === 0) die(ctx, '"ip route flush" requires arguments.\n', 1);
  const family = ctx.options.family;
  const f: RouteFilter = {
    tb: RT_TABLE_MAIN,
    tos: null,
    protocol: null,
    scope: null,
    type: null,
    oif: null,
    metric: null,
    via: null,
    src: null,
    root: null,
    match: null,
  };
  const a = new Args(ctx, argv);
  for (; !a.done; a.i++) {
    const w = a.word;
    if (matches(w, 'table')) {
      const v = a.next();
      const id = parseTable(v);
      if (id !== null) f.tb = id;
      else if (v === 'all') f.tb = 0;
      else invarg(ctx, 'table id value is invalid\n', v);
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      f.tos = parseDsfield(a.next()) ?? invarg(ctx, 'TOS value is invalid\n', a.word);
    } else if (matches(w, 'protocol')) {
      const v = a.next();
      f.protocol = parseProto(v);
      if (f.protocol === null && v !== 'all') invarg(ctx, 'invalid "protocol"\n', v);
    } else if (matches(w, 'scope')) {
      const v = a.next();
      f.scope = parseScope(v);
      if (f.scope === null && v !== 'all') invarg(ctx, 'invalid "scope"\n', v);
    } else if (matches(w, 'type')) {
      f.type = parseRouteType(a.next()) ?? invarg(ctx, 'node type value is invalid\n', a.word);
    } else if (w === 'dev' || w === 'oif') {
      f.oif = a.next();
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      f.metric = parseU32Arg(a.next()) ?? invarg(ctx, '"metric" value is invalid\n', a.word);
    } else if (w === 'via') {
      f.via = getPrefix(ctx, a.next(), family);
    } else if (w === 'src') {
      f.src = getPrefix(ctx, a.next(), family);
    } else {
      let word = w;
      if (matches(word, 'to')) word = a.next();
      if (matches(word, 'root')) f.root = getPrefix(ctx, a.next(), family);
      else if (matches(word, 'match')) f.match = getPrefix(ctx, a.next(), family);
      else {
        if (matches(word, 'exact')) word = a.next();
        f.root = f.match = getPrefix(ctx, word, family);
      }
    }
  }
  if (f.oif !== null) requireDev(ctx, f.oif);
  const fib = ctx.netns.fib;
  if (f.tb && !fib.table(f.tb)) {
    ctx.proc.stderr.write(
      `Error: ipv4: FIB table does not exist.\n${action === 'flush' ? 'Flush' : 'Dump'} terminated\n`,
    );
    return 2;
  }
  if (ctx.options.family === 'inet6') return 0;
  const routes = fib
    .tableList()
    .flatMap((t) => t.list())
    .filter((r) => filterMatches(f, r));
  if (action === 'flush') {
    for (const r of routes) fib.removeRoute(r);
    return 0;
  }
  const details = ctx.options.details > 0;
  ctx.proc.stdout.write(routes.map((r) => formatRoute(r, f, details)).join(''));
  return 0;
}
