/**
 * Brings a Cluster up in a World the way its components would on real
 * machines, in the order they start: the underlay and each node's
 * namespace with `eth0`, forwarding and host-gw routes (the installer),
 * kube-proxy's first sync on every node, then every pod's sandbox (kubelet,
 * runtime, CNI) and its listening ports.
 */
import { World } from '../../kernel/world.js';
import { nodeInternalIP, type Pod } from '../api/core-v1.js';
import type { Cluster } from '../cluster/model.js';
import { bridgeNetConf } from '../cni/netconf.js';
import { runPodSandbox } from '../kubelet/sandbox.js';
import { startListeners } from '../kubelet/listeners.js';
import { readyNodeStatus, runningPodStatus } from '../kubelet/status.js';
import { Host } from './host.js';
import { startKubeProxy } from './kube-proxy.js';
import { ProxierCache } from '../proxy/iptables/state.js';
import { attachNode, createUnderlay } from './underlay.js';
import {
  attachTwin,
  virtualTimestamp,
  type Twin,
  type TwinNode,
  type TwinObjects,
  type TwinPod,
} from './twin.js';

/** How far a build is: `done` of `total` steps of its current phase (for a progress bar at the edge). */
export type BuildProgress = (
  phase: 'nodes' | 'routes' | 'kube-proxy' | 'pods',
  done: number,
  total: number,
) => void;

export async function bringUp(
  cluster: Cluster,
  world: World = new World({ seed: cluster.spec.seed }),
  progress: BuildProgress = () => {},
): Promise<Twin> {
  const host = new Host(world);
  const underlay = await createUnderlay(host, cluster.spec.nodeCIDR);
  const partial: Omit<TwinNode, 'proxy'>[] = [];
  for (const node of cluster.nodes) {
    const name = node.metadata.name!;
    const internalIP = nodeInternalIP(node)!;
    await host.run(null, ['ip', 'netns', 'add', name]);
    await host.run(name, ['ip', 'link', 'set', 'lo', 'up']);
    const underlayVeth = await attachNode(host, underlay, name, internalIP);
    await host.run(name, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    partial.push({ name, netns: name, internalIP, podCIDR: node.spec!.podCIDR!, underlayVeth });
    progress('nodes', partial.length, cluster.nodes.length);
  }
  await installRoutes(host, partial, progress);
  const nodes: TwinNode[] = [];
  // One cache for every node's kube-proxy: what does not depend on the node is derived once.
  const cache = new ProxierCache();
  for (const n of partial) {
    nodes.push({ ...n, proxy: await startKubeProxy(host, cluster, n.name, cache) });
    progress('kube-proxy', nodes.length, partial.length);
  }

  const byName = new Map(nodes.map((n) => [n.name, n]));
  const pods: TwinPod[] = [];
  for (const pod of cluster.pods) {
    const node = byName.get(pod.spec.nodeName!)!;
    const sandbox = await runPodSandbox(host, bridgeNetConf(node.podCIDR), node.netns, pod);
    pods.push({ sandbox, listeners: startListeners(host.netns(sandbox.netns), pod) });
    progress('pods', pods.length, cluster.pods.length);
  }

  const created = virtualTimestamp(world.clock.now);
  const stamp = <T extends { metadata: { creationTimestamp?: string } }>(o: T): T => ({
    ...o,
    metadata: { ...o.metadata, creationTimestamp: created },
  });
  const hostIP = (p: Pod) => byName.get(p.spec.nodeName!)!.internalIP;
  let objects: TwinObjects | undefined;
  const twin: Twin = {
    world,
    cluster,
    underlay,
    nodes,
    pods,
    steps: host.steps,
    // Made when first read (kubectl, the API server): 50,000 copies of a large cluster's objects,
    // made at once, filled the young generation that a `podpath trace` right after the build (which
    // never reads them) then paid to copy at its first scavenge.
    get objects() {
      return (objects ??= {
        namespaces: cluster.namespaces.map(stamp),
        nodes: cluster.nodes.map((n) => stamp(readyNodeStatus(n, created))),
        pods: cluster.pods.map((p) => stamp(runningPodStatus(p, hostIP(p), created))),
        services: cluster.services.map(stamp),
        endpointSlices: cluster.endpointSlices.map(stamp),
      });
    },
  };
  attachTwin(twin);
  return twin;
}

/** What the routes phase needs of a node. */
type RoutedNode = Pick<TwinNode, 'netns' | 'internalIP' | 'podCIDR'>;

/** `ip -batch -`'s ARGV (one step per node, its routes on stdin). */
const IP_BATCH = ['ip', '-batch', '-'] as const;

/**
 * host-gw: every node routes each other node's podCIDR via that node's
 * InternalIP. The installer feeds each node's routes to one `ip -batch -`,
 * as installers adding many routes do: one process and one step per node
 * rather than per route (a 1,000-node cluster has 999,000 routes), the
 * same netlink requests. The step's input is made again when read.
 */
export async function installRoutes(
  host: Host,
  nodes: readonly RoutedNode[],
  progress: BuildProgress,
): Promise<void> {
  const batch = (n: RoutedNode): string => {
    let text = '';
    for (const other of nodes)
      if (other !== n) text += `route add ${other.podCIDR} via ${other.internalIP} dev eth0\n`;
    return text;
  };
  let routed = 0;
  for (const n of nodes) {
    if (nodes.length > 1) await host.runLazy(n.netns, IP_BATCH, () => batch(n), batch(n));
    progress('routes', ++routed, nodes.length);
  }
}
