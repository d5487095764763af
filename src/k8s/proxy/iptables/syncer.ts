/**
 * kube-proxy's iptables Proxier across syncs: the Services and
 * EndpointSlices it has seen (its informers' view), the services changed
 * since the last successful sync (ServiceChangeTracker /
 * EndpointsChangeTracker PendingChanges), and the decisions upstream makes
 * per sync: a full sync first and after a failure, partial syncs otherwise
 * (only changed services' chains are rewritten), and stale-chain cleanup
 * on every sync except in large clusters, where it waits for syncPeriod.
 * Time is an input (virtual milliseconds). Syncers given one ProxierCache
 * (a cluster's nodes) share their proxier state and, where they write the
 * same, their syncs (shared-state.ts); each keeps its informers' view.
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../../api/core-v1.js';
import { LARGE_CLUSTER_ENDPOINTS, type ProxierConfig } from './config.js';
import { settingsKey, staleChains, syncState, type SyncResult } from './proxier.js';
import { changedFor, StateVersion, type Transition, type Update } from './shared-state.js';
import { ProxierState, type ProxierCache, type SyncView } from './state.js';
import { NodeView } from './template.js';

/** KubeProxyConfiguration.syncPeriod's default. */
export const DEFAULT_SYNC_PERIOD_MS = 30_000;

export interface SyncOutcome extends SyncResult {
  /** False for a full sync (the first, or the one after a failed restore). */
  readonly partial: boolean;
  /** The services whose chains this sync wrote (every service on a full sync). */
  readonly changed: ReadonlySet<string> | null;
}

const key = (o: { metadata: { namespace?: string; name?: string } }) =>
  `${o.metadata.namespace ?? 'default'}/${o.metadata.name ?? ''}`;

const sliceService = (s: EndpointSlice) => {
  const svc = s.metadata.labels?.[LABEL_SERVICE_NAME];
  return svc === undefined ? null : `${s.metadata.namespace ?? 'default'}/${svc}`;
};

export class IptablesSyncer {
  private readonly services = new Map<string, Service>();
  private readonly slices = new Map<string, EndpointSlice>();
  /** Slice keys per service name, in arrival order, to derive one service without walking every slice. */
  private readonly slicesOf = new Map<string, Set<string>>();
  /** Services touched since the last sync (the change trackers' pending items). */
  private readonly dirty = new Set<string>();
  /** Without a cache: per service port, endpoints, chain names and rendered rules, kept across syncs. */
  private readonly state: ProxierState | null;
  /** With one: the version of the state the cluster's syncers share (shared-state.ts) this node is at, once synced. */
  private version: StateVersion | null = null;
  /** With one: the touched services as they were at the last sync (null: unknown then), for a fork. */
  private readonly prior = new Map<string, Update | null>();
  private needFullSync = true;
  private lastCleanupMs = Number.NEGATIVE_INFINITY;

  /** `cache`: shared with the other nodes' syncers, so what does not depend on the node is derived once. */
  constructor(
    readonly config: ProxierConfig,
    private readonly syncPeriodMs = DEFAULT_SYNC_PERIOD_MS,
    private readonly cache?: ProxierCache,
  ) {
    this.state = cache === undefined ? new ProxierState(config.nodeName) : null;
  }

  /** OnServiceAdd/Update. */
  setService(svc: Service): void {
    this.touch(key(svc));
    this.services.set(key(svc), svc);
  }

  /** OnServiceDelete, by `ns/name`. */
  deleteService(name: string): void {
    this.touch(name);
    this.services.delete(name);
  }

  /** OnEndpointSliceAdd/Update. */
  setEndpointSlice(slice: EndpointSlice): void {
    const k = key(slice);
    const old = this.slices.get(k);
    const svc = sliceService(slice);
    // A slice keeps its place among its service's slices (the Map keeps it too): order picks duplicates.
    if (old && sliceService(old) !== svc) this.unindex(k, old);
    if (svc !== null) this.touch(svc);
    this.slices.set(k, slice);
    if (svc !== null) {
      let set = this.slicesOf.get(svc);
      if (!set) this.slicesOf.set(svc, (set = new Set()));
      set.add(k);
    }
  }

  deleteEndpointSlice(sliceKey: string): void {
    const old = this.slices.get(sliceKey);
    if (!old) return;
    this.unindex(sliceKey, old);
    this.slices.delete(sliceKey);
  }

  /**
   * syncProxyRules: `existingNatChains` is asked for (iptables-save -t nat)
   * only when this sync cleans up. Call `failed()` if the restore fails.
   */
  sync(nowMs: number, existingNatChains: () => Iterable<string>): SyncOutcome {
    // Upstream's trackers hand their changes over at the start of the sync, success or not.
    let changed: Set<string>;
    let view: SyncView;
    let version: StateVersion | null = null;
    let own = 0;
    if (this.state !== null) {
      changed = new Set<string>();
      for (const name of this.dirty)
        if (this.state.update(name, this.services.get(name), this.slicesFor(name))) changed.add(name);
      view = this.state;
    } else {
      if (this.version === null) {
        // The first sync is a full one: which services changed does not matter.
        changed = new Set(this.dirty);
        version = StateVersion.first(this.cache!, this.updates());
      } else {
        const t = this.advance();
        changed = changedFor(t, this.config.nodeName);
        version = t.to;
        // Taken by a later sync of other nodes (this one lagged behind them): the state as of now, derived.
        if (version.state === null) version = StateVersion.derived(this.cache!, this.known(false));
      }
      this.version = version;
      const ports = version.ownPorts(this.config.nodeName);
      own = ports.length;
      view = new NodeView(version.state!, ports);
    }
    this.dirty.clear();
    this.prior.clear();
    const partial = !this.needFullSync;
    // iptables-save can take seconds on big hosts: large clusters clean up once per syncPeriod.
    const largeCluster = view.totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
    let existing: Iterable<string> | undefined;
    if (!largeCluster || nowMs - this.lastCleanupMs > this.syncPeriodMs) {
      this.lastCleanupMs = nowMs;
      existing = existingNatChains();
    }
    const options = { ...(partial ? { changed } : {}), ...(existing ? { existingNatChains: existing } : {}) };
    let result: SyncResult;
    if (version !== null && own === 0) {
      // What a node without ports of its own writes at this version: the same for every such node.
      const k = `${settingsKey(this.config, this.cache!)}\n${partial ? [...changed].join('\n') : '\0full'}`;
      let made = version.results.get(k);
      if (made === undefined) {
        const { existingNatChains: _, ...shared } = options;
        version.results.set(k, (made = syncState(this.config, view, shared)));
      }
      // A cleanup that finds nothing stale writes nothing more.
      result =
        existing === undefined || staleChains(() => made.activeNatChains, existing).length === 0
          ? made
          : syncState(this.config, view, options);
    } else result = syncState(this.config, view, options);
    this.needFullSync = false;
    return new Outcome(result, partial, partial ? changed : null);
  }

  /** The restore failed: the changes it carried are lost, so the next sync is a full one. */
  failed(): void {
    this.needFullSync = true;
  }

  /** Service `name` is about to change: as pending, and (shared state) as it was. */
  private touch(name: string): void {
    if (this.dirty.has(name)) return;
    this.dirty.add(name);
    if (this.version === null) return;
    const svc = this.services.get(name);
    const known = svc !== undefined || (this.slicesOf.get(name)?.size ?? 0) > 0;
    this.prior.set(name, known ? { name, svc, slices: this.slicesFor(name) } : null);
  }

  /** The shared state's next version with this node's changes, made or taken (shared-state.ts). */
  private advance(): Transition {
    const version = this.version!;
    // Most often another node made it: compared in place.
    let t = version.next.find((n) => this.pending(n.applied));
    if (t === undefined) {
      const updates = this.updates();
      // Null: another node moved the state on with other changes; this node's state as of its last sync, derived.
      t = version.advance(updates) ?? StateVersion.derived(this.cache!, this.known(true)).advance(updates)!;
    }
    this.version = t.to;
    return t;
  }

  /** This node's pending changes, as the shared state takes them. */
  private updates(): Update[] {
    return [...this.dirty].map((name) => ({
      name,
      svc: this.services.get(name),
      slices: this.slicesFor(name),
    }));
  }

  /** Whether `updates` are this node's pending changes: the same services, objects and slices, in order. */
  private pending(updates: readonly Update[]): boolean {
    if (updates.length !== this.dirty.size) return false;
    let i = 0;
    for (const name of this.dirty) {
      const u = updates[i++]!;
      if (u.name !== name || u.svc !== this.services.get(name)) return false;
      const keys = this.slicesOf.get(name);
      if (u.slices.length !== (keys?.size ?? 0)) return false;
      let k = 0;
      if (keys) for (const key of keys) if (u.slices[k++] !== this.slices.get(key)) return false;
    }
    return true;
  }

  /** Every service this node knows, as it is now or (`before`) as it was at its last sync. */
  private *known(before: boolean): Generator<Update> {
    const names = new Set([...this.services.keys(), ...this.slicesOf.keys(), ...this.prior.keys()]);
    for (const name of names) {
      const was = before ? this.prior.get(name) : undefined;
      if (was === null) continue;
      yield was ?? { name, svc: this.services.get(name), slices: this.slicesFor(name) };
    }
  }

  private unindex(sliceKey: string, slice: EndpointSlice): void {
    const svc = sliceService(slice);
    if (svc === null) return;
    this.touch(svc);
    this.slicesOf.get(svc)?.delete(sliceKey);
  }

  private slicesFor(name: string): EndpointSlice[] {
    return [...(this.slicesOf.get(name) ?? [])].map((k) => this.slices.get(k)!);
  }
}

/** One node's sync: a result other nodes may share, and what this node's sync was. */
class Outcome implements SyncOutcome {
  constructor(
    private readonly result: SyncResult,
    readonly partial: boolean,
    readonly changed: ReadonlySet<string> | null,
  ) {}

  get restore() {
    return this.result.restore;
  }
  get restoreChunks() {
    return this.result.restoreChunks;
  }
  get jumps() {
    return this.result.jumps;
  }
  get filterRules() {
    return this.result.filterRules;
  }
  get natRules() {
    return this.result.natRules;
  }
  get skippedNatRules() {
    return this.result.skippedNatRules;
  }
  get activeNatChains() {
    return this.result.activeNatChains;
  }
  get deletedChains() {
    return this.result.deletedChains;
  }
}
