/** The cluster a `cluster.yaml` describes, every address decided. */
import type { EndpointSlice, Namespace, Node, Pod, Service } from '../api/core-v1.js';

export interface ClusterSpec {
  /** kube-proxy --cluster-cidr and the node IPAM range. */
  readonly clusterCIDR: string;
  readonly serviceCIDR: string;
  /** The underlay all nodes' eth0 share (not a Kubernetes setting: the installer's network). */
  readonly nodeCIDR: string;
  /** kube-controller-manager --node-cidr-mask-size (IPv4 default 24). */
  readonly nodeCIDRMaskSize: number;
  readonly proxy: {
    readonly mode: 'iptables';
    readonly masqueradeAll: boolean;
    readonly nodePortAddresses: readonly string[];
  };
  readonly network: { readonly cni: 'bridge'; readonly crossNode: 'host-gw' };
  /** Seed for the allocators that are random in Kubernetes (clusterIPs, nodePorts, slice names). */
  readonly seed: number;
}

export interface Cluster {
  readonly name: string;
  readonly spec: ClusterSpec;
  readonly namespaces: readonly Namespace[];
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
}

export const DEFAULT_SPEC: ClusterSpec = {
  clusterCIDR: '10.244.0.0/16',
  serviceCIDR: '10.96.0.0/12',
  nodeCIDR: '172.18.0.0/16',
  nodeCIDRMaskSize: 24,
  proxy: { mode: 'iptables', masqueradeAll: false, nodePortAddresses: [] },
  network: { cni: 'bridge', crossNode: 'host-gw' },
  seed: 1,
};

/** The namespaces every cluster starts with. */
export const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
