/**
 * What a kubelet reports once a pod's sandbox and containers run, and what
 * it reports about its node: the fields `kubectl get` prints. Versions are
 * the twin's own (podpath is the runtime); times come from the virtual
 * clock through the twin's epoch.
 */
import type { Node, Pod } from '../api/core-v1.js';

export const KUBELET_VERSION = 'v1.31.0';
export const CONTAINER_RUNTIME = 'podpath://0.1.0';

export function runningPodStatus(pod: Pod, hostIP: string, startedAt: string): Pod {
  const containers = pod.spec.containers;
  const condition = (type: string) => ({ type, status: 'True' as const, lastTransitionTime: startedAt });
  return {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      hostIP,
      hostIPs: [{ ip: hostIP }],
      startTime: startedAt,
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map(condition),
      containerStatuses: containers.map((c) => ({
        name: c.name,
        image: c.image ?? '',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt } },
      })),
    } as Pod['status'],
  };
}

export function readyNodeStatus(node: Node, heartbeat: string): Node {
  return {
    ...node,
    status: {
      ...node.status,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: heartbeat }],
      nodeInfo: {
        kubeletVersion: KUBELET_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        osImage: 'podpath',
        kernelVersion: 'podpath',
        containerRuntimeVersion: CONTAINER_RUNTIME,
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    } as Node['status'],
  };
}
