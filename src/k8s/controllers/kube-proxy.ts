/**
 * kube-proxy as a client of the served twin's API: Service and
 * EndpointSlice informers, and on any change a sync of every node's
 * iptables through `iptables-restore`, exactly the restore input a full
 * sync writes (the same proxier as `podpath up`). One queue key, as
 * kube-proxy's bounded-frequency runner collapses bursts into one sync.
 */
import type { EndpointSlice, Service } from '../api/core-v1.js';
import type { Cluster } from '../cluster/model.js';
import { proxierConfig } from '../cluster/kube-proxy.js';
import { syncProxyRules } from '../proxy/iptables/proxier.js';
import { Informer } from '../client/informer.js';
import type { RestClient } from '../client/rest.js';
import { Host } from '../twin/host.js';
import type { Twin } from '../twin/twin.js';
import { Controller } from './controller.js';
import { ENDPOINT_SLICES, SERVICES } from './publish.js';

const SYNC = 'sync';

/** The chain names an `iptables-save` table dump declares (utiliptables.GetChainsFromTable). */
export const chainsOf = (save: string): string[] => [...save.matchAll(/^:(\S+) /gm)].map((m) => m[1]);

/** proxier.go isServiceChainName: the per-service and per-endpoint chains kube-proxy owns. */
const SERVICE_CHAIN = /^KUBE-(SVC|SVL|EXT|FW|SEP|XLB)-/;

/**
 * A full sync's restore input plus what upstream's syncProxyRules adds for
 * NAT chains that exist on the node but no service needs any more: a
 * chain line (which flushes it) and `-X` (which deletes it), both in the
 * nat table's batch. Upstream iterates a Go map, so their order is
 * arbitrary; here it is the order iptables-save listed them.
 */
export function deletingStaleChains(restore: string, existingNat: readonly string[]): string {
  const declared = new Set(chainsOf(restore));
  const stale = existingNat.filter((c) => SERVICE_CHAIN.test(c) && !declared.has(c));
  if (stale.length === 0) return restore;
  const natStart = restore.indexOf('*nat\n');
  const commit = restore.indexOf('COMMIT\n', natStart);
  const firstRule = restore.indexOf('\n-', natStart) + 1 || commit;
  const at = Math.min(firstRule, commit);
  return (
    restore.slice(0, at) +
    stale.map((c) => `:${c} - [0:0]\n`).join('') +
    restore.slice(at, commit) +
    stale.map((c) => `-X ${c}\n`).join('') +
    restore.slice(commit)
  );
}
/** kube-proxy's getIPTablesRestoreWaitFlag, as at start-up. */
const RESTORE = ['iptables-restore', '-w', '5', '-W', '100000', '--noflush', '--counters'];

export interface ProxySyncReport {
  readonly node: string;
  readonly services: number;
  readonly filterRules: number;
  readonly natRules: number;
}

export class KubeProxyController {
  readonly services: Informer<Service & { metadata: { name?: string } }>;
  readonly slices: Informer<EndpointSlice>;
  readonly controller: Controller;
  private readonly host: Host;
  private readonly applied = new Map<string, string>();

  constructor(
    client: RestClient,
    private readonly twin: Twin,
    private readonly onSync: (report: ProxySyncReport) => void = () => {},
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.host = new Host(twin.world);
    this.services = new Informer(client, SERVICES);
    this.slices = new Informer(client, ENDPOINT_SLICES);
    this.controller = new Controller({
      reconcile: () => this.sync(),
      onError: (_, error) => this.onError(error),
    });
    const changed = { onAdd: () => this.kick(), onUpdate: () => this.kick(), onDelete: () => this.kick() };
    this.services.addEventHandler(changed);
    this.slices.addEventHandler(changed);
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
    const cluster: Cluster = this.twin.cluster;
    const services = this.services.store.list() as Service[];
    const endpointSlices = this.slices.store.list();
    for (const node of this.twin.nodes) {
      const config = proxierConfig(cluster, node.name)!;
      const result = syncProxyRules({ config, services, endpointSlices });
      if (this.applied.get(node.name) === result.restore) continue;
      const existing = chainsOf(await this.host.run(node.netns, ['iptables-save', '-t', 'nat']));
      await this.host.run(node.netns, RESTORE, deletingStaleChains(result.restore, existing));
      this.applied.set(node.name, result.restore);
      this.onSync({
        node: node.name,
        services: services.length,
        filterRules: result.filterRules,
        natRules: result.natRules,
      });
    }
  }

  /** Marks what `podpath up` already applied, so the first sync only writes what changed since. */
  seed(node: string, restore: string): void {
    this.applied.set(node, restore);
  }
}
