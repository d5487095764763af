/**
 * kube-proxy's iptables mode: the `iptables-restore` input of a sync
 * (pkg/proxy/iptables/proxier.go syncProxyRules), from the node's settings,
 * the Services and the EndpointSlices. Upstream walks a Go map, so its
 * service order varies from sync to sync; here service ports come sorted by
 * name (then protocol), which is one of the orders upstream can produce.
 * Each service port's share is rendered by render.ts and kept in a
 * ProxierState (state.ts) across syncs; this module adds the top-level
 * chains and puts the shares together.
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { parseIPv4, parsePrefix, prefixContains } from '../../../net/ipv4.js';
import {
  LARGE_CLUSTER_ENDPOINTS,
  NFACCT_INVALID_DROPPED,
  masqueradeMarkText,
  type ProxierConfig,
} from './config.js';
import {
  KUBE_EXT,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_FW,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_SEP,
  KUBE_SERVICES,
  KUBE_SVC,
  KUBE_SVL,
  KUBE_EXTERNAL_SERVICES,
  KUBE_PROXY_FIREWALL,
} from './names.js';
import { renderContext, type RenderContext } from './render.js';
import { stateOf, type PortBlock, type ProxierCache, type SyncView } from './state.js';
import { templateOf } from './template.js';
import { JUMP_CHAINS, KUBELET_JUMP_CHAINS, type JumpChain } from './jumps.js';

export {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './names.js';

export interface SyncInput {
  readonly config: ProxierConfig;
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  /**
   * A partial sync (upstream since 1.26): the services (`ns/name`) whose
   * Service or endpoints changed since the last successful sync. Only their
   * KUBE-SVC/SVL/EXT/FW/SEP chains are written; the others' are left as the
   * kernel holds them (the restore is `--noflush`). Absent: a full sync.
   */
  readonly changed?: ReadonlySet<string>;
  /**
   * The nat chains the kernel holds now (`iptables-save -t nat`), when this
   * sync cleans up: service chains no longer written are flushed and
   * deleted (`:CHAIN` and `-X CHAIN`). Absent: no cleanup. As a function,
   * it decides knowing whether this sync is in large-cluster mode (null: no cleanup).
   */
  readonly existingNatChains?: Iterable<string> | ((largeCluster: boolean) => Iterable<string> | null);
  /** Derived data to share with other nodes' syncs of the same objects (state.ts). */
  readonly cache?: ProxierCache;
}

export interface SyncResult {
  /** What kube-proxy pipes into `iptables-restore --noflush --counters`. */
  readonly restore: string;
  /**
   * `restore` as the writes of a pipe (their concatenation is `restore`),
   * each ending a line: a run of lines that is the same on other nodes (or
   * in other syncs) is the very same string, made once for the cluster
   * (ProxierCache.joined), so that a node's sync costs what depends on it
   * and iptables-restore can recognize what it has read before.
   */
  readonly restoreChunks: readonly string[];
  /** The jumps from built-in chains it ensures with `iptables -I` before the restore. */
  readonly jumps: readonly JumpChain[];
  readonly filterRules: number;
  /** nat rules written (upstream's sync_proxy_rules_iptables_last: no `-X` lines). */
  readonly natRules: number;
  /** nat rules a partial sync left out: with natRules, every nat rule kube-proxy owns. */
  readonly skippedNatRules: number;
  /** The service chains this sync declared or skipped: what it would keep. */
  readonly activeNatChains: ReadonlySet<string>;
  readonly deletedChains: number;
}

/** One `iptables-restore` line: words joined by spaces, as proxyutil.LineBuffer writes them. */
type Words = readonly string[];

/** The lines of the top-level chains (the per-service-port shares are kept as text by the state). */
interface Writer {
  readonly filterChains: string[];
  readonly filterRules: string[];
  readonly natChains: string[];
  readonly natRules: string[];
}

interface Context {
  readonly config: ProxierConfig;
  readonly mark: string;
  readonly localhostNodePorts: boolean;
}

const chainLine = (name: string) => `:${name} - [0:0]`;
/** Array.prototype.flat is slow on this hot path: a plain loop. */
function line(...parts: (string | Words)[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out = out === '' ? part : `${out} ${part}`;
    else for (const w of part) out = out === '' ? w : `${out} ${w}`;
  }
  return out;
}
const quoted = (text: string) => `"${text}"`;

/**
 * A sync from scratch: every service derived anew (a full sync unless
 * `changed` is given). With a cache, a full sync reads the cluster's
 * template (template.ts) instead: every node syncing the same objects
 * derives them once, and renders only the ports whose rules depend on it.
 */
export function syncProxyRules(input: SyncInput): SyncResult {
  const view =
    input.cache !== undefined && input.changed === undefined
      ? templateOf(input.cache, input.services, input.endpointSlices).view(input.config.nodeName)
      : stateOf(input.config.nodeName, input.services, input.endpointSlices, input.cache);
  return syncState(input.config, view, input);
}

/**
 * A sync from a ProxierState whose services are up to date: every service
 * port's capture rules, and the chains of those in `changed` (all of them
 * without it). Only changed services were rendered since the last sync.
 */
export function syncState(
  config: ProxierConfig,
  state: SyncView,
  options: Pick<SyncInput, 'changed' | 'existingNatChains'> = {},
): SyncResult {
  const blocks = state.blocks();
  const fixed = fixedLines(config, state.cache);
  const largeCluster = state.totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  const render = largeCluster ? fixed.renderLarge : fixed.render;
  const { changed } = options;
  const out = fixed.head;

  // The blocks holding a changed service's port are taken port by port; the others whole (state.ts PortBlock).
  let touched: Set<PortBlock> | undefined;
  if (changed !== undefined) {
    touched = new Set();
    for (const name of changed) for (const port of state.portsOf(name)) touched.add(state.blockOf(port));
  }
  // The services' shares, in upstream's order: filter rules, chain declarations, nat rules.
  const filter: string[] = [];
  const decls: string[] = [];
  const nat: string[] = [];
  /** Where `nat` holds a written service's own rules (the other entries are capture rules). */
  const natOwn: number[] = [];
  /** Where a group of blocks starts in `nat` (state.ts GROUP_BLOCKS). */
  const groups: number[] = [];

  let filterRules = 0;
  let natRules = 0;
  let skippedNatRules = 0;
  /**
   * A full sync's services' own rules, written after every capture rule:
   * upstream writes each next to its captures, in a map walk's order, which
   * no table shows (a chain's rules keep their order either way). Its
   * capture rules are then the chunks of later partial syncs (natChunks).
   */
  const own: string[] = [];
  for (const block of blocks) {
    const b = state.refresh(block, render);
    if (b.entries[0]!.group) groups.push(nat.length);
    if (b.filterCount > 0) filter.push(b.filter);
    filterRules += b.filterCount;
    natRules += b.captureCount;
    if (touched === undefined || !touched.has(b)) {
      if (b.captureCount > 0) nat.push(b.capture);
      if (touched !== undefined) {
        skippedNatRules += b.ruleCount; // upstream's DiscardLineBuffer
        continue;
      }
      for (const port of b.entries) {
        const r = state.rules(port, render);
        if (r.chainNames.length > 0) decls.push(r.decls);
        if (r.ruleCount > 0) own.push(r.rules);
        natRules += r.ruleCount;
      }
      continue;
    }
    for (const port of b.entries) {
      const r = state.rules(port, render);
      if (r.captureCount > 0) nat.push(r.capture);
      if (changed === undefined || changed.has(port.service)) {
        if (r.chainNames.length > 0) decls.push(r.decls);
        if (r.ruleCount > 0) natOwn.push(nat.push(r.rules) - 1);
        natRules += r.ruleCount;
      } else skippedNatRules += r.ruleCount;
    }
  }

  for (const rules of own) natOwn.push(nat.push(rules) - 1);

  let active: Set<string> | undefined;
  // From the state as it stands: to be read before its next update (the syncer's callers read it at once).
  const activeNatChains = () => {
    if (active) return active;
    active = new Set(out.natChains.map((l) => l.slice(1, l.indexOf(' '))));
    for (const b of blocks)
      for (const port of b.entries)
        for (const chain of state.rules(port, render).chainNames) active.add(chain);
    return active;
  };
  const existing = options.existingNatChains;
  /** This sync's stale chains (declared, then deleted: before the fixed tail's nat rules). */
  const stale: Writer = { filterChains: [], filterRules: [], natChains: [], natRules: [] };
  const existingChains = typeof existing === 'function' ? existing(largeCluster) : existing;
  const deletedChains = deleteStaleChains(stale, activeNatChains, existingChains);

  const joined = (parts: readonly string[], from = 0, to = parts.length) =>
    state.cache.joined(parts, from, to);
  /**
   * `nat` as chunks: each written service's own rules alone, the capture
   * rules between them joined by group of blocks (of kept blocks mostly: a
   * comparison per block, and the join once per cluster). A change then
   * makes new text of its own group only, which the first node's restore
   * reads again (~1,000 lines of 10,000 services; the others' text is the
   * full sync's, read when it was restored); each
   * block a chunk of its own would cost every node's restore about 1 us
   * per chunk (~0.14 ms for 150 blocks).
   */
  const natChunks = (): string[] => {
    const chunks: string[] = [];
    let from = 0;
    let g = 0;
    for (let o = 0; o <= natOwn.length; o++) {
      const own = o < natOwn.length ? natOwn[o]! : nat.length;
      for (; g < groups.length && groups[g]! <= own; g++) {
        if (groups[g]! > from) chunks.push(joined(nat, from, groups[g]));
        from = Math.max(from, groups[g]!);
      }
      if (own > from) chunks.push(joined(nat, from, own));
      if (own < nat.length) chunks.push(nat[own]!);
      from = own + 1;
    }
    return chunks;
  };
  let chunks: string[] | undefined;
  const restoreChunks = () =>
    (chunks ??= [
      '*filter\n',
      fixed.texts.filterHead,
      joined(filter),
      fixed.texts.filterTail,
      'COMMIT\n*nat\n',
      fixed.texts.natChains,
      // A chunk per service port: a node whose declarations differ from another's in a few chains
      // (those of services with endpoints on it) differs in those chunks only (restore-rebase.ts).
      ...decls,
      lines(stale.natChains),
      fixed.texts.natRules,
      ...natChunks(),
      // The stale chains' deletions come before the fixed tail's rules, in one write.
      lines(stale.natRules) + fixed.texts.natTail,
      'COMMIT\n',
    ].filter((c) => c !== ''));
  filterRules += out.filterRules.length + fixed.tail.filterRules.length;
  natRules += out.natRules.length + fixed.tail.natRules.length;
  return new LazySync(restoreChunks, activeNatChains, filterRules, natRules, skippedNatRules, deletedChains);
}

/** Every sync's jumps (kube-proxy's, then kubelet's): one list, never written. */
const ALL_JUMPS: readonly JumpChain[] = [...JUMP_CHAINS, ...KUBELET_JUMP_CHAINS];

/**
 * A sync's result, its texts put together when first read (tens of MB on
 * a full sync). A class rather than an object literal with getters: each
 * node's sync makes one, and a literal's getters are closures made anew.
 */
class LazySync implements SyncResult {
  readonly jumps = ALL_JUMPS;
  private text: string | undefined = undefined;

  constructor(
    private readonly chunks: () => readonly string[],
    private readonly active: () => ReadonlySet<string>,
    readonly filterRules: number,
    readonly natRules: number,
    readonly skippedNatRules: number,
    readonly deletedChains: number,
  ) {}

  get restore(): string {
    return (this.text ??= this.chunks().join(''));
  }

  get restoreChunks(): readonly string[] {
    return this.chunks();
  }

  get activeNatChains(): ReadonlySet<string> {
    return this.active();
  }
}

/** isServiceChainName: the per-service chains kube-proxy creates and may delete. */
const SERVICE_CHAIN_PREFIXES = [KUBE_SVC, KUBE_SVL, KUBE_EXT, KUBE_FW, KUBE_SEP];
const isServiceChainName = (chain: string) => SERVICE_CHAIN_PREFIXES.some((p) => chain.startsWith(p));

/**
 * The service chains the kernel holds that a sync keeping `active` would
 * not: only built when the kernel holds service chains at all (the set of
 * 100,000 active chains costs). Sorted: upstream walks a Go set (random
 * order).
 */
export function staleChains(active: () => ReadonlySet<string>, existing: Iterable<string>): string[] {
  const candidates = [...new Set(existing)].filter(isServiceChainName);
  if (candidates.length === 0) return [];
  const live = active();
  return candidates.filter((c) => !live.has(c)).sort();
}

/** Stale service chains: declaring a chain flushes it, then `-X` deletes it. */
function deleteStaleChains(
  out: Writer,
  active: () => ReadonlySet<string>,
  existing: Iterable<string> | null | undefined,
): number {
  if (!existing) return 0;
  const stale = staleChains(active, existing);
  for (const chain of stale) {
    out.natChains.push(chainLine(chain));
    out.natRules.push(`-X ${chain}`);
  }
  return stale.length;
}

/** NewProxier: localhost NodePorts are on unless turned off or 127.0.0.1 is outside --nodeport-addresses. */
export function localhostNodePortsEnabled(config: ProxierConfig): boolean {
  const addrs = nodePortCIDRs(config);
  const loopback = parseIPv4('127.0.0.1')!;
  const localhostOK = addrs === null || addrs.some((p) => prefixContains(p, loopback));
  return (config.localhostNodePorts ?? true) && localhostOK;
}

function context(config: ProxierConfig): Context {
  return {
    config,
    mark: config.masqueradeMark ?? masqueradeMarkText(config.masqueradeBit),
    localhostNodePorts: localhostNodePortsEnabled(config),
  };
}

/** What a sync writes that depends on the node's settings alone, and the texts of those lines. */
interface FixedLines {
  /** The render settings, small and large cluster (one object each: blocks compare their keys by identity). */
  readonly render: RenderContext;
  readonly renderLarge: RenderContext;
  /** The top-level chains and their rules, written first. */
  readonly head: Writer;
  /** The rules written after the services' (the NodePorts jump, the forward rules). */
  readonly tail: Writer;
  readonly texts: {
    readonly filterHead: string;
    readonly filterTail: string;
    readonly natChains: string;
    readonly natRules: string;
    readonly natTail: string;
  };
  /** The same for every node whose settings write the same (see settingsKey). */
  readonly key: string;
}

/**
 * A key of what a node's settings make of a sync, besides its state and
 * changed services: nodes with equal keys write the same for the same
 * state (the syncers' shared state keeps results by it, shared-state.ts).
 */
export const settingsKey = (config: ProxierConfig, cache: ProxierCache): string =>
  fixedLines(config, cache).key;

/**
 * Per ProxierConfig (immutable, as a syncer keeps it): its fixed lines are
 * the same on every sync, so each node derives them once; their texts are
 * the same strings on every node with equal settings (ProxierCache.text),
 * which iptables-restore then compares by identity.
 */
const fixedByConfig = new WeakMap<ProxierConfig, FixedLines>();

function fixedLines(config: ProxierConfig, cache: ProxierCache): FixedLines {
  let fixed = fixedByConfig.get(config);
  if (fixed !== undefined) return fixed;
  const ctx = context(config);
  const head: Writer = { filterChains: [], filterRules: [], natChains: [], natRules: [] };
  writeBaseChains(head, ctx);
  const tail: Writer = { filterChains: [], filterRules: [], natChains: [], natRules: [] };
  writeNodePortsJump(tail, ctx);
  writeForwardRules(tail, ctx);
  const text = (list: readonly string[]) => cache.text(lines(list));
  const render = renderContext(config, ctx.mark, ctx.localhostNodePorts, false);
  const renderLarge = renderContext(config, ctx.mark, ctx.localhostNodePorts, true);
  const texts = {
    filterHead: cache.text(lines(head.filterChains) + lines(head.filterRules)),
    filterTail: text(tail.filterRules),
    natChains: text(head.natChains),
    natRules: text(head.natRules),
    natTail: text(tail.natRules),
  };
  // The rules each line count comes from are in the texts; the texts and render settings are the whole output.
  const key = cache.key(JSON.stringify([render.key, renderLarge.key, texts]));
  fixed = { render, renderLarge, head, tail, texts, key };
  fixedByConfig.set(config, fixed);
  return fixed;
}

/** One `iptables-restore` line per entry, each ending with a newline. */
const lines = (list: readonly string[]): string => (list.length === 0 ? '' : `${list.join('\n')}\n`);

/** proxyutil.NodePortAddresses for IPv4: null means match every local address. */
function nodePortCIDRs(config: ProxierConfig) {
  const list = config.nodePortAddresses ?? [];
  const cidrs = list
    .map((text) => (text === 'primary' ? `${config.nodeIP}/32` : text))
    .map((text) => parsePrefix(text))
    .filter((p) => p !== null);
  if (cidrs.length === 0 || cidrs.some((p) => p.len === 0)) return null;
  return cidrs;
}

function writeBaseChains(out: Writer, ctx: Context): void {
  for (const c of [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL])
    out.filterChains.push(chainLine(c));
  for (const c of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ])
    out.natChains.push(chainLine(c));
  const m = ctx.mark;
  out.natRules.push(
    line('-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN'),
    line('-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', m),
    line(
      '-A',
      KUBE_POSTROUTING,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes service traffic requiring SNAT'),
      '-j',
      'MASQUERADE',
      ctx.config.randomFully === false ? [] : ['--random-fully'],
    ),
    line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', m),
  );
  if (ctx.localhostNodePorts) {
    // route_localnet opens 127/8 to the network (https://issue.k8s.io/90259); this closes it again.
    out.filterChains.push(chainLine(KUBE_FIREWALL));
    out.filterRules.push(
      line(
        '-A',
        KUBE_FIREWALL,
        '-m',
        'comment',
        '--comment',
        quoted('block incoming localnet connections'),
        '-d',
        '127.0.0.0/8',
        '!',
        '-s',
        '127.0.0.0/8',
        '-m',
        'conntrack',
        '!',
        '--ctstate',
        'RELATED,ESTABLISHED,DNAT',
        '-j',
        'DROP',
      ),
    );
  }
}

/** The tail call to KUBE-NODEPORTS, after every other service rule. */
function writeNodePortsJump(out: Writer, ctx: Context): void {
  const comment = [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
  ];
  const cidrs = nodePortCIDRs(ctx.config);
  if (cidrs === null) {
    const dst = [
      '-m',
      'addrtype',
      '--dst-type',
      'LOCAL',
      ...(ctx.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8']),
    ];
    out.natRules.push(line('-A', KUBE_SERVICES, comment, dst, '-j', KUBE_NODEPORTS));
    return;
  }
  const seen = new Set<string>();
  for (const addr of ctx.config.nodeAddresses ?? [ctx.config.nodeIP]) {
    const ip = parseIPv4(addr);
    if (ip === null || seen.has(addr) || !cidrs.some((c) => prefixContains(c, ip))) continue;
    seen.add(addr);
    // Loopback only when localhost NodePorts are on (upstream logs and skips it otherwise).
    if (ip >>> 24 === 127 && !ctx.localhostNodePorts) continue;
    out.natRules.push(line('-A', KUBE_SERVICES, comment, '-d', addr, '-j', KUBE_NODEPORTS));
  }
}

function writeForwardRules(out: Writer, ctx: Context): void {
  if (!ctx.config.conntrackTCPLiberal) {
    // INVALID packets would otherwise reach a pod un-DNATed and reset the connection (kubernetes#74839).
    const acct = ctx.config.nfacct ? ['-m', 'nfacct', '--nfacct-name', NFACCT_INVALID_DROPPED] : [];
    out.filterRules.push(
      line('-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', acct, '-j', 'DROP'),
    );
  }
  const m = ctx.mark;
  out.filterRules.push(
    line(
      '-A',
      KUBE_FORWARD,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes forwarding rules'),
      '-m',
      'mark',
      '--mark',
      `${m}/${m}`,
      '-j',
      'ACCEPT',
    ),
    line(
      '-A',
      KUBE_FORWARD,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes forwarding conntrack rule'),
      '-m',
      'conntrack',
      '--ctstate',
      'RELATED,ESTABLISHED',
      '-j',
      'ACCEPT',
    ),
  );
}
