/**
 * What kube-proxy's iptables Proxier keeps between syncs, per service port:
 * its ServicePortInfo, its endpoints, its chain names (hashed once, as
 * upstream keeps them in servicePortInfo and endpointInfo) and its rendered
 * rules (render.ts), so that a sync only recomputes the services that
 * changed and reuses every other service's lines, byte for byte. The
 * sorted ports are kept in blocks whose joined lines are kept too
 * (PortBlock), so that a partial sync costs the blocks' number and the
 * changed services, not one step per port.
 *
 * Service and EndpointSlice objects are treated as immutable, as informers
 * hand them out: derived data is keyed by object identity. One ProxierCache
 * can serve every node's proxier: what does not depend on the node (ports,
 * endpoints, chain names, the rules of services without Local policies) is
 * then derived once for the whole cluster.
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../../api/core-v1.js';
import {
  buildEndpointsMap,
  endpointsKey,
  isLocal,
  type EndpointInfo,
  type EndpointsMap,
} from './endpoints.js';
import { endpointChain, serviceChains } from './names.js';
import { dependsOnNode, renderPort, type PortNames, type PortRules, type RenderContext } from './render.js';
import { servicePortInfos, type ServicePortInfo } from './service-port.js';

/** Chain names of one service port, and those of the endpoints it was last rendered with. */
interface NamesEntry extends PortNames {
  endpoints: readonly EndpointInfo[];
  endpointChains: Map<string, string>;
}

interface Rendered {
  readonly endpoints: readonly EndpointInfo[];
  readonly rules: PortRules;
}

/** What ProxierCache.joined keeps at most (chars) before it starts over. */
const MAX_RUN_CHARS = 64 * 2 ** 20;

const NO_ENDPOINTS: readonly EndpointInfo[] = [];
const NO_SLICES: readonly EndpointSlice[] = [];
const NO_INFOS: readonly ServicePortInfo[] = [];
const NO_ENDPOINTS_MAP: EndpointsMap = new Map();

/** Derived data shared by every proxier given the same objects (one per process is enough). */
export class ProxierCache {
  private readonly ports = new WeakMap<Service, readonly ServicePortInfo[]>();
  /** Service `ns/name` -> the slices its endpoints were last derived from. */
  private readonly endpoints = new Map<string, { slices: readonly EndpointSlice[]; map: EndpointsMap }>();
  private readonly names = new WeakMap<ServicePortInfo, NamesEntry>();
  /** Render settings (RenderContext.key) -> rules of service ports that render alike on every node. */
  private readonly rendered = new Map<string, WeakMap<ServicePortInfo, Rendered>>();

  /** Texts made once per node (ProxierCache.text), by their content. */
  private readonly texts = new Map<string, string>();

  /**
   * `text` as the same string as the last equal text given: a node's lines
   * that do not depend on the node (its top-level chains) are then the
   * same string on every node, which iptables-restore compares by identity.
   * For texts made once per node's settings, not per sync.
   */
  text(text: string): string {
    const seen = this.texts.get(text);
    if (seen !== undefined) return seen;
    this.texts.set(text, text);
    return text;
  }

  /** Keys given by `key`, by the text they stand for. */
  private readonly keys = new Map<string, string>();

  /** A short key for `text`, the same for equal texts: one per node's settings (proxier.ts settingsKey). */
  key(text: string): string {
    let k = this.keys.get(text);
    if (k === undefined) this.keys.set(text, (k = String(this.keys.size)));
    return k;
  }

  /** Runs of restore text joined by `joined`, by their first part. */
  private readonly runs = new Map<string, { parts: readonly string[]; text: string }[]>();
  private runChars = 0;

  /**
   * `parts[from..to)` joined, as the same string as the last time these
   * parts (equal strings: the same objects, mostly, compared in O(1)) were
   * joined, on this node or another: the restore input of every node's
   * sync is then made of shared chunks (proxier.ts restoreChunks), and a
   * node pays a comparison per part instead of copying the text.
   */
  joined(parts: readonly string[], from = 0, to = parts.length): string {
    if (to - from <= 1) return to > from ? parts[from]! : '';
    const first = parts[from]!;
    const seen = this.runs.get(first);
    if (seen)
      for (const run of seen) {
        if (run.parts.length !== to - from) continue;
        let i = 1;
        while (i < run.parts.length && run.parts[i] === parts[from + i]) i++;
        if (i === run.parts.length) return run.text;
      }
    const kept = parts.slice(from, to);
    const text = kept.join('');
    // A bound on what old runs keep alive: the runs of the syncs in progress are remade once.
    if (this.runChars > MAX_RUN_CHARS) {
      this.runs.clear();
      this.runChars = 0;
    }
    this.runChars += text.length;
    const run = { parts: kept, text };
    if (seen && this.runs.has(first)) seen.push(run);
    else this.runs.set(first, [run]);
    return text;
  }

  portsOf(svc: Service): readonly ServicePortInfo[] {
    let ports = this.ports.get(svc);
    if (!ports) this.ports.set(svc, (ports = servicePortInfos(svc)));
    return ports;
  }

  /** The endpoints of service `name`, from its slices (every slice labeled with it, in arrival order). */
  endpointsOf(name: string, slices: readonly EndpointSlice[]): EndpointsMap {
    const seen = this.endpoints.get(name);
    if (seen && sameItems(seen.slices, slices)) return seen.map;
    const map = slices.length === 0 ? NO_ENDPOINTS_MAP : buildEndpointsMap(slices);
    if (slices.length === 0) this.endpoints.delete(name);
    else this.endpoints.set(name, { slices, map });
    return map;
  }

  /** A service port's rules on the node `ctx` describes. */
  render(ctx: RenderContext, info: ServicePortInfo, endpoints: readonly EndpointInfo[]): PortRules {
    const shared = !dependsOnNode(info);
    let byPort = shared ? this.rendered.get(ctx.key) : undefined;
    const hit = byPort?.get(info);
    if (hit && hit.endpoints === endpoints) return hit.rules;
    const names = this.namesOf(info, endpoints);
    const rules = renderPort(ctx, info, names, endpoints, (ep) => names.endpointChains.get(ep)!);
    if (shared) {
      if (!byPort) this.rendered.set(ctx.key, (byPort = new WeakMap()));
      byPort.set(info, { endpoints, rules });
    }
    return rules;
  }

  private namesOf(info: ServicePortInfo, endpoints: readonly EndpointInfo[]): NamesEntry {
    let names = this.names.get(info);
    const proto = info.protocol.toLowerCase();
    if (!names) {
      names = { chains: serviceChains(info.name, proto), endpoints: NO_ENDPOINTS, endpointChains: new Map() };
      this.names.set(info, names);
    }
    if (names.endpoints !== endpoints) {
      // Keep the names of endpoints still there, forget those gone.
      const next = new Map<string, string>();
      for (const ep of endpoints)
        next.set(
          ep.endpoint,
          names.endpointChains.get(ep.endpoint) ?? endpointChain(info.name, proto, ep.endpoint),
        );
      names.endpoints = endpoints;
      names.endpointChains = next;
    }
    return names;
  }
}

/** One service port on this node: what it was derived from, and its rules once rendered. */
export interface PortEntry {
  /** The service's `ns/name`, as partial syncs name changed services. */
  readonly service: string;
  readonly info: ServicePortInfo;
  readonly endpoints: readonly EndpointInfo[];
  rules: PortRules | null;
  /** The RenderContext.key `rules` were rendered with. */
  rulesKey: string | null;
  /** Whether a block starts at this port (see PortBlock): a function of its name, the same on every node. */
  readonly boundary: boolean;
  /**
   * Whether a group of blocks starts at this port (a boundary, one in
   * GROUP_BLOCKS of them, cut the same way): the unit a partial sync's
   * restore input joins unchanged blocks in (proxier.ts natChunks).
   */
  readonly group: boolean;
  /** The block holding it, while it is in the sorted list. */
  block: PortBlock | null;
}

/**
 * A run of consecutive service ports of the sorted list and their shares of
 * a sync joined, kept until one of its ports changes: a partial sync takes
 * the unchanged blocks whole, so that its cost is the number of blocks plus
 * the size of the changed ones, not the number of ports. A block starts at
 * every port whose name hashes to a boundary (content-defined, like
 * rsync's chunks): nodes holding the same services cut them alike whatever
 * the order their changes came in, and so join the same parts
 * (ProxierCache.joined), which hands them the same strings.
 */
export interface PortBlock {
  readonly entries: PortEntry[];
  /** The RenderContext.key the fields below hold for; null: to compute again. */
  key: string | null;
  filter: string;
  filterCount: number;
  capture: string;
  captureCount: number;
  /** Rules of the ports' own chains, written only for changed services. */
  ruleCount: number;
}

interface ServiceEntry {
  readonly infos: readonly ServicePortInfo[];
  readonly endpoints: EndpointsMap;
  readonly ports: readonly PortEntry[];
}

/** Sort order of the service ports: by name, then protocol (one of the orders upstream's map walk gives). */
export const byPortName = (a: ServicePortInfo, b: ServicePortInfo): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0;

/** Up to this many port additions and removals between syncs are spliced in; more re-sort the list. */
const SPLICE_LIMIT = 64;

/** Ports per block on average: about the square root of 10,000, as a partial sync pays both. */
export const BLOCK_SIZE = 64;

/**
 * Blocks per group: a change rewrites its group's joined text, which the
 * first node's restore reads again (~1,000 lines of 10,000 services), and
 * every node's restore compares one chunk per group (~10).
 */
export const GROUP_BLOCKS = 16;

/** FNV-1a of the port's name and protocol, folded: one port in `size` (a power of two) has its low bits 0. */
function portHash(info: ServicePortInfo): number {
  let h = 0x811c9dc5;
  const key = `${info.name}/${info.protocol}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h ^ (h >>> 16);
}

/** A block of `entries` with nothing joined yet; the entries do not point to it (see newBlock). */
export const emptyBlock = (entries: PortEntry[]): PortBlock => ({
  entries,
  key: null,
  filter: '',
  filterCount: 0,
  capture: '',
  captureCount: 0,
  ruleCount: 0,
});

const newBlock = (entries: PortEntry[]): PortBlock => {
  const block = emptyBlock(entries);
  for (const e of entries) e.block = block;
  return block;
};

/**
 * What a sync reads of a node's proxier state: a ProxierState, or a node's
 * view of the cluster's template (template.ts).
 */
export interface SyncView {
  readonly cache: ProxierCache;
  /** Endpoints of every service port (ready or not): above LARGE_CLUSTER_ENDPOINTS, large-cluster mode. */
  readonly totalEndpoints: number;
  /** The sorted service ports, in blocks. */
  blocks(): readonly PortBlock[];
  /** The ports of service `name` (`ns/name`), as of the last update. */
  portsOf(name: string): readonly PortEntry[];
  /** The block of blocks() holding `entry`. */
  blockOf(entry: PortEntry): PortBlock;
  /** A block's shares for `ctx`. */
  refresh(block: PortBlock, ctx: RenderContext): PortBlock;
  /** A port's rules for `ctx`. */
  rules(entry: PortEntry, ctx: RenderContext): PortRules;
}

/** One node's proxier state: its services' ports and endpoints, sorted in blocks, with their rules. */
export class ProxierState implements SyncView {
  private readonly services = new Map<string, ServiceEntry>();
  /** The sorted service ports, cut in blocks. */
  private sorted: PortBlock[] = [];
  private readonly added: PortEntry[] = [];
  private readonly removed = new Set<PortEntry>();
  /** Endpoints of every service port (ready or not): above LARGE_CLUSTER_ENDPOINTS, large-cluster mode. */
  totalEndpoints = 0;

  /** `blockSize`: a power of two (see PortBlock); small ones let tests cut a few services in many blocks. */
  constructor(
    readonly nodeName: string,
    readonly cache: ProxierCache = new ProxierCache(),
    private readonly blockSize = BLOCK_SIZE,
  ) {}

  /**
   * Service `name` (`ns/name`) is now `svc` (undefined: deleted) with these
   * EndpointSlices. True when anything this node's rules derive from changed
   * (upstream's change trackers drop updates that change nothing).
   */
  update(name: string, svc: Service | undefined, slices: readonly EndpointSlice[] = NO_SLICES): boolean {
    const infos = svc ? this.cache.portsOf(svc) : NO_INFOS;
    const endpoints = this.cache.endpointsOf(name, slices);
    const old = this.services.get(name);
    if (old && old.infos === infos && old.endpoints === endpoints) return false;
    const ports = infos.map((info, i): PortEntry => {
      const eps = endpoints.get(endpointsKey(info.name, info.protocol)) ?? NO_ENDPOINTS;
      const before = old?.ports[i];
      if (before && before.info === info && before.endpoints === eps) return before;
      this.totalEndpoints += eps.length;
      const hash = before?.info === info ? null : portHash(info);
      this.added.push({
        service: name,
        info,
        endpoints: eps,
        rules: null,
        rulesKey: null,
        boundary: hash === null ? before!.boundary : (hash & (this.blockSize - 1)) === 0,
        group: hash === null ? before!.group : (hash & (this.blockSize * GROUP_BLOCKS - 1)) === 0,
        block: null,
      });
      return this.added[this.added.length - 1]!;
    });
    for (const before of old?.ports ?? [])
      if (!ports.includes(before)) {
        this.totalEndpoints -= before.endpoints.length;
        // Added since the last sync, so not in the sorted list yet: just drop it.
        const pending = this.added.indexOf(before);
        if (pending >= 0) this.added.splice(pending, 1);
        else this.removed.add(before);
      }
    if (infos.length === 0 && slices.length === 0) this.services.delete(name);
    else this.services.set(name, { infos, endpoints, ports });
    if (!old) return svc !== undefined || endpoints.size > 0;
    return (
      !sameList(old.infos, infos, samePortInfo) || !sameEndpointsMap(old.endpoints, endpoints, this.nodeName)
    );
  }

  /** Every service port, sorted by byPortName. */
  ports(): readonly PortEntry[] {
    return this.blocks().flatMap((b) => b.entries);
  }

  /** The ports of service `name` (`ns/name`), as of the last update. */
  portsOf(name: string): readonly PortEntry[] {
    return this.services.get(name)?.ports ?? [];
  }

  /**
   * Whether updating service `name` to `svc` with these slices would leave
   * everything derived from it as it is (the same port infos and endpoints).
   */
  holds(name: string, svc: Service | undefined, slices: readonly EndpointSlice[]): boolean {
    const infos = svc ? this.cache.portsOf(svc) : NO_INFOS;
    const entry = this.services.get(name);
    if (entry === undefined) return infos.length === 0 && slices.length === 0;
    return entry.infos === infos && entry.endpoints === this.cache.endpointsOf(name, slices);
  }

  /** How many services (with ports or endpoints) the state holds. */
  get size(): number {
    return this.services.size;
  }

  /** The endpoints of service `name` as of the last update (undefined: none known). */
  endpointsOf(name: string): EndpointsMap | undefined {
    return this.services.get(name)?.endpoints;
  }

  blockOf(entry: PortEntry): PortBlock {
    return entry.block!;
  }

  /** The sorted service ports, in blocks, with the updates since the last call applied. */
  blocks(): readonly PortBlock[] {
    if (this.added.length === 0 && this.removed.size === 0) return this.sorted;
    const added = this.added;
    if (added.length + this.removed.size > SPLICE_LIMIT) {
      const sorted = this.sorted.flatMap((b) => b.entries.filter((e) => !this.removed.has(e))).concat(added);
      sorted.sort((a, b) => byPortName(a.info, b.info));
      this.sorted = [];
      let start = 0;
      for (let i = 1; i <= sorted.length; i++)
        if (i === sorted.length || sorted[i]!.boundary) {
          this.sorted.push(newBlock(sorted.slice(start, i)));
          start = i;
        }
    } else {
      for (const e of this.removed) this.remove(e);
      for (const e of added) this.insert(e);
    }
    this.added.length = 0;
    this.removed.clear();
    return this.sorted;
  }

  /** Takes `e` out of its block; a block left without its first port joins the one before. */
  private remove(e: PortEntry): void {
    const block = e.block!;
    e.block = null;
    const i = block.entries.indexOf(e);
    block.entries.splice(i, 1);
    block.key = null;
    if (block.entries.length > 0 && !(i === 0 && block !== this.sorted[0])) return;
    const at = this.sorted.indexOf(block);
    if (block.entries.length > 0) {
      const before = this.sorted[at - 1]!;
      for (const moved of block.entries) {
        before.entries.push(moved);
        moved.block = before;
      }
      before.key = null;
    }
    this.sorted.splice(at, 1);
  }

  /** Puts `e` after the ports sorting before or with it; a boundary port starts a block there. */
  private insert(e: PortEntry): void {
    if (this.sorted.length === 0) {
      this.sorted.push(newBlock([e]));
      return;
    }
    // The last block whose first port sorts before or with e (the first block if none does).
    let lo = 1;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byPortName(this.sorted[mid]!.entries[0]!.info, e.info) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const block = this.sorted[lo - 1]!;
    const at = upperBound(block.entries, e.info);
    block.entries.splice(at, 0, e);
    e.block = block;
    block.key = null;
    if (e.boundary && at > 0) this.sorted.splice(lo, 0, newBlock(block.entries.splice(at)));
  }

  /** A block's shares for `ctx`, joined again when one of its ports or the render settings changed. */
  refresh(block: PortBlock, ctx: RenderContext): PortBlock {
    return block.key === ctx.key ? block : fillBlock(block, ctx, this.cache, (e) => this.rules(e, ctx));
  }

  /** A port's rules for `ctx`, rendered when the port or the render settings changed. */
  rules(entry: PortEntry, ctx: RenderContext): PortRules {
    if (entry.rules === null || entry.rulesKey !== ctx.key) {
      entry.rules = this.cache.render(ctx, entry.info, entry.endpoints);
      entry.rulesKey = ctx.key;
    }
    return entry.rules;
  }
}

/** A node's proxier state of these objects, derived from scratch. */
export function stateOf(
  nodeName: string,
  services: readonly Service[],
  endpointSlices: readonly EndpointSlice[],
  cache?: ProxierCache,
): ProxierState {
  const state = new ProxierState(nodeName, cache);
  const slicesOf = new Map<string, EndpointSlice[]>();
  for (const slice of endpointSlices) {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc) continue;
    const key = `${slice.metadata.namespace ?? 'default'}/${svc}`;
    let list = slicesOf.get(key);
    if (!list) slicesOf.set(key, (list = []));
    list.push(slice);
  }
  for (const svc of services) {
    const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`;
    state.update(key, svc, slicesOf.get(key));
  }
  return state;
}

/** `block`'s joined shares and counts for `ctx`, from its ports' rules as `rules` gives them. */
export function fillBlock(
  block: PortBlock,
  ctx: RenderContext,
  cache: ProxierCache,
  rules: (entry: PortEntry) => PortRules,
): PortBlock {
  const filter: string[] = [];
  const capture: string[] = [];
  let filterCount = 0;
  let captureCount = 0;
  let ruleCount = 0;
  for (const e of block.entries) {
    const r = rules(e);
    if (r.filterCount > 0) filter.push(r.filter);
    if (r.captureCount > 0) capture.push(r.capture);
    filterCount += r.filterCount;
    captureCount += r.captureCount;
    ruleCount += r.ruleCount;
  }
  block.filter = cache.joined(filter);
  block.capture = cache.joined(capture);
  block.filterCount = filterCount;
  block.captureCount = captureCount;
  block.ruleCount = ruleCount;
  block.key = ctx.key;
  return block;
}

function upperBound(list: readonly PortEntry[], info: ServicePortInfo): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byPortName(list[mid]!.info, info) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

/** Field by field: primitives and arrays of strings. */
function samePortInfo(a: ServicePortInfo, b: ServicePortInfo): boolean {
  if (a === b) return true;
  for (const k of Object.keys(a) as (keyof ServicePortInfo)[]) {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y) ? !sameItems<unknown>(x, y) : x !== y) return false;
  }
  return true;
}

/** What this node's proxier sees of an endpoint: everything but the node name, which only counts as local or not. */
const sameEndpoint = (nodeName: string) => (a: EndpointInfo, b: EndpointInfo) =>
  a === b ||
  (a.endpoint === b.endpoint &&
    a.ip === b.ip &&
    a.port === b.port &&
    a.ready === b.ready &&
    a.serving === b.serving &&
    a.terminating === b.terminating &&
    isLocal(a, nodeName) === isLocal(b, nodeName));

/** Whether node `nodeName`'s proxier sees the same endpoints in both. */
export function sameEndpointsMap(a: EndpointsMap, b: EndpointsMap, nodeName: string): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const same = sameEndpoint(nodeName);
  for (const [key, list] of a) {
    const other = b.get(key);
    if (!other || !sameList(list, other, same)) return false;
  }
  return true;
}
