/** kube-proxy on one node of a Cluster: its settings as an installer would pass them, and its full sync. */
import { nodeInternalIP } from '../api/core-v1.js';
import type { ProxierConfig } from '../proxy/iptables/config.js';
import { syncProxyRules, type SyncResult } from '../proxy/iptables/proxier.js';
import type { Cluster } from './model.js';

export function proxierConfig(cluster: Cluster, nodeName: string): ProxierConfig | null {
  const node = cluster.nodes.find((n) => n.metadata.name === nodeName);
  if (!node) return null;
  const nodeIP = nodeInternalIP(node)!;
  const gateway = node.spec?.podCIDR?.replace(/\.\d+\/\d+$/, '.1');
  return {
    nodeName,
    nodeIP,
    clusterCIDR: cluster.spec.clusterCIDR,
    masqueradeAll: cluster.spec.proxy.masqueradeAll,
    nodePortAddresses: cluster.spec.proxy.nodePortAddresses,
    // lo, eth0, cni0: the addresses --nodeport-addresses filters.
    nodeAddresses: ['127.0.0.1', nodeIP, ...(gateway ? [gateway] : [])],
  };
}

export function proxySync(cluster: Cluster, nodeName: string): SyncResult | null {
  const config = proxierConfig(cluster, nodeName);
  return (
    config && syncProxyRules({ config, services: cluster.services, endpointSlices: cluster.endpointSlices })
  );
}
