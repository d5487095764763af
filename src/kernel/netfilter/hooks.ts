import type { Netns } from '../netns.js';
import type { Link } from '../link/link.js';
import type { Ipv4Packet } from '../../net/packet.js';
import type { Hook, Table, TableName } from './types.js';
import type { Netfilter } from './store.js';
import type { L2Info, NfCtx, RouteInfo } from './context.js';
import { SAVE_ORDER, TABLE_HOOKS } from './tables.js';
import { doTable } from './engine.js';
import { conntrackConfirm, conntrackIn } from './conntrack/core.js';
import { conntrackNeeded, natHooked } from './conntrack/need.js';
import { nfctOf, withNfct } from './conntrack/skb.js';
import { natHook } from './nat/hook.js';
import { withoutNftrace } from './nftrace.js';
import { NfTrace } from '../trace/nf-trace.js';
import { traceIdOf } from '../trace/tag.js';
import type { DropCode } from '../trace/events.js';

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
export function tablePriority(table: TableName, hook: Hook): number {
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
/** What the hooks derive from a namespace's tables, kept until the next commit (Netfilter.generation). */
interface HookView {
  readonly generation: number;
  /** Per hook, the ops that have work in this view, in priority order (see stepsOf). */
  readonly steps: Readonly<Record<Hook, readonly Step[]>>;
}

/** A hook op the view keeps: conntrack's only while tracking, nat's only while NAT is hooked, tables that exist. */
interface Step {
  readonly kind: HookOp['kind'];
  /** The table a `table` op walks (null for the others). */
  readonly table: Table | null;
  readonly name: TableName;
}

/** OPS[hook] without the ops runOps would skip for this view: the same ops, in the same order. */
function stepsOf(
  hook: Hook,
  tracking: boolean,
  nat: boolean,
  tables: ReadonlyMap<TableName, Table>,
): readonly Step[] {
  const steps: Step[] = [];
  for (const op of OPS[hook]) {
    if (op.kind === 'conntrack' || op.kind === 'confirm') {
      if (tracking) steps.push({ kind: op.kind, table: null, name: 'nat' });
    } else if (op.kind === 'nat') {
      if (tracking && nat) steps.push({ kind: 'nat', table: null, name: 'nat' });
    } else {
      const table = tables.get(op.table);
      if (table) steps.push({ kind: 'table', table, name: op.table });
    }
  }
  return steps;
}

const views = new WeakMap<Netfilter, HookView>();

/** view.steps[hook] as a switch (a lookup by a key that varies is V8's slow path, at every hook). */
function stepsAt(view: HookView, hook: Hook): readonly Step[] {
  const steps = view.steps;
  switch (hook) {
    case 'PREROUTING':
      return steps.PREROUTING;
    case 'INPUT':
      return steps.INPUT;
    case 'FORWARD':
      return steps.FORWARD;
    case 'OUTPUT':
      return steps.OUTPUT;
    case 'POSTROUTING':
      return steps.POSTROUTING;
  }
}

/** The namespace whose view was asked last, and that view: a packet asks at every hook, most often of one namespace. */
let lastNf: Netfilter | null = null;
let lastView: HookView | null = null;

function viewOf(nf: Netfilter): HookView {
  if (nf === lastNf && lastView!.generation === nf.generation) return lastView!;
  const v = views.get(nf);
  if (v !== undefined && v.generation === nf.generation) {
    lastNf = nf;
    lastView = v;
    return v;
  }
  const tables = new Map<TableName, Table>();
  for (const name of SAVE_ORDER) {
    const t = nf.current(name);
    if (t) tables.set(name, t);
  }
  const tracking = conntrackNeeded(nf);
  const nat = natHooked(nf);
  const steps = {
    PREROUTING: stepsOf('PREROUTING', tracking, nat, tables),
    INPUT: stepsOf('INPUT', tracking, nat, tables),
    FORWARD: stepsOf('FORWARD', tracking, nat, tables),
    OUTPUT: stepsOf('OUTPUT', tracking, nat, tables),
    POSTROUTING: stepsOf('POSTROUTING', tracking, nat, tables),
  };
  const view: HookView = { generation: nf.generation, steps };
  views.set(nf, view);
  lastNf = nf;
  lastView = view;
  return view;
}

export function nfHook(netns: Netns, hook: Hook, packet: Ipv4Packet, state: HookState): HookResult | null {
  const out = runHook(
    netns,
    hook,
    packet,
    state.in,
    state.out,
    state.l2 ?? null,
    state.route,
    state.fromSocket ?? false,
  );
  return out === null ? null : { packet: out, reroute };
}

/**
 * nfHook for a received or forwarded packet (never OUTPUT, so no reroute
 * to report): the packet after the hook, or null when it was dropped.
 * Takes the hook state as arguments: no object per call.
 */
export function nfHookPacket(
  netns: Netns,
  hook: Exclude<Hook, 'OUTPUT'>,
  packet: Ipv4Packet,
  inDev: Link | null,
  outDev: Link | null,
  l2: L2Info | null,
  route: RouteInfo,
): Ipv4Packet | null {
  return runHook(netns, hook, packet, inDev, outDev, l2, route, false);
}

/** runHook's answer besides the packet: whether OUTPUT's mangle or nat changed the route keys. */
let reroute = false;

function runHook(
  netns: Netns,
  hook: Hook,
  packet: Ipv4Packet,
  inDev: Link | null,
  outDev: Link | null,
  l2: L2Info | null,
  route: RouteInfo,
  fromSocket: boolean,
): Ipv4Packet | null {
  const tr = traceFor(netns, hook, packet);
  const depth = hookDepth;
  let ctx = contexts[depth];
  if (ctx === undefined) contexts.push((ctx = { ...BLANK }));
  ctx.netns = netns;
  ctx.hook = hook;
  ctx.in = inDev;
  ctx.out = outDev;
  ctx.l2 = l2;
  ctx.route = route;
  ctx.fromSocket = fromSocket;
  ctx.table = 'filter';
  ctx.packet = scrubbed(netns, hook, packet, inDev);
  ctx.trace = tr;
  hookDepth = depth + 1;
  try {
    return runOps(netns, hook, ctx, tr);
  } finally {
    hookDepth = depth;
    // Nothing of the packet or its world stays reachable from the reused context.
    ctx.netns = BLANK.netns;
    ctx.in = null;
    ctx.out = null;
    ctx.packet = BLANK.packet;
    ctx.l2 = null;
    ctx.trace = null;
  }
}

/** NfCtx as the hooks fill it in: one per nesting depth, reused by every packet. */
type HookCtx = { -readonly [K in keyof NfCtx]: NfCtx[K] };

/**
 * The contexts of the hook runs in progress, by depth (a target may send a
 * packet that runs a hook meanwhile): a hook allocates none per packet.
 * Matches and targets use the context only while the hook runs.
 */
const contexts: HookCtx[] = [];
let hookDepth = 0;
const BLANK: HookCtx = {
  netns: null as unknown as Netns,
  hook: 'PREROUTING',
  in: null,
  out: null,
  l2: null,
  route: { input: true, local: false, broadcast: false },
  fromSocket: false,
  table: 'filter',
  packet: null as unknown as Ipv4Packet,
  trace: null,
};

function runOps(netns: Netns, hook: Hook, ctx: HookCtx, tr: NfTrace | null): Ipv4Packet | null {
  const view = viewOf(netns.netfilter);
  tr?.entered(ctx.packet, ctx.in?.name ?? null, ctx.out?.name ?? null);
  // Set (below) only after every table ran: a packet a target sends meanwhile runs a hook of its own.
  let rerouted = false;
  const steps = stepsAt(view, hook);
  for (let k = 0; k < steps.length; k++) {
    const op = steps[k];
    const before = ctx.packet;
    if (op.kind === 'conntrack' || op.kind === 'confirm') {
      const wasNew = tr ? isNewConn(netns, ctx.packet) : false;
      const next = op.kind === 'conntrack' ? conntrackIn(netns, hook, ctx.packet) : ctx.packet;
      if (!next) return dropped(tr, 'conntrack-full');
      if (op.kind === 'confirm' && !conntrackConfirm(netns, next))
        return dropped(tr, 'nf-drop', 'conntrack confirm');
      if (tr && op.kind === 'conntrack') tr.conntrack(next, 'lookup', isNewConn(netns, next));
      else if (tr && wasNew) tr.conntrack(next, 'confirm', true);
      ctx.packet = next;
      continue;
    }
    const name = op.name;
    if (op.kind === 'nat') {
      if (!natHook(netns, hook, ctx)) return dropped(tr);
    } else {
      ctx.table = name;
      if (doTable(op.table!, ctx) === 'DROP') return dropped(tr);
    }
    tr?.rewrite(name, before, ctx.packet);
    if (hook === 'OUTPUT' && REROUTING.has(name) && routeKeysChanged(before, ctx.packet)) rerouted = true;
  }
  reroute = rerouted;
  return ctx.packet;
}

/** A drop at this hook: reported when traced; always null (the packet is gone). */
function dropped(tr: NfTrace | null, code?: DropCode, detail?: string): null {
  tr?.dropped(code, detail);
  return null;
}

/** The hook's tracer when the world traces and follows this packet. */
function traceFor(netns: Netns, hook: Hook, packet: Ipv4Packet): NfTrace | null {
  const rec = netns.world.trace;
  const id = rec ? traceIdOf(packet) : undefined;
  return rec && id !== undefined ? new NfTrace(rec, netns, id, hook) : null;
}

/** The packet has an entry of this namespace not yet in the table (its flow's first packet). */
function isNewConn(netns: Netns, packet: Ipv4Packet): boolean {
  const nfct = nfctOf(packet, netns);
  return !!nfct && 'conn' in nfct && !nfct.conn.confirmed;
}

/**
 * skb_scrub_packet: a packet that arrived over a wire is not this
 * namespace's flow yet, whatever it carried; only lo hands its skb back
 * with the conntrack it had.
 */
function scrubbed(netns: Netns, hook: Hook, packet: Ipv4Packet, dev: Link | null): Ipv4Packet {
  if (hook !== 'PREROUTING' || dev?.kind === 'loopback') return packet;
  // nf_reset_trace too: TRACE's mark does not cross a wire either.
  packet = withoutNftrace(packet);
  if (!nfctOf(packet, netns)) return packet;
  return withNfct(packet, netns, undefined);
}

function routeKeysChanged(a: Ipv4Packet, b: Ipv4Packet): boolean {
  return a.src !== b.src || a.dst !== b.dst || (a.mark ?? 0) !== (b.mark ?? 0) || a.tos !== b.tos;
}
