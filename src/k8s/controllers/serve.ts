/**
 * A cluster twin served over the Kubernetes API: the objects `podpath up`
 * built are published through HTTP, and the twin's controllers follow the
 * API from then on through informers (never the storage): the
 * EndpointSlice controller keeps slices matching pods, kube-proxy re-syncs
 * every node's iptables when services or slices change, the garbage
 * collector deletes what lost its owners. Pods created
 * through the API are stored but not run (no scheduler or kubelet yet).
 */
import type { AddressInfo } from 'node:net';
import { ApiServer, type ApiServerOptions } from '../apiserver/server.js';
import type { Store } from '../storage/types.js';
import { RestClient } from '../client/rest.js';
import type { Twin } from '../twin/twin.js';
import { EndpointSliceController } from './endpointslice.js';
import { GarbageCollector } from './garbage-collector.js';
import { KubeProxyController, type ProxySyncReport } from './kube-proxy.js';
import { publishTwin } from './publish.js';

export interface ServedTwin {
  readonly url: string;
  readonly address: AddressInfo;
  readonly server: ApiServer;
  readonly client: RestClient;
  readonly endpointSlices: EndpointSliceController;
  readonly kubeProxy: KubeProxyController;
  close(): Promise<void>;
}

export interface ServeOptions {
  readonly store: Store;
  readonly host: ApiServerOptions['host'];
  readonly listen: { host: string; port: number };
  readonly onSync?: (report: ProxySyncReport) => void;
  readonly onError?: (error: unknown) => void;
}

export async function serveTwin(twin: Twin, options: ServeOptions): Promise<ServedTwin> {
  const server = new ApiServer({ store: options.store, host: options.host });
  const address = await server.listen(options.listen.host, options.listen.port);
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shown}:${address.port}`;
  const client = new RestClient(url);
  await publishTwin(client, twin.objects);
  const endpointSlices = new EndpointSliceController(client, twin.world.rng, options.onError);
  const kubeProxy = new KubeProxyController(client, twin, options.onSync, options.onError);
  const garbageCollector = new GarbageCollector(new RestClient(await server.loopback()), options.onError);
  await endpointSlices.start();
  await kubeProxy.start();
  await garbageCollector.start();
  return {
    url,
    address,
    server,
    client,
    endpointSlices,
    kubeProxy,
    async close() {
      await garbageCollector.stop();
      await endpointSlices.stop();
      await kubeProxy.stop();
      await server.close();
    },
  };
}
