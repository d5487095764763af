/**
 * kube-proxy's iptables-mode settings that change the rules it writes
 * (KubeProxyConfiguration and what NewProxier probes on the host).
 */
export interface ProxierConfig {
  /** --hostname-override: endpoints with this nodeName are local. */
  readonly nodeName: string;
  /** The node's primary IPv4 address (loadBalancerSourceRanges may admit it). */
  readonly nodeIP: string;
  /** --cluster-cidr with detect-local-mode ClusterCIDR; absent: no local-traffic detector. */
  readonly clusterCIDR?: string;
  readonly masqueradeAll?: boolean;
  /** --iptables-masquerade-bit (default 14). */
  readonly masqueradeBit?: number;
  /** Overrides the mark text (upstream's unit tests use `0x4000`). */
  readonly masqueradeMark?: string;
  /** iptables.localhostNodePorts (default true). */
  readonly localhostNodePorts?: boolean;
  /** --nodeport-addresses CIDRs, or `primary`; empty means every local address. */
  readonly nodePortAddresses?: readonly string[];
  /** The node's local IPv4 addresses, in interface order (used when nodePortAddresses is not empty). */
  readonly nodeAddresses?: readonly string[];
  /** iptables supports MASQUERADE --random-fully (1.6.2+; true on any current host). */
  readonly randomFully?: boolean;
  /** The nfacct counters could be created (kube-proxy 1.29+ with xt_nfacct). */
  readonly nfacct?: boolean;
  /** net.netfilter.nf_conntrack_tcp_be_liberal is set: no INVALID drop rule. */
  readonly conntrackTCPLiberal?: boolean;
}

/**
 * The mark as NewProxier formats it: fmt.Sprintf("%#08x", 1<<bit). Go pads
 * the digits (not the whole field) to 8, so bit 14 gives `0x00004000`.
 */
export const masqueradeMarkText = (bit = 14): string => `0x${(2 ** bit).toString(16).padStart(8, '0')}`;

/** largeClusterEndpointsThreshold: above this many endpoints, per-endpoint comments are dropped. */
export const LARGE_CLUSTER_ENDPOINTS = 1000;

/** The nfacct counter names (pkg/proxy/metrics). */
export const NFACCT_INVALID_DROPPED = 'ct_state_invalid_dropped_pkts';
export const NFACCT_LOCALHOST_NODEPORT = 'localhost_nps_accepted_pkts';
