/**
 * The EndpointSlice controller of the served twin: for every Service with a
 * selector, the slices it manages (label `endpointslice.kubernetes.io/
 * managed-by: endpointslice-controller.k8s.io`) follow the selected pods,
 * as pkg/controller/endpointslice reconciles them. Slices a person wrote
 * (another or no managed-by label) are left alone. Existing slices are
 * updated in place (same name), new port mappings get new slices, and
 * slices of a deleted or selector-less service are removed.
 */
import { LABEL_SERVICE_NAME, type EndpointSlice, type Pod, type Service } from '../api/core-v1.js';
import { deriveEndpointSlices } from '../cluster/endpointslices.js';
import type { Rng } from '../../kernel/rng.js';
import { Informer } from '../client/informer.js';
import { objectKey } from '../client/indexer.js';
import { isNotFound, type RestClient } from '../client/rest.js';
import { Controller } from './controller.js';
import { ENDPOINT_SLICES, PODS, SERVICES } from './publish.js';

export const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const SERVICE_INDEX = 'service';

const portsKey = (s: EndpointSlice) => JSON.stringify(s.ports ?? []);
const same = (a: EndpointSlice, b: EndpointSlice) =>
  JSON.stringify([a.endpoints ?? [], a.ports ?? []]) === JSON.stringify([b.endpoints ?? [], b.ports ?? []]);

export class EndpointSliceController {
  readonly services: Informer<Service>;
  readonly pods: Informer<Pod>;
  readonly slices: Informer<EndpointSlice>;
  readonly controller: Controller;

  constructor(
    private readonly client: RestClient,
    private readonly rng: Rng,
    onError: (error: unknown) => void = () => {},
  ) {
    this.services = new Informer(client, SERVICES);
    this.pods = new Informer(client, PODS);
    this.slices = new Informer(client, ENDPOINT_SLICES, {
      indexers: {
        [SERVICE_INDEX]: (s) => {
          const name = s.metadata.labels?.[LABEL_SERVICE_NAME];
          return name && s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME
            ? [`${s.metadata.namespace}/${name}`]
            : [];
        },
      },
    });
    this.controller = new Controller({
      reconcile: (key) => this.reconcile(key),
      onError: (_, e) => onError(e),
    });
    const service = (s: Service) => this.controller.enqueue(objectKey(s));
    this.services.addEventHandler({ onAdd: service, onUpdate: (_, s) => service(s), onDelete: service });
    // A pod change may concern any service of its namespace: the reconcile finds out which.
    const pod = (p: Pod) => {
      for (const s of this.services.store.list())
        if (s.metadata.namespace === p.metadata.namespace) service(s);
    };
    this.pods.addEventHandler({ onAdd: pod, onUpdate: (_, p) => pod(p), onDelete: pod });
    this.slices.addEventHandler({
      onDelete: (s) => {
        const owner = s.metadata.labels?.[LABEL_SERVICE_NAME];
        if (owner && s.metadata.labels?.[MANAGED_BY] === CONTROLLER_NAME)
          this.controller.enqueue(`${s.metadata.namespace}/${owner}`);
      },
    });
  }

  async start(): Promise<void> {
    const informers = [this.services, this.pods, this.slices];
    for (const i of informers) void i.run();
    await Promise.all(informers.map((i) => i.waitForSync()));
    this.controller.run();
  }

  async stop(): Promise<void> {
    await Promise.all([this.services.stop(), this.pods.stop(), this.slices.stop(), this.controller.stop()]);
  }

  settled(): Promise<void> {
    return this.controller.idle();
  }

  private async reconcile(key: string): Promise<void> {
    const svc = this.services.store.get(key);
    const existing = this.slices.store.byIndex(SERVICE_INDEX, key);
    const desired =
      svc && svc.spec.selector && Object.keys(svc.spec.selector).length > 0
        ? deriveEndpointSlices(svc, this.pods.store.list(), this.rng)
        : [];
    const unused = new Map(existing.map((s) => [portsKey(s), s] as const));
    for (const want of desired) {
      const have = unused.get(portsKey(want));
      // Written objects go into the cache at once (client-go's endpointSliceTracker), so a
      // reconcile that runs before the watch delivers them does not write them twice.
      if (!have) {
        this.slices.store.upsert(await this.client.create(ENDPOINT_SLICES, want));
        continue;
      }
      unused.delete(portsKey(want));
      if (!same(have, want))
        this.slices.store.upsert(
          await this.client.update(ENDPOINT_SLICES, {
            ...have,
            endpoints: want.endpoints,
            ports: want.ports,
          }),
        );
    }
    for (const stale of unused.values()) {
      try {
        await this.client.delete(ENDPOINT_SLICES, stale.metadata.namespace, stale.metadata.name!);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      this.slices.store.remove(objectKey(stale));
    }
  }
}
