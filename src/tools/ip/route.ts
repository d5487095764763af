import type { IpContext, IpObjectHandler } from './context.js';
import type { RouteType } from '../../kernel/route/fib.js';
import type { InsertFlags } from '../../kernel/route/table.js';
import {
  RT_SCOPE_HOST,
  RT_SCOPE_LINK,
  RT_SCOPE_NOWHERE,
  RT_SCOPE_UNIVERSE,
  RT_TABLE_LOCAL,
  RT_TABLE_MAIN,
  RTPROT_BOOT,
} from '../../kernel/route/route.js';
import {
  Args,
  die,
  getAddr,
  getPrefix,
  invarg,
  exitStatusOf,
  matches,
  netlinkError,
  parseU32Arg,
  requireDev,
} from './ip-args.js';
import { parseDsfield, parseProto, parseRouteType, parseScope, parseTable } from './route-names.js';
import { routeList } from './route-show.js';
import { routeGet } from './route-get.js';
import { usage } from './route-usage.js';

/** `ip route ...`: iproute2's do_iproute. */
export const ipRoute: IpObjectHandler = exitStatusOf(dispatch);

const F = (create: boolean, excl: boolean, replace: boolean, append: boolean): InsertFlags => ({
  create,
  excl,
  replace,
  append,
});

function dispatch(ctx: IpContext, args: string[]): number {
  if (args.length === 0) return routeList(ctx, [], 'show');
  const [cmd, ...rest] = args;
  if (matches(cmd, 'add')) return modify(ctx, rest, F(true, true, false, false));
  if (matches(cmd, 'change') || cmd === 'chg') return modify(ctx, rest, F(false, false, true, false));
  if (matches(cmd, 'replace')) return modify(ctx, rest, F(true, false, true, false));
  if (matches(cmd, 'prepend')) return modify(ctx, rest, F(true, false, false, false));
  if (matches(cmd, 'append')) return modify(ctx, rest, F(true, false, false, true));
  if (matches(cmd, 'test')) return modify(ctx, rest, F(false, true, false, false));
  if (matches(cmd, 'delete')) return modify(ctx, rest, null);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst'))
    return routeList(ctx, rest, 'show');
  if (matches(cmd, 'get')) return routeGet(ctx, rest);
  if (matches(cmd, 'flush')) return routeList(ctx, rest, 'flush');
  if (matches(cmd, 'help')) usage(ctx);
  return die(ctx, `Command "${cmd}" is unknown, try "ip route help".\n`, 255);
}

/** iproute_modify: RTM_NEWROUTE with the given flags, or RTM_DELROUTE when flags is null. */
function modify(ctx: IpContext, argv: string[], flags: InsertFlags | null): number {
  const del = flags === null;
  const a = new Args(ctx, argv);
  let family = ctx.options.family;
  let type: RouteType | null = del ? null : 'unicast';
  let dst: { addr: number; len: number } | null = null;
  let gateway: number | null = null;
  let prefsrc: number | null = null;
  let tos = 0;
  let metric = 0;
  let scope: number | null = null;
  let protocol = del ? 0 : RTPROT_BOOT;
  let table: number | null = null;
  let devName: string | null = null;
  let onlink = false;
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'src') {
      prefsrc = getAddr(ctx, a.next(), family);
      family ??= 'inet';
    } else if (w === 'via') {
      let text = a.next();
      if (text === 'inet') text = a.next();
      gateway = getAddr(ctx, text, family);
      family ??= 'inet';
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      const v = parseDsfield(a.next());
      tos = v ?? invarg(ctx, '"tos" value is invalid\n', a.word);
    } else if (matches(w, 'metric') || matches(w, 'priority') || w === 'preference') {
      const v = parseU32Arg(a.next());
      metric = v ?? invarg(ctx, '"metric" value is invalid\n', a.word);
    } else if (w === 'scope') {
      const v = parseScope(a.next());
      scope = v ?? invarg(ctx, 'invalid "scope" value\n', a.word);
    } else if (w === 'onlink') {
      onlink = true;
    } else if (matches(w, 'protocol')) {
      const v = parseProto(a.next());
      protocol = v ?? invarg(ctx, '"protocol" value is invalid\n', a.word);
    } else if (matches(w, 'table')) {
      const v = parseTable(a.next());
      table = v ?? invarg(ctx, '"table" value is invalid\n', a.word);
    } else if (w === 'dev' || w === 'oif') {
      devName = a.next();
    } else {
      let word = w;
      if (word === 'to') word = a.next();
      if ((word[0] < '0' || word[0] > '9') && parseRouteType(word)) {
        type = parseRouteType(word);
        word = a.next();
      }
      if (matches(word, 'help')) usage(ctx);
      if (dst) die(ctx, `Error: either "to" is duplicate, or "${word}" is a garbage.\n`, 255);
      dst = getPrefix(ctx, word, family);
      family ??= 'inet';
    }
  }
  if (!dst) usage(ctx);
  const dev = devName === null ? null : requireDev(ctx, devName);
  if (table === null) {
    table = !del && (type === 'local' || type === 'broadcast') ? RT_TABLE_LOCAL : RT_TABLE_MAIN;
  } else if (table === 0) {
    table = RT_TABLE_MAIN;
  }
  if (scope === null) {
    if (type === 'local') scope = RT_SCOPE_HOST;
    else if (type === 'broadcast' || type === 'multicast') scope = RT_SCOPE_LINK;
    else if (type === 'unicast' || type === null)
      scope = del ? RT_SCOPE_NOWHERE : gateway === null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
    else scope = del ? RT_SCOPE_NOWHERE : RT_SCOPE_UNIVERSE;
  }
  try {
    if (del) {
      ctx.netns.fib.deleteRoute(table, {
        dst: dst.addr,
        len: dst.len,
        tos,
        type,
        scope,
        prefsrc,
        protocol,
        priority: metric,
        dev,
        gateway,
      });
    } else {
      const cfg = {
        table,
        type: type!,
        dst: dst.addr,
        len: dst.len,
        tos,
        priority: metric,
        protocol,
        scope,
        prefsrc,
        dev,
        gateway,
        onlink,
      };
      ctx.netns.fib.addRoute(cfg, flags);
    }
  } catch (e) {
    return netlinkError(ctx, e);
  }
  return 0;
}
