import type { IpContext, IpObjectHandler } from './context.js';
import type { Rule, RuleAction } from '../../kernel/route/rules.js';
import { RULE_DEFAULTS } from '../../kernel/route/rules.js';
import { RT_TABLE_MAIN } from '../../kernel/route/route.js';
import { failExt } from '../../kernel/route/error.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { Args, die, getPrefix, invarg, exitStatusOf, matches, netlinkError, parseU32Arg } from './ip-args.js';
import { dsfieldName, parseDsfield, parseRouteType, parseTable, tableName } from './route-names.js';
import { usage } from './rule-usage.js';

/** `ip rule ...`: iproute2's do_iprule. */
export const ipRule: IpObjectHandler = exitStatusOf(dispatch);

function dispatch(ctx: IpContext, args: string[]): number {
  if (args.length === 0) return list(ctx, []);
  const [cmd, ...rest] = args;
  if (matches(cmd, 'list') || matches(cmd, 'lst') || matches(cmd, 'show')) return list(ctx, rest);
  if (matches(cmd, 'add')) return modify(ctx, rest, 'add');
  if (matches(cmd, 'delete')) return modify(ctx, rest, 'del');
  if (matches(cmd, 'flush')) return flush(ctx);
  if (matches(cmd, 'help')) usage(ctx);
  return die(ctx, `Command "${cmd}" is unknown, try "ip rule help".\n`, 255);
}

/** A parsed selector/action; `given` records which fields the user named (for delete matching). */
interface Parsed {
  rule: Rule;
  prefGiven: boolean;
  tableGiven: boolean;
  actionGiven: boolean;
}

function parse(ctx: IpContext, argv: string[], add: boolean): Parsed {
  const a = new Args(ctx, argv);
  const family = ctx.options.family;
  const r: { -readonly [K in keyof Rule]: Rule[K] } = {
    ...RULE_DEFAULTS,
    pref: 0,
    action: 'lookup',
    table: 0,
  };
  let prefGiven = false;
  let tableGiven = false;
  let actionGiven = false;
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'not') r.invert = true;
    else if (w === 'from') {
      const p = getPrefix(ctx, a.next(), family);
      [r.src, r.srcLen] = [p.addr, p.len];
    } else if (w === 'to') {
      const p = getPrefix(ctx, a.next(), family);
      [r.dst, r.dstLen] = [p.addr, p.len];
    } else if (matches(w, 'preference') || matches(w, 'order') || matches(w, 'priority')) {
      r.pref = parseU32Arg(a.next()) ?? invarg(ctx, 'preference value is invalid\n', a.word);
      prefGiven = true;
    } else if (w === 'tos' || matches(w, 'dsfield')) {
      r.tos = parseDsfield(a.next()) ?? invarg(ctx, 'TOS value is invalid\n', a.word);
    } else if (w === 'fwmark') {
      const [mark, mask] = a.next().split('/', 2);
      r.mark = parseU32Arg(mark) ?? invarg(ctx, 'fwmark value is invalid\n', mark);
      r.markMask =
        mask === undefined
          ? 0xffffffff
          : (parseU32Arg(mask) ?? invarg(ctx, 'fwmask value is invalid\n', mask));
    } else if (matches(w, 'table') || w === 'lookup') {
      r.table = parseTable(a.next()) ?? invarg(ctx, 'invalid table ID\n', a.word);
      tableGiven = true;
    } else if (matches(w, 'suppress_prefixlength') || w === 'sup_pl') {
      const v = a.next();
      r.suppressPrefixLen = /^\d+$/.test(v)
        ? Number(v)
        : invarg(ctx, 'suppress_prefixlength value is invalid\n', v);
    } else if (w === 'dev' || w === 'iif') {
      r.iif = a.next();
    } else if (w === 'oif') {
      r.oif = a.next();
    } else if (matches(w, 'goto')) {
      r.target = parseU32Arg(a.next()) ?? invarg(ctx, 'invalid target\n', a.word);
      r.action = 'goto';
      actionGiven = true;
    } else if (matches(w, 'nop')) {
      r.action = 'nop';
      actionGiven = true;
    } else {
      let word = w;
      if (word === 'type') word = a.next();
      if (matches(word, 'help')) usage(ctx);
      const type = parseRouteType(word);
      if (type === 'blackhole' || type === 'unreachable' || type === 'prohibit') r.action = type;
      else if (type !== 'unicast') invarg(ctx, 'Failed to parse rule type', word);
      actionGiven = true;
      tableGiven = true;
    }
  }
  if (add && !tableGiven) r.table = RT_TABLE_MAIN;
  return { rule: r, prefGiven, tableGiven, actionGiven };
}

function modify(ctx: IpContext, argv: string[], cmd: 'add' | 'del'): number {
  if (argv.length === 0) die(ctx, `"ip rule ${cmd}" requires arguments.\n`, 1);
  const p = parse(ctx, argv, cmd === 'add');
  const fib = ctx.netns.fib;
  try {
    if (cmd === 'add') {
      const rule = p.prefGiven ? p.rule : { ...p.rule, pref: fib.rules.defaultPref() };
      if (rule.action === 'goto' && rule.target <= rule.pref)
        failExt('EINVAL', 'Backward goto not supported - target <= priority');
      fib.addRule(rule);
    } else {
      fib.deleteRule({
        ...p.rule,
        prefGiven: p.prefGiven,
        action: p.actionGiven ? p.rule.action : undefined,
        table: p.tableGiven ? p.rule.table : 0,
      });
    }
  } catch (e) {
    return netlinkError(ctx, e);
  }
  return 0;
}

/** Every rule but those with preference 0 (iproute2 skips rules without FRA_PRIORITY). */
function flush(ctx: IpContext): number {
  const fib = ctx.netns.fib;
  for (const r of [...fib.rules.list()]) if (r.pref !== 0) fib.removeRule(r);
  return 0;
}

function list(ctx: IpContext, argv: string[]): number {
  const p = argv.length ? parse(ctx, argv, false) : null;
  const fib = ctx.netns.fib;
  if (ctx.options.family === 'inet6') return 0;
  let out = '';
  for (const r of fib.rules.list()) {
    if (p && !selected(p, r)) continue;
    out += formatRule(ctx, r);
  }
  ctx.proc.stdout.write(out);
  return 0;
}

function selected(p: Parsed, r: Rule): boolean {
  const s = p.rule;
  if (p.prefGiven && r.pref !== s.pref) return false;
  if (p.tableGiven && s.table && r.table !== s.table) return false;
  if (s.srcLen && (r.srcLen !== s.srcLen || r.src !== s.src)) return false;
  if (s.dstLen && (r.dstLen !== s.dstLen || r.dst !== s.dst)) return false;
  if (s.iif && r.iif !== s.iif) return false;
  if (s.oif && r.oif !== s.oif) return false;
  if (s.invert && !r.invert) return false;
  if (s.markMask && (r.mark !== s.mark || r.markMask !== s.markMask)) return false;
  return true;
}

const formatPrefix = (addr: number, len: number): string =>
  len === 32 ? formatIPv4(addr) : `${formatIPv4(addr)}/${len}`;

/** print_rule. */
export function formatRule(ctx: IpContext, r: Rule): string {
  let s = `${r.pref}:\t`;
  if (r.invert) s += 'not ';
  s += r.srcLen ? `from ${formatPrefix(r.src, r.srcLen)}` : 'from all';
  if (r.dstLen) s += ` to ${formatPrefix(r.dst, r.dstLen)}`;
  if (r.tos) s += ` tos ${dsfieldName(r.tos)}`;
  if (r.mark || r.markMask) {
    s += ` fwmark 0x${r.mark.toString(16)}`;
    if (r.markMask !== 0xffffffff) s += `/0x${r.markMask.toString(16)}`;
  }
  const detached = (name: string): string => (ctx.netns.linkByName(name) ? '' : ' [detached]');
  if (r.iif !== null) s += ` iif ${r.iif}${detached(r.iif)}`;
  if (r.oif !== null) s += ` oif ${r.oif}${detached(r.oif)}`;
  if (r.action === 'lookup' && r.table) {
    s += ` lookup ${tableName(r.table)}`;
    if (r.suppressPrefixLen >= 0) s += ` suppress_prefixlength ${r.suppressPrefixLen}`;
  }
  const actionWord: Record<RuleAction, string> = {
    lookup: '',
    goto: '',
    nop: ' nop',
    blackhole: ' blackhole',
    unreachable: ' unreachable',
    prohibit: ' prohibit',
  };
  if (r.action === 'goto')
    s += ` goto ${r.target}${ctx.netns.fib.rules.gotoTarget(r) ? '' : ' [unresolved]'}`;
  else s += actionWord[r.action];
  return `${s}\n`;
}
