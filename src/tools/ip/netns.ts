import type { IpContext, IpObjectHandler } from './context.js';
import { die, exitStatusOf, matches } from './ip-args.js';
import { destroyNetns } from '../../kernel/link/ops.js';
import { peernetId } from '../../kernel/netnsid.js';

/** `ip netns ...`: iproute2's do_ipnetns over the emulated /run/netns. */
export const ipNetns: IpObjectHandler = exitStatusOf(dispatch);

const USAGE =
  'Usage:\tip netns list\n' +
  '\tip netns add NAME\n' +
  '\tip netns attach NAME PID\n' +
  '\tip netns set NAME NETNSID\n' +
  '\tip [-all] netns delete [NAME]\n' +
  '\tip netns identify [PID]\n' +
  '\tip netns pids NAME\n' +
  '\tip [-all] netns exec [NAME] cmd ...\n' +
  '\tip netns monitor\n' +
  '\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n' +
  'NETNSID := auto | POSITIVE-INT\n';

const invalidName = (name: string): boolean => name.includes('/') || name === '.' || name === '..';

async function dispatch(ctx: IpContext, args: string[]): Promise<number> {
  if (args.length === 0) return list(ctx);
  const [cmd, ...rest] = args;
  if (rest.length > 0 && invalidName(rest[0])) die(ctx, `Invalid netns name "${rest[0]}"\n`, 255);
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return list(ctx);
  if (matches(cmd, 'help')) die(ctx, USAGE, 255);
  if (matches(cmd, 'add')) return add(ctx, rest);
  if (matches(cmd, 'delete')) return del(ctx, rest);
  if (matches(cmd, 'identify')) return identify(ctx);
  if (matches(cmd, 'exec')) return exec(ctx, rest);
  return die(ctx, `Command "${cmd}" is unknown, try "ip netns help".\n`, 255);
}

/** /run/netns in readdir order: tmpfs lists the newest entry first. */
function list(ctx: IpContext): number {
  const names = [...ctx.proc.world.named.keys()].reverse();
  for (const name of names) {
    const id = peernetId(ctx.netns, ctx.proc.world.named.get(name)!);
    ctx.proc.stdout.write(id === null ? `${name}\n` : `${name} (id: ${id})\n`);
  }
  return 0;
}

function add(ctx: IpContext, args: string[]): number {
  if (args.length < 1) die(ctx, 'No netns name specified\n', 1);
  const name = args[0];
  if (ctx.proc.world.named.has(name))
    die(ctx, `Cannot create namespace file "/run/netns/${name}": File exists\n`, 1);
  ctx.proc.world.createNetns(name);
  return 0;
}

function del(ctx: IpContext, args: string[]): number {
  if (args.length < 1) die(ctx, 'No netns name specified\n', 1);
  const name = args[0];
  const ns = ctx.proc.world.named.get(name);
  if (!ns) die(ctx, `Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`, 1);
  destroyNetns(ns);
  return 0;
}

function identify(ctx: IpContext): number {
  const names = [...ctx.proc.world.named.entries()].filter(([, ns]) => ns === ctx.netns).map(([n]) => n);
  ctx.proc.stdout.write(`${names.join(' ')}\n`);
  return 0;
}

async function exec(ctx: IpContext, args: string[]): Promise<number> {
  if (args.length < 1) die(ctx, 'No netns name specified\n', 1);
  if (args.length < 2) die(ctx, 'No command specified\n', 1);
  const ns = ctx.proc.world.named.get(args[0]);
  if (!ns) die(ctx, `Cannot open network namespace "${args[0]}": No such file or directory\n`, 255);
  return ctx.proc.exec(args.slice(1), { netns: ns });
}
