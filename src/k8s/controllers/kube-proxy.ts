/**
 * kube-proxy as a client of the served twin's API: Service and
 * EndpointSlice informers feed each node's proxier state (the change
 * trackers), and a sync writes every node's iptables through
 * `iptables-restore`: a full sync first, partial ones after, as upstream
 * does (the same proxier as `podpath up`). One queue key, as kube-proxy's
 * bounded-frequency runner collapses bursts into one sync.
 */
import type { EndpointSlice, Service } from '../api/core-v1.js';
import type { Cluster } from '../cluster/model.js';
import { proxierConfig } from '../cluster/kube-proxy.js';
import { DEFAULT_SYNC_PERIOD_MS, IptablesSyncer } from '../proxy/iptables/syncer.js';
import { ProxierCache } from '../proxy/iptables/state.js';
import { objectKey } from '../client/indexer.js';
import { Informer } from '../client/informer.js';
import type { RestClient } from '../client/rest.js';
import { Host } from '../twin/host.js';
import { PROXY_RESTORE } from '../twin/kube-proxy.js';
import type { Twin } from '../twin/twin.js';
import { Controller } from './controller.js';
import { ENDPOINT_SLICES, SERVICES } from './publish.js';

const SYNC = 'sync';

/** The chain names an `iptables-save` table dump declares (utiliptables.GetChainsFromTable). */
const chainsOf = (save: string): string[] => [...save.matchAll(/^:(\S+) /gm)].map((m) => m[1]);

export interface ProxySyncReport {
  readonly node: string;
  readonly services: number;
  readonly filterRules: number;
  readonly natRules: number;
  /** A partial sync wrote only the changed services' chains. */
  readonly partial: boolean;
}

export class KubeProxyController {
  readonly services: Informer<Service & { metadata: { name?: string } }>;
  readonly slices: Informer<EndpointSlice>;
  readonly controller: Controller;
  private readonly host: Host;
  /** Per node, the proxier's state across syncs (what changed since the last one). */
  private readonly syncers: Map<string, IptablesSyncer>;

  constructor(
    client: RestClient,
    private readonly twin: Twin,
    private readonly onSync: (report: ProxySyncReport) => void = () => {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.host = new Host(twin.world);
    const cluster: Cluster = twin.cluster;
    // What does not depend on the node (chain names, most services' rules) is derived once for all.
    const cache = new ProxierCache();
    this.syncers = new Map(
      twin.nodes.map(
        (n) =>
          [
            n.name,
            new IptablesSyncer(proxierConfig(cluster, n.name)!, DEFAULT_SYNC_PERIOD_MS, cache),
          ] as const,
      ),
    );
    this.services = new Informer(client, SERVICES);
    this.slices = new Informer(client, ENDPOINT_SLICES);
    this.controller = new Controller({
      reconcile: () => this.sync(),
      onError: (_, error) => this.onError(error),
    });
    const each = (f: (s: IptablesSyncer) => void) => {
      for (const syncer of this.syncers.values()) f(syncer);
      this.kick();
    };
    this.services.addEventHandler({
      onAdd: (svc) => each((s) => s.setService(svc)),
      onUpdate: (_, svc) => each((s) => s.setService(svc)),
      onDelete: (svc) => each((s) => s.deleteService(objectKey(svc))),
    });
    this.slices.addEventHandler({
      onAdd: (slice) => each((s) => s.setEndpointSlice(slice)),
      onUpdate: (_, slice) => each((s) => s.setEndpointSlice(slice)),
      onDelete: (slice) => each((s) => s.deleteEndpointSlice(objectKey(slice))),
    });
  }

  async start(): Promise<void> {
    void this.services.run();
    void this.slices.run();
    await Promise.all([this.services.waitForSync(), this.slices.waitForSync()]);
    this.controller.run();
  }

  async stop(): Promise<void> {
    await Promise.all([this.services.stop(), this.slices.stop(), this.controller.stop()]);
  }

  /** Resolves when every change seen so far has been synced. */
  settled(): Promise<void> {
    return this.controller.idle();
  }

  private kick(): void {
    // Syncs wait for both caches, as kube-proxy waits for its config handlers' initial sync.
    if (this.services.hasSynced() && this.slices.hasSynced()) this.controller.enqueue(SYNC);
  }

  private async sync(): Promise<void> {
    for (const node of this.twin.nodes) {
      const syncer = this.syncers.get(node.name)!;
      // What iptables-save lists, for the stale-chain cleanup the syncer decides on.
      const existing = chainsOf(await this.host.run(node.netns, ['iptables-save', '-t', 'nat']));
      const result = syncer.sync(this.twin.world.clock.now, () => existing);
      // As the chunks of a pipe: what other nodes' syncs share is read once (iptables/restore-chunks.ts).
      const restored = await this.host.try(node.netns, PROXY_RESTORE, result.restoreChunks);
      if (restored.status !== 0) {
        syncer.failed();
        throw new Error(`kube-proxy on ${node.name}: iptables-restore: ${restored.stderr.trim()}`);
      }
      // A served twin runs for long: its syncs are not kept as build steps.
      this.host.steps.length = 0;
      this.onSync({
        node: node.name,
        services: this.services.store.size,
        filterRules: result.filterRules,
        natRules: result.natRules,
        partial: result.partial,
      });
    }
  }
}
