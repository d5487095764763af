/**
 * Every node's first full sync of the same Services and EndpointSlices, as
 * the twin's `up` runs them (and its later reads of that sync). A node's
 * rules differ from another's only in the ports whose rules depend on the
 * node: a Local traffic policy's, where the node has endpoints, and a load
 * balancer's with source ranges, which compares them with the node IP
 * (render.ts dependsOnNode). So the cluster's proxier state is derived once,
 * for no node at all, and each node's sync reads it through a view that
 * renders those few ports for the node: the per-node cost is the sync's
 * walk over the blocks, not 10,000 services derived again.
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { dependsOnNodeIP, type PortRules, type RenderContext } from './render.js';
import { usesLocalEndpoints } from './service-port.js';
import {
  emptyBlock,
  fillBlock,
  stateOf,
  type PortBlock,
  type PortEntry,
  type ProxierCache,
  type ProxierState,
  type SyncView,
} from './state.js';

/** A node name no endpoint has: the template's ports are rendered as on a node without local endpoints. */
export const NO_NODE = '\0no node';

/**
 * The ports of a state derived for no node whose rules depend on the
 * node: per node, those with an endpoint on it among the ports that use
 * local endpoints, and everywhere those that compare the node IP.
 */
export class NodePorts {
  /** Node name -> the ports with an endpoint on that node whose rules depend on where they are. */
  private readonly local = new Map<string, Set<PortEntry>>();
  /** Ports whose rules depend on the node IP: every node renders them. */
  private readonly everyNode = new Set<PortEntry>();

  add(e: PortEntry): void {
    if (dependsOnNodeIP(e.info)) this.everyNode.add(e);
    else if (usesLocalEndpoints(e.info))
      for (const ep of e.endpoints) {
        if (ep.nodeName === undefined) continue;
        const set = this.local.get(ep.nodeName);
        if (set) set.add(e);
        else this.local.set(ep.nodeName, new Set([e]));
      }
  }

  delete(e: PortEntry): void {
    if (dependsOnNodeIP(e.info)) this.everyNode.delete(e);
    else if (usesLocalEndpoints(e.info))
      for (const ep of e.endpoints) {
        if (ep.nodeName === undefined) continue;
        const set = this.local.get(ep.nodeName);
        set?.delete(e);
        if (set?.size === 0) this.local.delete(ep.nodeName);
      }
  }

  /** Node `nodeName`'s own ports. */
  of(nodeName: string): PortEntry[] {
    const local = this.local.get(nodeName);
    if (this.everyNode.size === 0 && local === undefined) return [];
    return [...this.everyNode, ...(local ?? [])];
  }
}

export class ProxierTemplate {
  private readonly state: ProxierState;
  private readonly own = new NodePorts();

  constructor(
    readonly services: readonly Service[],
    readonly slices: readonly EndpointSlice[],
    cache: ProxierCache,
  ) {
    this.state = stateOf(NO_NODE, services, slices, cache);
    for (const block of this.state.blocks()) for (const e of block.entries) this.own.add(e);
  }

  /** What node `nodeName`'s sync reads. */
  view(nodeName: string): SyncView {
    return new NodeView(this.state, this.own.of(nodeName));
  }
}

/** Per node render settings, the same for no node (one object each: blocks and ports keep rules by it). */
const neutral = new WeakMap<RenderContext, RenderContext>();

/** `ctx` for no node: what a state derived for no node renders its shared ports and blocks with. */
export function noNode(ctx: RenderContext): RenderContext {
  let made = neutral.get(ctx);
  if (made === undefined) neutral.set(ctx, (made = { ...ctx, nodeName: NO_NODE, nodeIP: null }));
  return made;
}

/**
 * One node's view of a state derived for no node (a template's, or the
 * state the syncers of a cluster share: shared-state.ts): its own ports
 * rendered for it, the blocks holding them joined again for it,
 * everything else the state's. Made for one sync: it reads the state as
 * it stands.
 */
export class NodeView implements SyncView {
  readonly cache: ProxierCache;
  readonly totalEndpoints: number;
  /** The node's own ports, with their rules once rendered (and the RenderContext.key they were rendered with). */
  private readonly own = new Map<PortEntry, { key: string; rules: PortRules } | null>();
  /** The template's blocks holding an own port -> the node's copy. */
  private readonly copies = new Map<PortBlock, PortBlock>();
  private readonly copied = new Set<PortBlock>();

  /** `own`: the node's ports whose rules depend on it (ports of `state`, which was derived for NO_NODE). */
  constructor(
    private readonly state: ProxierState,
    own: readonly PortEntry[],
  ) {
    this.cache = state.cache;
    this.totalEndpoints = state.totalEndpoints;
    for (const e of own) {
      this.own.set(e, null);
      if (this.copies.has(e.block!)) continue;
      const copy = emptyBlock(e.block!.entries);
      this.copies.set(e.block!, copy);
      this.copied.add(copy);
    }
  }

  blocks(): readonly PortBlock[] {
    const blocks = this.state.blocks();
    return this.copies.size === 0 ? blocks : blocks.map((b) => this.copies.get(b) ?? b);
  }

  portsOf(name: string): readonly PortEntry[] {
    return this.state.portsOf(name);
  }

  blockOf(entry: PortEntry): PortBlock {
    const block = this.state.blockOf(entry);
    return this.copies.get(block) ?? block;
  }

  refresh(block: PortBlock, ctx: RenderContext): PortBlock {
    if (!this.copied.has(block)) return this.state.refresh(block, noNode(ctx));
    return block.key === ctx.key ? block : fillBlock(block, ctx, this.cache, (e) => this.rules(e, ctx));
  }

  rules(entry: PortEntry, ctx: RenderContext): PortRules {
    if (!this.own.has(entry)) return this.state.rules(entry, noNode(ctx));
    let mine = this.own.get(entry)!;
    if (mine === null || mine.key !== ctx.key) {
      mine = { key: ctx.key, rules: this.cache.render(ctx, entry.info, entry.endpoints) };
      this.own.set(entry, mine);
    }
    return mine.rules;
  }
}

/** The last template made with `cache`: the twin's nodes sync the same arrays of objects one after another. */
const templates = new WeakMap<ProxierCache, ProxierTemplate>();

/** The template of these objects (the same arrays, never edited in place: informers hand out new ones). */
export function templateOf(
  cache: ProxierCache,
  services: readonly Service[],
  slices: readonly EndpointSlice[],
): ProxierTemplate {
  const last = templates.get(cache);
  if (last !== undefined && last.services === services && last.slices === slices) return last;
  const made = new ProxierTemplate(services, slices, cache);
  templates.set(cache, made);
  return made;
}
