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
import { buildEndpointsMap } from './endpoints.js';
import { syncProxyRules, type SyncResult } from './proxier.js';
import { servicePortInfos } from './service-port.js';

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
  /** Slice keys per service name, to fingerprint one service without walking every slice. */
  private readonly slicesOf = new Map<string, Set<string>>();
  /** Service name -> its fingerprint when it first changed after the last sync (the tracker's `previous`). */
  private readonly pending = new Map<string, string>();
  private needFullSync = true;
  private lastCleanupMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly config: ProxierConfig,
    private readonly syncPeriodMs = DEFAULT_SYNC_PERIOD_MS,
  ) {}

  /** OnServiceAdd/Update (svc) or OnServiceDelete (null, with its `ns/name`). */
  setService(svc: Service): void {
    this.touch(key(svc));
    this.services.set(key(svc), svc);
  }

  deleteService(name: string): void {
    this.touch(name);
    this.services.delete(name);
  }

  /** OnEndpointSliceAdd/Update. */
  setEndpointSlice(slice: EndpointSlice): void {
    const k = key(slice);
    const old = this.slices.get(k);
    if (old) this.unindex(k, old);
    const svc = sliceService(slice);
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
    const changed = this.needFullSync ? null : this.changedServices();
    const result = syncProxyRules({
      config: this.config,
      services: [...this.services.values()],
      endpointSlices: [...this.slices.values()],
      ...(changed ? { changed } : {}),
      // iptables-save can take seconds on big hosts: large clusters clean up once per syncPeriod.
      existingNatChains: (largeCluster) => {
        if (largeCluster && nowMs - this.lastCleanupMs <= this.syncPeriodMs) return null;
        this.lastCleanupMs = nowMs;
        return existingNatChains();
      },
    });
    // Upstream's trackers hand their changes over at the start of the sync, success or not.
    this.pending.clear();
    this.needFullSync = false;
    return { ...result, partial: changed !== null, changed };
  }

  /** The restore failed: the changes it carried are lost, so the next sync is a full one. */
  failed(): void {
    this.needFullSync = true;
  }

  private changedServices(): Set<string> {
    const out = new Set<string>();
    for (const [name, before] of this.pending) if (this.fingerprint(name) !== before) out.add(name);
    return out;
  }

  private touch(name: string): void {
    if (!this.pending.has(name)) this.pending.set(name, this.fingerprint(name));
  }

  private unindex(sliceKey: string, slice: EndpointSlice): void {
    const svc = sliceService(slice);
    if (svc === null) return;
    this.touch(svc);
    this.slicesOf.get(svc)?.delete(sliceKey);
  }

  /** What kube-proxy derives from one service: its ports and this node's view of their endpoints. */
  private fingerprint(name: string): string {
    const svc = this.services.get(name);
    const slices = [...(this.slicesOf.get(name) ?? [])].map((k) => this.slices.get(k)!);
    const endpoints = [...buildEndpointsMap(slices, this.config.nodeName)].sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return JSON.stringify([svc ? servicePortInfos(svc) : null, endpoints]);
  }
}
