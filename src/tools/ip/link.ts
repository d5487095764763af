import type { IpContext, IpObjectHandler } from './context.js';
import type { Link } from '../../kernel/link/link.js';
import type { Netns } from '../../kernel/netns.js';
import { Bridge } from '../../kernel/link/bridge.js';
import { Args, die, invarg, exitStatusOf, matches, netlinkError } from './ip-args.js';
import { parseMac } from '../../net/mac.js';
import { failExt } from '../../kernel/route/error.js';
import { fail } from '../../kernel/errno.js';
import {
  createBridge,
  createDummy,
  createVeth,
  deleteLink,
  MAX_IFNAME,
  moveToNetns,
  rename,
  setMac,
  setMaster,
  setMtu,
  setUp,
} from '../../kernel/link/ops.js';
import { listLinks, parseListArgs } from './addr-list.js';

/** `ip link ...`: iproute2's do_iplink. */
export const ipLink: IpObjectHandler = exitStatusOf(dispatch);

function dispatch(ctx: IpContext, args: string[]): number {
  if (args.length === 0) return listLinks(ctx, parseListArgs(ctx, [], 'link'));
  const [cmd, ...rest] = args;
  if (matches(cmd, 'add')) return modify(ctx, 'add', rest);
  if (matches(cmd, 'set') || matches(cmd, 'change')) return modify(ctx, 'set', rest);
  if (matches(cmd, 'delete')) return modify(ctx, 'delete', rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list'))
    return listLinks(ctx, parseListArgs(ctx, rest, 'link'));
  if (matches(cmd, 'help')) return usage(ctx);
  return die(ctx, `Command "${cmd}" is unknown, try "ip link help".\n`, 255);
}

function usage(ctx: IpContext): never {
  die(
    ctx,
    'Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n' +
      '\t\t    [ txqueuelen PACKETS ]\n' +
      '\t\t    [ address LLADDR ]\n' +
      '\t\t    [ broadcast LLADDR ]\n' +
      '\t\t    [ mtu MTU ] [index IDX ]\n' +
      '\t\t    [ numtxqueues QUEUE_COUNT ]\n' +
      '\t\t    [ numrxqueues QUEUE_COUNT ]\n' +
      '\t\t    [ netns { PID | NETNSNAME | NETNSFILE } ]\n' +
      '\t\t    type TYPE [ ARGS ]\n',
    255,
  );
}

/** What iplink_parse collects for one device (the peer of a veth has its own). */
interface LinkRequest {
  dev: string | null;
  name: string | null;
  up: boolean | null;
  mtu: number | null;
  mac: string | null;
  txqlen: number | null;
  alias: string | null;
  group: number | null;
  netns: Netns | null;
  master: Link | null | undefined;
  type: string | null;
  typeArgs: string[];
}

const ifnameOk = (name: string): boolean =>
  name.length > 0 && name.length <= MAX_IFNAME && !/[\s/:]/.test(name) && name !== '.' && name !== '..';

function parseInteger(text: string): number | null {
  return /^-?(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : null;
}

/**
 * rtnl_group_a2n: a name from /etc/iproute2/group (only `default`, 0) or
 * a strtol number >= 0, kept as an int: -1 (4294967295) means none and is
 * refused, larger values wrap.
 */
function parseGroup(text: string): number | null {
  if (text === 'default') return 0;
  const m = /^\s*\+?(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.exec(text);
  if (!m) return null;
  const n =
    Number(m[1].startsWith('0') && !/^0x/i.test(m[1]) && m[1].length > 1 ? parseInt(m[1], 8) : m[1]) | 0;
  return n === -1 ? null : n >>> 0;
}

function parseLinkArgs(ctx: IpContext, argv: readonly string[]): LinkRequest {
  const r: LinkRequest = {
    dev: null,
    name: null,
    up: null,
    mtu: null,
    mac: null,
    txqlen: null,
    alias: null,
    group: null,
    netns: null,
    master: undefined,
    type: null,
    typeArgs: [],
  };
  const a = new Args(ctx, argv);
  const dup = (key: string, arg: string): never =>
    die(ctx, `Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'up') r.up = true;
    else if (w === 'down') r.up = false;
    else if (w === 'name') {
      const v = a.next();
      if (r.name !== null) dup('name', v);
      if (!ifnameOk(v)) invarg(ctx, '"name" not a valid ifname', v);
      r.name = v;
    } else if (matches(w, 'address')) {
      const v = a.next();
      r.mac = parseMac(v) ?? die(ctx, `"${v}" is invalid lladdr.\n`, 1);
    } else if (matches(w, 'txqueuelen') || w === 'qlen' || matches(w, 'txqlen')) {
      const v = a.next();
      if (r.txqlen !== null) dup('txqueuelen', v);
      r.txqlen = parseInteger(v) ?? invarg(ctx, 'Invalid "txqueuelen" value\n', v);
    } else if (w === 'mtu') {
      const v = a.next();
      if (r.mtu !== null) dup('mtu', v);
      r.mtu = parseInteger(v) ?? invarg(ctx, 'Invalid "mtu" value\n', v);
    } else if (w === 'group') {
      const v = a.next();
      if (r.group !== null) dup('group', v);
      r.group = parseGroup(v) ?? invarg(ctx, 'Invalid "group" value\n', v);
    } else if (w === 'netns') {
      const v = a.next();
      if (r.netns !== null) dup('netns', v);
      r.netns = ctx.proc.world.named.get(v) ?? invarg(ctx, 'Invalid "netns" value\n', v);
    } else if (w === 'master') {
      const v = a.next();
      r.master = ctx.netns.linkByName(v) ?? invarg(ctx, 'Device does not exist\n', v);
    } else if (w === 'nomaster') r.master = null;
    else if (matches(w, 'alias')) {
      const v = a.next();
      if (v.length >= 256) invarg(ctx, 'alias too long\n', v);
      r.alias = v;
    } else if (w === 'type') {
      r.type = a.next();
      r.typeArgs = argv.slice(a.i + 1) as string[];
      break;
    } else {
      let v = w;
      if (w === 'dev') v = a.next();
      else if (matches(w, 'help')) usage(ctx);
      if (r.dev !== null) die(ctx, `Error: either "dev" is duplicate, or "${v}" is a garbage.\n`, 255);
      if (!ifnameOk(v)) invarg(ctx, '"dev" not a valid ifname', v);
      r.dev = v;
    }
  }
  return r;
}

function modify(ctx: IpContext, cmd: 'add' | 'set' | 'delete', argv: string[]): number {
  const r = parseLinkArgs(ctx, argv);
  if (cmd === 'add') return add(ctx, r);
  if (r.dev === null) die(ctx, 'Not enough information: "dev" argument is required.\n', 255);
  const link = ctx.netns.linkByName(r.dev) ?? die(ctx, `Cannot find device "${r.dev}"\n`, 1);
  try {
    if (cmd === 'delete') {
      deleteLink(link);
      return 0;
    }
    applySet(ctx, link, r);
  } catch (e) {
    return netlinkError(ctx, e);
  }
  return 0;
}

/** do_setlink's order: netns, address, mtu, name, txqlen, alias, master, flags (up/down) last. */
function applySet(ctx: IpContext, link: Link, r: LinkRequest): void {
  if (r.type !== null) setType(ctx, link, r.type, r.typeArgs);
  if (r.netns !== null) {
    if (link.kind === 'loopback' || link.kind === 'bridge')
      failExt('EINVAL', 'The interface netns is immutable');
    moveToNetns(link, r.netns);
  }
  if (r.mac !== null) setMac(link, r.mac);
  if (r.mtu !== null) setMtu(link, r.mtu);
  if (r.name !== null) rename(link, r.name);
  if (r.group !== null) link.group = r.group;
  if (r.txqlen !== null) {
    if (r.txqlen < 0) fail('EINVAL');
    link.txqlen = r.txqlen;
  }
  if (r.alias !== null) link.alias = r.alias === '' ? null : r.alias;
  if (r.master !== undefined) setMaster(link, r.master);
  if (r.up !== null) setUp(link, r.up);
}

/** `type bridge_slave hairpin on ...` on a port (other kinds: their own options, mostly ignored). */
function setType(ctx: IpContext, link: Link, type: string, args: string[]): void {
  if (type !== 'bridge_slave') return;
  const br = link.master;
  const port = br instanceof Bridge ? br.ports.get(link.ifindex) : undefined;
  const values = new Map<string, boolean>();
  for (let i = 0; i < args.length; i++) {
    const key = args[i];
    if (!['hairpin', 'learning', 'flood'].includes(key)) continue;
    const v = args[++i];
    if (v !== 'on' && v !== 'off')
      die(ctx, `Error: argument of "${key}" must be "on" or "off", not "${v ?? ''}"\n`, 255);
    values.set(key, v === 'on');
  }
  if (!port) fail('EOPNOTSUPP');
  for (const [k, v] of values) {
    if (k === 'hairpin') port.hairpin = v;
    else if (k === 'learning') port.learning = v;
    else port.flood = v;
  }
}

function add(ctx: IpContext, r: LinkRequest): number {
  const name = r.name ?? r.dev;
  if (r.type === null) die(ctx, 'Not enough information: "type" argument is required\n', 1);
  const netns = r.netns ?? ctx.netns;
  try {
    let link: Link;
    if (r.type === 'veth') {
      const peer = parsePeer(ctx, r.typeArgs);
      const [dev, p] = createVeth({
        name,
        peerName: peer?.name ?? peer?.dev ?? null,
        netns,
        peerNetns: peer?.netns ?? netns,
      });
      link = dev;
      if (peer) applyCreateAttrs(p, peer);
    } else if (r.type === 'bridge') {
      const br = createBridge(netns, name);
      // Of the bridge's own options only mcast_snooping is modelled; the others are accepted and ignored.
      const k = r.typeArgs.indexOf('mcast_snooping');
      if (k >= 0) br.mcastSnooping = Number(r.typeArgs[k + 1]) !== 0;
      link = br;
    } else if (r.type === 'dummy') link = createDummy(netns, name);
    else failExt('EOPNOTSUPP', 'Unknown device type');
    applyCreateAttrs(link, r);
  } catch (e) {
    return netlinkError(ctx, e);
  }
  return 0;
}

function applyCreateAttrs(link: Link, r: LinkRequest): void {
  if (r.mac !== null) setMac(link, r.mac);
  if (r.mtu !== null) setMtu(link, r.mtu);
  if (r.txqlen !== null) link.txqlen = r.txqlen;
  if (r.alias !== null) link.alias = r.alias;
  if (r.master) setMaster(link, r.master);
  if (r.up) setUp(link, true);
}

/** link_veth's `peer [name] NAME [netns NS] ...`. */
function parsePeer(ctx: IpContext, args: string[]): LinkRequest | null {
  if (args.length === 0) return null;
  if (args[0] !== 'peer')
    die(
      ctx,
      "Usage: ip link <options> type veth [peer <options>]\nTo get <options> type 'ip link add help'\n",
      255,
    );
  const peer = parseLinkArgs(ctx, args.slice(1));
  if (peer.type !== null) die(ctx, `Error: duplicate "type": "${peer.type}" is the second value.\n`, 255);
  return peer;
}
