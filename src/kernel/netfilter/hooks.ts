import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { Hook, TableName } from './types.js';
import type { L2Info, NfCtx, RouteInfo } from './context.js';
import { TABLE_HOOKS } from './tables.js';
import { doTable } from './engine.js';

/** What the caller of NF_HOOK knows about the packet at that point. */
export interface HookState {
  readonly in: Link | null;
  readonly out: Link | null;
  readonly l2?: L2Info | null;
  readonly route: RouteInfo;
  readonly fromSocket?: boolean;
}

/** One function on a hook, run in priority order (struct nf_hook_ops). Conntrack will add its own. */
interface HookOp {
  readonly priority: number;
  readonly table: TableName;
}

/** NF_IP_PRI_*: the priority each iptables table registers at; nat is -100 (DNAT) or +100 (SNAT). */
function tablePriority(table: TableName, hook: Hook): number {
  switch (table) {
    case 'raw':
      return -300;
    case 'mangle':
      return -150;
    case 'nat':
      return hook === 'PREROUTING' || hook === 'OUTPUT' ? -100 : 100;
    case 'filter':
      return 0;
    case 'security':
      return 50;
  }
}

const opsFor = (hook: Hook): readonly HookOp[] =>
  (Object.keys(TABLE_HOOKS) as TableName[])
    .filter((t) => TABLE_HOOKS[t].includes(hook))
    .map((table) => ({ table, priority: tablePriority(table, hook) }))
    .sort((a, b) => a.priority - b.priority);

const OPS: Readonly<Record<Hook, readonly HookOp[]>> = {
  PREROUTING: opsFor('PREROUTING'),
  INPUT: opsFor('INPUT'),
  FORWARD: opsFor('FORWARD'),
  OUTPUT: opsFor('OUTPUT'),
  POSTROUTING: opsFor('POSTROUTING'),
};

/** Tables whose chain is a `route` type at OUTPUT: a change of these fields re-routes the packet. */
const REROUTING: ReadonlySet<TableName> = new Set(['mangle', 'nat']);

/** The packet after the hook, or null when a table dropped it (NF_DROP, or REJECT after its reply). */
export interface HookResult {
  readonly packet: Ipv4Packet;
  /** OUTPUT only: a mangle or nat table changed the route keys (ip_route_me_harder is due). */
  readonly reroute: boolean;
}

/**
 * nf_hook_slow: every table registered on `hook`, in priority order, until
 * one drops the packet. nat tables see only a flow's first packet (every
 * packet is NEW until conntrack exists). Tables nothing created are not on
 * the hook, and a namespace without any table never gets here (see `active`).
 */
export function nfHook(netns: Netns, hook: Hook, packet: Ipv4Packet, state: HookState): HookResult | null {
  const nf = netns.netfilter;
  const ctx: NfCtx = {
    netns,
    hook,
    in: state.in,
    out: state.out,
    l2: state.l2 ?? null,
    route: state.route,
    fromSocket: state.fromSocket ?? false,
    ctState: 'NEW',
    table: 'filter',
    packet,
  };
  let reroute = false;
  for (const op of OPS[hook]) {
    const table = nf.current(op.table);
    if (!table) continue;
    if (op.table === 'nat' && ctx.ctState !== 'NEW') continue;
    ctx.table = op.table;
    const before = ctx.packet;
    if (doTable(table, ctx) === 'DROP') return null;
    if (hook === 'OUTPUT' && REROUTING.has(op.table) && routeKeysChanged(before, ctx.packet)) reroute = true;
  }
  return { packet: ctx.packet, reroute };
}

function routeKeysChanged(a: Ipv4Packet, b: Ipv4Packet): boolean {
  return a.src !== b.src || a.dst !== b.dst || (a.mark ?? 0) !== (b.mark ?? 0) || a.tos !== b.tos;
}
