import type { Command, Proc } from './process.js';
import type { Netns } from '../kernel/netns.js';
import type { Link } from '../kernel/link/link.js';
import type { Bridge, BridgePort } from '../kernel/link/bridge.js';
import { KernelError } from '../kernel/errno.js';
import { portState } from '../kernel/bridge/port-state.js';
import { selfFdb, selfFdbAdd, selfFdbDel } from '../kernel/bridge/self-fdb.js';
import { parseMac } from '../net/mac.js';

/** iproute2's `bridge` returns -1 from handlers, which the shell sees as 255. */
class Exit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}

interface Ctx {
  readonly proc: Proc;
  readonly netns: Netns;
  readonly details: boolean;
}

const matches = (word: string, keyword: string): boolean => word.length > 0 && keyword.startsWith(word);

function die(ctx: Ctx, message: string, status = 255): never {
  ctx.proc.stderr.write(message);
  throw new Exit(status);
}

function next(ctx: Ctx, args: string[], i: number): string {
  if (i + 1 >= args.length) die(ctx, 'Command line is not complete. Try option "help"\n');
  return args[i + 1];
}

const isBridge = (link: Link | null | undefined): link is Bridge => link?.kind === 'bridge';

function portOf(link: Link): BridgePort | undefined {
  return isBridge(link.master) ? link.master.ports.get(link.ifindex) : undefined;
}

/** print_link_flags as `bridge link` prints them, M-DOWN when the IFLA_LINK device is down. */
function linkFlags(ctx: Ctx, link: Link): string {
  const flags: string[] = [];
  if (link.adminUp && !link.carrier) flags.push('NO-CARRIER');
  if (link.kind === 'loopback') flags.push('LOOPBACK');
  else flags.push('BROADCAST');
  if (link.kind === 'dummy') flags.push('NOARP');
  else if (link.kind !== 'loopback') flags.push('MULTICAST');
  if (link.adminUp) flags.push('UP');
  if (link.operUp) flags.push('LOWER_UP');
  const iflink = peerIfindex(link);
  if (iflink !== null && !ctx.netns.links.get(iflink)?.adminUp) flags.push('M-DOWN');
  return flags.join(',');
}

/** IFLA_LINK of a veth is its peer's ifindex, resolved by name in *this* namespace. */
function peerIfindex(link: Link): number | null {
  const peer = (link as { peer?: Link | null }).peer;
  return link.kind === 'veth' && peer ? peer.ifindex : null;
}

function linkName(ctx: Ctx, link: Link): string {
  const iflink = peerIfindex(link);
  if (iflink === null) return link.name;
  return `${link.name}@${ctx.netns.links.get(iflink)?.name ?? `if${iflink}`}`;
}

function onOff(v: boolean): string {
  return v ? 'on' : 'off';
}

function printPort(ctx: Ctx, link: Link, port: BridgePort): void {
  const bridge = link.master as Bridge;
  ctx.proc.stdout.write(
    `${link.ifindex}: ${linkName(ctx, link)}: <${linkFlags(ctx, link)}> mtu ${link.mtu} master ${bridge.name} ` +
      `state ${portState(bridge, port)} priority ${port.priority} cost ${port.cost} \n`,
  );
  if (ctx.details) {
    ctx.proc.stdout.write(
      `    hairpin ${onOff(port.hairpin)} guard off root_block off fastleave off learning ${onOff(port.learning)} ` +
        `flood ${onOff(port.flood)} mcast_flood on bcast_flood on mcast_router 1 mcast_to_unicast off ` +
        'neigh_suppress off vlan_tunnel off isolated off locked off \n',
    );
  }
}

function findDev(ctx: Ctx, name: string): Link {
  return ctx.netns.linkByName(name) ?? die(ctx, `Cannot find device "${name}"\n`, 1);
}

function linkShow(ctx: Ctx, args: string[]): number {
  let only: Link | null = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') only = findDev(ctx, next(ctx, args, i++));
    else only = findDev(ctx, args[i]);
  }
  for (const link of ctx.netns.linkList()) {
    if (only !== null && link !== only) continue;
    const port = portOf(link);
    if (port) printPort(ctx, link, port);
  }
  return 0;
}

function parseOnOff(ctx: Ctx, key: string, value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return die(ctx, `Error: argument of "${key}" must be one of "off", "on", not "${value}"\n`, 234);
}

function linkSet(ctx: Ctx, args: string[]): number {
  let devName: string | null = null;
  const changes: Partial<Pick<BridgePort, 'hairpin' | 'learning' | 'flood'>> & {
    cost?: number;
    priority?: number;
  } = {};
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'dev') devName = next(ctx, args, i++);
    else if (word === 'hairpin' || word === 'learning' || word === 'flood') {
      changes[word] = parseOnOff(ctx, word, next(ctx, args, i++));
    } else if (word === 'cost' || word === 'priority') {
      changes[word] = Number(next(ctx, args, i++));
    } else if (
      [
        'guard',
        'fastleave',
        'root_block',
        'mcast_flood',
        'bcast_flood',
        'neigh_suppress',
        'isolated',
      ].includes(word)
    ) {
      parseOnOff(ctx, word, next(ctx, args, i++));
    } else {
      die(ctx, `Error: argument "${word}" is wrong: unknown option\n`);
    }
  }
  if (devName === null) die(ctx, 'Device is a required argument.\n');
  const link = ctx.netns.linkByName(devName) ?? die(ctx, `Cannot find bridge device "${devName}"\n`);
  const port = portOf(link) ?? die(ctx, 'RTNETLINK answers: Operation not supported\n');
  Object.assign(port, changes);
  return 0;
}

function link(ctx: Ctx, args: string[]): number {
  if (args.length === 0) return linkShow(ctx, []);
  const [cmd, ...rest] = args;
  if (matches(cmd, 'set') || matches(cmd, 'change')) return linkSet(ctx, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return linkShow(ctx, rest);
  return die(ctx, `Command "${cmd}" is unknown, try "bridge link help".\n`);
}

function fdbShow(ctx: Ctx, args: string[]): number {
  let br: Link | null = null;
  let dev: Link | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'br' || word === 'brport' || word === 'dev') {
      const name = next(ctx, args, i++);
      if (word === 'br') {
        br = ctx.netns.linkByName(name) ?? die(ctx, `Cannot find bridge device "${name}"\n`);
      } else dev = findDev(ctx, name);
    }
  }
  const out = ctx.proc.stdout;
  const devPart = (l: Link) => (dev === null ? `dev ${l.name} ` : '');
  for (const l of ctx.netns.linkList()) {
    if (dev !== null && l !== dev) continue;
    if (br !== null && l !== br && l.master !== br) continue;
    if (l.kind === 'loopback') continue;
    const master = l.master;
    if (isBridge(master)) {
      for (const e of master.fdb.dump()) {
        if (e.port !== l) continue;
        const state = e.local ? 'permanent' : e.isStatic ? 'static' : '';
        out.write(`${e.mac} ${devPart(l)}master ${master.name} ${state}\n`);
      }
    }
    for (const mac of selfFdb(l)) out.write(`${mac} ${devPart(l)}self permanent\n`);
    if (isBridge(l)) {
      for (const e of l.fdb.dump())
        if (e.port === null) out.write(`${e.mac} ${devPart(l)}master ${l.name} permanent\n`);
    }
  }
  return 0;
}

function fdbModify(ctx: Ctx, add: boolean, args: string[]): number {
  let mac: string | null = null;
  let devName: string | null = null;
  let master = false;
  let kind: 'permanent' | 'static' | 'dynamic' = 'static';
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === 'dev') devName = next(ctx, args, i++);
    else if (word === 'master') master = true;
    else if (word === 'self') master = master || false;
    else if (matches(word, 'local') || matches(word, 'permanent')) kind = 'permanent';
    else if (matches(word, 'temp') || matches(word, 'static')) kind = 'static';
    else if (matches(word, 'dynamic')) kind = 'dynamic';
    else if (mac === null) mac = word;
    else die(ctx, `Error: either "addr" is duplicate, or "${word}" is a garbage.\n`);
  }
  if (devName === null || mac === null) die(ctx, 'Device and address are required arguments.\n');
  const parsed = parseMac(mac) ?? die(ctx, `Invalid mac address ${mac}\n`);
  const l = ctx.netns.linkByName(devName) ?? die(ctx, `Cannot find device "${devName}"\n`, 1);
  try {
    if (!master) {
      if (add) selfFdbAdd(l, parsed);
      else selfFdbDel(l, parsed);
      return 0;
    }
    const bridge = isBridge(l)
      ? l
      : isBridge(l.master)
        ? l.master
        : die(ctx, 'RTNETLINK answers: Operation not supported\n');
    const port = l === bridge ? null : l;
    if (add) {
      if (port === null || !bridge.fdb.add(parsed, port, kind)) die(ctx, 'RTNETLINK answers: File exists\n');
    } else if (!bridge.fdb.remove(parsed, port)) die(ctx, 'RTNETLINK answers: No such file or directory\n');
  } catch (err) {
    if (err instanceof KernelError) die(ctx, `RTNETLINK answers: ${err.message}\n`);
    throw err;
  }
  return 0;
}

function fdb(ctx: Ctx, args: string[]): number {
  if (args.length === 0) return fdbShow(ctx, []);
  const [cmd, ...rest] = args;
  if (matches(cmd, 'add') || matches(cmd, 'append') || matches(cmd, 'replace'))
    return fdbModify(ctx, true, rest);
  if (matches(cmd, 'delete')) return fdbModify(ctx, false, rest);
  if (matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'list')) return fdbShow(ctx, rest);
  return die(ctx, `Command "${cmd}" is unknown, try "bridge fdb help".\n`);
}

function run(proc: Proc): number {
  let netns = proc.netns;
  let details = false;
  const args = proc.argv.slice(1);
  const ctx0 = { proc, netns, details };
  while (args.length > 0 && args[0].startsWith('-')) {
    const opt = args.shift()!.replace(/^--?/, '');
    if (opt === 'n' || matches(opt, 'netns')) {
      const name = args.shift() ?? die(ctx0, 'Command line is not complete. Try option "help"\n');
      netns =
        proc.world.named.get(name) ??
        die(ctx0, `Cannot open network namespace "${name}": No such file or directory\n`);
    } else if (matches(opt, 'details')) details = true;
    else if (matches(opt, 'statistics') || matches(opt, 'json') || matches(opt, 'pretty') || opt === 's') {
      // Accepted; output stays the plain text form.
    } else die(ctx0, `Option "-${opt}" is unknown, try "bridge help".\n`);
  }
  const ctx: Ctx = { proc, netns, details };
  if (args.length === 0) die(ctx, 'Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n');
  const [object, ...rest] = args;
  if (matches(object, 'link')) return link(ctx, rest);
  if (matches(object, 'fdb')) return fdb(ctx, rest);
  return die(ctx, `Object "${object}" is unknown, try "bridge help".\n`);
}

/** iproute2's `bridge` (bridge/bridge.c, link.c, fdb.c): ports and the forwarding database. */
export const bridge: Command = async (proc) => {
  try {
    return run(proc);
  } catch (err) {
    if (err instanceof Exit) return err.status;
    throw err;
  }
};
