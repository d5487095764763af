import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { Hook, TableName } from './types.js';
import type { L2Info, NfCtx, RouteInfo } from './context.js';
import { TABLE_HOOKS } from './tables.js';
import { doTable } from './engine.js';
import { conntrackConfirm, conntrackIn } from './conntrack/core.js';
import { conntrackNeeded, natHooked } from './conntrack/need.js';
import { nfctOf, withNfct } from './conntrack/skb.js';
import { natHook } from './nat/hook.js';

/** What the caller of NF_HOOK knows about the packet at that point. */
export interface HookState {
  readonly in: Link | null;
  readonly out: Link | null;
  readonly l2?: L2Info | null;
  readonly route: RouteInfo;
  readonly fromSocket?: boolean;
}

/**
 * One function on a hook, run in priority order (struct nf_hook_ops): an
 * iptables table, conntrack's lookup (-200) and confirmation (last), or
 * the nat hook that runs the nat table (-100 DNAT, +100 SNAT).
 */
type HookOp =
  | { readonly kind: 'table'; readonly priority: number; readonly table: TableName }
  | { readonly kind: 'conntrack'; readonly priority: number }
  | { readonly kind: 'confirm'; readonly priority: number }
  | { readonly kind: 'nat'; readonly priority: number };

/** NF_IP_PRI_CONNTRACK and NF_IP_PRI_CONNTRACK_CONFIRM. */
const CONNTRACK_PRIORITY = -200;
const CONFIRM_PRIORITY = 0x7fffffff;

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
    .map((table): HookOp => {
      const priority = tablePriority(table, hook);
      return table === 'nat' ? { kind: 'nat', priority } : { kind: 'table', table, priority };
    })
    .concat(
      hook === 'PREROUTING' || hook === 'OUTPUT' ? [{ kind: 'conntrack', priority: CONNTRACK_PRIORITY }] : [],
      hook === 'INPUT' || hook === 'POSTROUTING' ? [{ kind: 'confirm', priority: CONFIRM_PRIORITY }] : [],
    )
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
 * one drops the packet. Conntrack's functions are on the hooks only while
 * something needs conntrack; the nat table is walked by the nat hook for a
 * flow's first packet only. Tables nothing created are not on the hook, and
 * a namespace without any table never gets here (see `active`).
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
    table: 'filter',
    packet: scrubbed(netns, hook, packet, state.in),
  };
  const tracking = conntrackNeeded(nf);
  let reroute = false;
  for (const op of OPS[hook]) {
    const before = ctx.packet;
    if (op.kind === 'conntrack' || op.kind === 'confirm') {
      if (!tracking) continue;
      const next = op.kind === 'conntrack' ? conntrackIn(netns, hook, ctx.packet) : ctx.packet;
      if (!next || (op.kind === 'confirm' && !conntrackConfirm(netns, next))) return null;
      ctx.packet = next;
      continue;
    }
    let name: TableName = 'nat';
    if (op.kind === 'nat') {
      if (!tracking || !natHooked(nf)) continue;
      if (!natHook(netns, hook, ctx)) return null;
    } else {
      const table = nf.current(op.table);
      if (!table) continue;
      name = ctx.table = op.table;
      if (doTable(table, ctx) === 'DROP') return null;
    }
    if (hook === 'OUTPUT' && REROUTING.has(name) && routeKeysChanged(before, ctx.packet)) reroute = true;
  }
  return { packet: ctx.packet, reroute };
}

/**
 * skb_scrub_packet: a packet that arrived over a wire is not this
 * namespace's flow yet, whatever it carried; only lo hands its skb back
 * with the conntrack it had.
 */
function scrubbed(netns: Netns, hook: Hook, packet: Ipv4Packet, dev: Link | null): Ipv4Packet {
  if (hook !== 'PREROUTING' || dev?.kind === 'loopback' || !nfctOf(packet, netns)) return packet;
  return withNfct(packet, netns, undefined);
}

function routeKeysChanged(a: Ipv4Packet, b: Ipv4Packet): boolean {
  return a.src !== b.src || a.dst !== b.dst || (a.mark ?? 0) !== (b.mark ?? 0) || a.tos !== b.tos;
}
