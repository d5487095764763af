import type { IpContext, IpObjectHandler } from './context.js';
import type { Scope } from '../../kernel/addr.js';
import type { Prefix } from '../../net/ipv4.js';
import { Args, die, getAddr, getPrefix, invarg, exitStatusOf, matches, netlinkError } from './ip-args.js';
import { addAddress, deleteAddress, removeAddress } from '../../kernel/devinet.js';
import { listAddrs, parseListArgs } from './addr-list.js';
import { SCOPE_VALUE } from '../../kernel/addr.js';

/** `ip address ...`: iproute2's do_ipaddr. */
export const ipAddr: IpObjectHandler = exitStatusOf(dispatch);

function dispatch(ctx: IpContext, args: string[]): number {
  if (args.length === 0) return listAddrs(ctx, parseListArgs(ctx, [], 'address'));
  const [cmd, ...rest] = args;
  if (matches(cmd, 'add')) return modify(ctx, 'add', rest);
  if (matches(cmd, 'change') || cmd === 'chg') return modify(ctx, 'change', rest);
  if (matches(cmd, 'replace')) return modify(ctx, 'replace', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'delete', rest);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst'))
    return listAddrs(ctx, parseListArgs(ctx, rest, 'address'));
  if (matches(cmd, 'flush')) return flush(ctx, rest);
  if (matches(cmd, 'help')) die(ctx, USAGE, 255);
  return die(ctx, `Command "${cmd}" is unknown, try "ip address help".\n`, 255);
}

const USAGE =
  'Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n' +
  '                                                      [ CONFFLAG-LIST ]\n' +
  '       ip address del IFADDR dev IFNAME [mngtmpaddr]\n' +
  '       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n' +
  '                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n' +
  '       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n' +
  '                         [ nomaster ]\n' +
  '                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n' +
  '                         [ label LABEL ] [up] [ vrf NAME ]\n' +
  '                         [ proto ADDRPROTO ] ]\n' +
  '       ip address {showdump|restore}\n';

const SCOPES: Record<string, Scope> = {
  global: 'global',
  universe: 'global',
  site: 'site',
  link: 'link',
  host: 'host',
  nowhere: 'nowhere',
};

function modify(ctx: IpContext, cmd: 'add' | 'change' | 'replace' | 'delete', argv: string[]): number {
  const family = ctx.options.family;
  let local: Prefix | null = null;
  let localArg = '';
  let localHasLen = false;
  let peer: Prefix | null = null;
  let brd: number | '+' | '-' | null = null;
  let scope: Scope | null = null;
  let dev: string | null = null;
  let label: string | undefined;
  let noPrefixRoute = false;
  const dup = (key: string, arg: string): never =>
    die(ctx, `Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
  const a = new Args(ctx, argv);
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'peer' || w === 'remote') {
      const v = a.next();
      if (peer) dup('peer', v);
      peer = getPrefix(ctx, v, family);
    } else if (matches(w, 'broadcast') || w === 'brd') {
      const v = a.next();
      if (brd !== null) dup('broadcast', v);
      brd = v === '+' || v === '-' ? v : getAddr(ctx, v, family);
    } else if (w === 'scope') {
      const v = a.next();
      const s = SCOPES[v] ?? scopeByNumber(v);
      if (!s) invarg(ctx, 'invalid scope value.', v);
      scope = s;
    } else if (w === 'dev') dev = a.next();
    else if (w === 'label') label = a.next();
    else if (matches(w, 'valid_lft') || matches(w, 'preferred_lft')) a.next();
    else if (w === 'noprefixroute') noPrefixRoute = true;
    else if (['home', 'nodad', 'optimistic', 'mngtmpaddr', 'autojoin'].includes(w)) continue;
    else {
      let v = w;
      if (w === 'local') v = a.next();
      else if (matches(w, 'help')) die(ctx, USAGE, 255);
      if (local) die(ctx, `Error: either "local" is duplicate, or "${v}" is a garbage.\n`, 255);
      localArg = v;
      local = getPrefix(ctx, v, family);
      localHasLen = v.includes('/');
    }
  }
  if (dev === null) die(ctx, 'Not enough information: "dev" argument is required.\n', 1);
  const link = ctx.netns.linkByName(dev) ?? die(ctx, `Cannot find device "${dev}"\n`, 1);
  if (!local) {
    // Without IFA_LOCAL the kernel has nothing to add or match.
    ctx.proc.stderr.write('RTNETLINK answers: Invalid argument\n');
    return 2;
  }
  let wildcard = false;
  if (!peer && cmd === 'delete' && !localHasLen) {
    wildcard = true;
    ctx.proc.stderr.write(
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        `         Explicitly specify the prefix length (${localArg}/32) to avoid this warning.\n` +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n',
    );
  }
  const prefixLen = peer ? peer.len : local.len;
  try {
    if (cmd === 'delete') {
      deleteAddress(ctx.netns, link, {
        local: local.addr,
        label,
        ...(wildcard ? {} : { address: peer ? peer.addr : local.addr, prefixLen }),
      });
      return 0;
    }
    let broadcast: number | null = null;
    if (typeof brd === 'number') broadcast = brd;
    else if (brd !== null && prefixLen <= 30) {
      const hostMask = prefixLen === 0 ? 0xffffffff : (1 << (32 - prefixLen)) - 1;
      const base = (peer ?? local).addr;
      broadcast = (brd === '+' ? base | hostMask : base & ~hostMask) >>> 0;
    }
    const defaultScope: Scope = local.addr >>> 24 === 127 ? 'host' : 'global';
    const req = {
      local: local.addr,
      prefixLen,
      peer: peer ? peer.addr : null,
      broadcast,
      scope: scope ?? defaultScope,
      label,
      noPrefixRoute,
    };
    if (cmd !== 'add') {
      const existing = ctx.netns
        .addrsOf(link)
        .find((x) => x.local === local!.addr && x.prefixLen === prefixLen);
      if (existing) removeAddress(ctx.netns, existing);
      else if (cmd === 'change') {
        ctx.proc.stderr.write('RTNETLINK answers: No such file or directory\n');
        return 2;
      }
    }
    addAddress(ctx.netns, link, req);
  } catch (e) {
    return netlinkError(ctx, e);
  }
  return 0;
}

function scopeByNumber(v: string): Scope | undefined {
  if (!/^\d+$/.test(v)) return undefined;
  return (Object.keys(SCOPE_VALUE) as Scope[]).find((s) => SCOPE_VALUE[s] === Number(v));
}

/** `ip addr flush`: deletes every selected address (secondaries go with their primaries). */
function flush(ctx: IpContext, argv: string[]): number {
  if (argv.length === 0) die(ctx, 'Flush requires arguments.\n', 255);
  const f = parseListArgs(ctx, argv, 'address');
  for (const link of ctx.netns.linkList()) {
    if (f.dev && link !== f.dev) continue;
    if (f.up && !link.adminUp) continue;
    for (;;) {
      const next = ctx.netns
        .addrsOf(link)
        .find(
          (x) =>
            (f.label === null || x.label === f.label) &&
            (f.scope === null || SCOPE_VALUE[x.scope] === f.scope),
        );
      if (!next) break;
      removeAddress(ctx.netns, next);
    }
  }
  return 0;
}
