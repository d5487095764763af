/**
 * kube-proxy's iptables Proxier across syncs: the Services and
 * EndpointSlices it has seen (its informers' view), the services changed
 * since the last successful sync (ServiceChangeTracker /
 * EndpointsChangeTracker PendingChanges), and the decisions upstream makes
 * per sync: a full sync first and after a failure, partial syncs otherwise
 * (only changed services' chains are rewritten), and stale-chain cleanup
 * on every sync except in large clusters, where it waits for syncPeriod.
 * Time is an input (virtual milliseconds).
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../../api/core-v1.js';
import type { ProxierConfig } from './config.js';
import { syncState, type SyncResult } from './proxier.js';
import { ProxierState, type ProxierCache } from './state.js';

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
  /** Per service port: endpoints, chain names and rendered rules, kept across syncs. */
  private readonly state: ProxierState;
  private needFullSync = true;
  private lastCleanupMs = Number.NEGATIVE_INFINITY;

  /** `cache`: shared with the other nodes' syncers, so what does not depend on the node is derived once. */
  constructor(
    readonly config: ProxierConfig,
    private readonly syncPeriodMs = DEFAULT_SYNC_PERIOD_MS,
    cache?: ProxierCache,
  ) {
    this.state = new ProxierState(config.nodeName, cache);
  }

  /** OnServiceAdd/Update. */
  setService(svc: Service): void {
    this.dirty.add(key(svc));
    this.services.set(key(svc), svc);
  }

  /** OnServiceDelete, by `ns/name`. */
  deleteService(name: string): void {
    this.dirty.add(name);
    this.services.delete(name);
  }

  /** OnEndpointSliceAdd/Update. */
  setEndpointSlice(slice: EndpointSlice): void {
    const k = key(slice);
    const old = this.slices.get(k);
    const svc = sliceService(slice);
    // A slice keeps its place among its service's slices (the Map keeps it too): order picks duplicates.
    if (old && sliceService(old) !== svc) this.unindex(k, old);
    this.slices.set(k, slice);
    if (svc !== null) {
      this.dirty.add(svc);
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
    const changed = new Set<string>();
    for (const name of this.dirty)
      if (this.state.update(name, this.services.get(name), this.slicesFor(name))) changed.add(name);
    this.dirty.clear();
    const partial = !this.needFullSync;
    const result = syncState(this.config, this.state, {
      ...(partial ? { changed } : {}),
      // iptables-save can take seconds on big hosts: large clusters clean up once per syncPeriod.
      existingNatChains: (largeCluster) => {
        if (largeCluster && nowMs - this.lastCleanupMs <= this.syncPeriodMs) return null;
        this.lastCleanupMs = nowMs;
        return existingNatChains();
      },
    });
    this.needFullSync = false;
    // Assigned, not spread: the result computes activeNatChains only when asked.
    return Object.assign(result, { partial, changed: partial ? changed : null });
  }

  /** The restore failed: the changes it carried are lost, so the next sync is a full one. */
  failed(): void {
    this.needFullSync = true;
  }

  private unindex(sliceKey: string, slice: EndpointSlice): void {
    const svc = sliceService(slice);
    if (svc === null) return;
    this.dirty.add(svc);
    this.slicesOf.get(svc)?.delete(sliceKey);
  }

  private slicesFor(name: string): EndpointSlice[] {
    return [...(this.slicesOf.get(name) ?? [])].map((k) => this.slices.get(k)!);
  }
}
