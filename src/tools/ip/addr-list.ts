import type { IpContext } from './context.js';
import type { Link } from '../../kernel/link/link.js';
import type { IfAddr } from '../../kernel/addr.js';
import { SCOPE_VALUE } from '../../kernel/addr.js';
import { formatIPv4 } from '../../net/ipv4.js';
import { inet6Addrs, isTentative } from '../../kernel/addrconf.js';
import { Args, die, invarg, matches } from './ip-args.js';
import {
  briefState,
  detailsBlock,
  linkFlags as linkFlagsOf,
  linkHeader,
  linkLayer,
  linkName,
  statsBlock,
} from './link-format.js';
import { operState } from '../../kernel/link/operstate.js';

/** What `ip link show` / `ip addr show` select (iproute2's struct filter). */
export interface ListFilter {
  dev: Link | null;
  up: boolean;
  master: Link | null;
  kind: string | null;
  label: string | null;
  scope: number | null;
}

/** fnmatch for the `label` filter (`*`, `?` only). */
function globMatch(pattern: string, text: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return re.test(text);
}

const SCOPE_NAMES: Record<string, number> = {
  global: 0,
  universe: 0,
  site: 200,
  link: 253,
  host: 254,
  nowhere: 255,
};

/** ipaddr_list_flush_or_save's argument loop. */
export function parseListArgs(
  ctx: IpContext,
  argv: readonly string[],
  object: 'link' | 'address',
): ListFilter {
  const f: ListFilter = { dev: null, up: false, master: null, kind: null, label: null, scope: null };
  let devName: string | null = null;
  const a = new Args(ctx, argv);
  for (; !a.done; a.i++) {
    const w = a.word;
    if (w === 'up') f.up = true;
    else if (w === 'master') {
      const name = a.next();
      f.master = ctx.netns.linkByName(name) ?? invarg(ctx, 'Device does not exist\n', name);
    } else if (w === 'type') f.kind = a.next();
    else if (object === 'address' && w === 'label') f.label = a.next();
    else if (object === 'address' && w === 'scope') {
      const s = a.next();
      const v = SCOPE_NAMES[s] ?? (/^\d+$/.test(s) ? Number(s) : undefined);
      f.scope = v ?? invarg(ctx, 'invalid "scope"\n', s);
    } else {
      let name = w;
      if (w === 'dev') name = a.next();
      else if (matches(w, 'help')) die(ctx, '', 255);
      if (devName !== null) die(ctx, `Error: either "dev" is duplicate, or "${name}" is a garbage.\n`, 255);
      devName = name;
    }
  }
  if (devName !== null) {
    f.dev = ctx.netns.linkByName(devName) ?? die(ctx, `Device "${devName}" does not exist.\n`, 1);
  }
  return f;
}

function linkSelected(link: Link, f: ListFilter): boolean {
  if (f.dev && link !== f.dev) return false;
  if (f.up && !link.adminUp) return false;
  if (f.master && link.master !== f.master) return false;
  if (f.kind) {
    const kind = link.kind === 'loopback' ? '' : link.kind;
    const slave = link.master?.kind === 'bridge' ? 'bridge_slave' : '';
    if (f.kind !== kind && f.kind !== slave) return false;
  }
  return true;
}

function addrSelected(a: IfAddr, f: ListFilter): boolean {
  if (f.label !== null && !globMatch(f.label, a.label)) return false;
  if (f.scope !== null && SCOPE_VALUE[a.scope] !== f.scope) return false;
  return true;
}

export function inetLine(a: IfAddr): string {
  const local = formatIPv4(a.local);
  const where =
    a.address !== a.local
      ? `${local} peer ${formatIPv4(a.address)}/${a.prefixLen}`
      : `${local}/${a.prefixLen}`;
  const brd = a.broadcast !== null ? ` brd ${formatIPv4(a.broadcast)}` : '';
  const flags = `${a.secondary ? 'secondary ' : ''}${a.noPrefixRoute ? 'noprefixroute ' : ''}`;
  return `    inet ${where}${brd} scope ${a.scope} ${flags}${a.label}`;
}

const LFT = '       valid_lft forever preferred_lft forever';

/** `ip link show`. */
export function listLinks(ctx: IpContext, f: ListFilter): number {
  const out = ctx.proc.stdout;
  for (const link of ctx.netns.linkList()) {
    if (!linkSelected(link, f)) continue;
    if (ctx.options.brief) {
      out.write(
        `${linkName(link).padEnd(16)} ${briefState(link).padEnd(14)} ${link.mac} <${linkFlagsOf(link)}> \n`,
      );
      continue;
    }
    const lines = [linkHeader(ctx, link, true), `    ${linkLayer(ctx, link)}`];
    if (ctx.options.details) lines[1] += ' ' + detailsBlock(link)[0];
    if (ctx.options.details)
      lines.push(
        ...detailsBlock(link)
          .slice(1)
          .map((l) => `    ${l}`),
      );
    if (link.alias !== null) lines.push(`    alias ${link.alias}`);
    if (ctx.options.stats) lines.push(...statsBlock(link));
    out.write(ctx.options.oneline ? `${lines.join('\\')}\n` : `${lines.join('\n')}\n`);
  }
  return 0;
}

/** `ip addr show`: devices with their addresses; with -4/-6 only devices that have some. */
export function listAddrs(ctx: IpContext, f: ListFilter): number {
  const out = ctx.proc.stdout;
  const family = ctx.options.family;
  for (const link of ctx.netns.linkList()) {
    if (!linkSelected(link, f)) continue;
    const v4 =
      family === 'inet6' || family === 'link'
        ? []
        : ctx.netns.addrsOf(link).filter((a) => addrSelected(a, f));
    const v6 =
      family === 'inet' || family === 'link' || f.label !== null
        ? []
        : inet6Addrs(link).filter((a) => f.scope === null || SCOPE_VALUE[a.scope] === f.scope);
    const filtered = family !== null || f.label !== null || f.scope !== null;
    if (filtered && family !== 'link' && v4.length + v6.length === 0) continue;
    if (ctx.options.brief) {
      const addrs = [
        ...v4.map((a) =>
          a.address !== a.local
            ? `${formatIPv4(a.local)} peer ${formatIPv4(a.address)}/${a.prefixLen} `
            : `${formatIPv4(a.local)}/${a.prefixLen} `,
        ),
        ...v6.map((a) => `${a.text}/${a.prefixLen} `),
      ];
      out.write(`${linkName(link).padEnd(16)} ${operState(link).padEnd(14)} ${addrs.join('')}\n`);
      continue;
    }
    const inet = [
      ...v4.map((a) => [inetLine(a), LFT]),
      ...v6.map((a) => [
        `    inet6 ${a.text}/${a.prefixLen} scope ${a.scope} ${isTentative(a, ctx.netns.world.clock.now) ? 'tentative ' : ''}`,
        LFT,
      ]),
    ];
    if (ctx.options.oneline) {
      for (const [l1, l2] of inet) out.write(`${link.ifindex}: ${link.name}${l1}\\${l2}\n`);
      continue;
    }
    if (f.label !== null) {
      for (const [l1, l2] of inet) out.write(`${l1}\n${l2}\n`);
      continue;
    }
    let header = linkHeader(ctx, link, false);
    const lines: string[] = [];
    if (family === null || family === 'link') lines.push(`    ${linkLayer(ctx, link)}`);
    else header += linkLayer(ctx, link).replace(/^.*?ff:ff:ff:ff:ff:ff|^.*?brd 00:00:00:00:00:00/, '');
    if (ctx.options.stats) lines.push(...statsBlock(link));
    for (const pair of inet) lines.push(...pair);
    out.write(`${[header, ...lines].join('\n')}\n`);
  }
  return 0;
}
