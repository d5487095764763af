/**
 * RunPodSandbox as kubelet → container runtime → CNI carry it out for a
 * pod on a node: the sandbox's network namespace (the one the pause
 * container holds; named `NAMESPACE.POD` here so labs can reach it), its
 * loopback up (the runtime's loopback plugin), then the network plugin's
 * ADD with `eth0` as the interface name, as kubelet asks for.
 */
import type { Pod } from '../api/core-v1.js';
import type { Host } from '../twin/host.js';
import { bridgeAdd, type CniResult } from '../cni/bridge.js';
import type { BridgeNetConf } from '../cni/netconf.js';
import { randomContainerID } from '../cni/names.js';

export interface Sandbox {
  readonly pod: Pod;
  readonly node: string;
  /** The sandbox's namespace name. */
  readonly netns: string;
  readonly containerID: string;
  readonly cni: CniResult;
}

export const sandboxNetnsName = (pod: Pod): string =>
  `${pod.metadata.namespace ?? 'default'}.${pod.metadata.name}`;

export async function runPodSandbox(
  host: Host,
  conf: BridgeNetConf,
  node: string,
  pod: Pod,
): Promise<Sandbox> {
  const netns = sandboxNetnsName(pod);
  const containerID = randomContainerID(host.world.rng);
  await host.run(null, ['ip', 'netns', 'add', netns]);
  await host.run(netns, ['ip', 'link', 'set', 'lo', 'up']);
  const cni = await bridgeAdd(host, conf, {
    containerID,
    hostNetns: node,
    netns,
    ifName: 'eth0',
    ip: pod.status!.podIP!,
  });
  return { pod, node, netns, containerID, cni };
}
