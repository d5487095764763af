/**
 * The network configuration a node's container runtime hands the CNI
 * plugins (/etc/cni/net.d/10-bridge.conflist), as a cluster using the
 * bridge plugin with host-local IPAM and host-gw routing writes it: one
 * bridge per node whose address is the pod gateway, masquerade for pod
 * egress, hairpin on (kubelet's --hairpin-mode=hairpin-veth, the default
 * for bridge setups, so a pod reaches itself through its own Service).
 */
export interface BridgeNetConf {
  /** The network's name (conflist `name`): part of every CNI-… chain name and comment. */
  readonly name: string;
  readonly bridge: string;
  readonly isGateway: boolean;
  readonly isDefaultGateway: boolean;
  readonly ipMasq: boolean;
  readonly hairpinMode: boolean;
  readonly ipam: HostLocalConf;
}

export interface HostLocalConf {
  readonly type: 'host-local';
  /** The node's podCIDR. */
  readonly subnet: string;
}

export const bridgeNetConf = (podCIDR: string): BridgeNetConf => ({
  name: 'cbr0',
  bridge: 'cni0',
  isGateway: true,
  isDefaultGateway: true,
  ipMasq: true,
  hairpinMode: true,
  ipam: { type: 'host-local', subnet: podCIDR },
});
