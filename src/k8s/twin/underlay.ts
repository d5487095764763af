/**
 * The network the nodes' `eth0`s share. podpath lays it out as kind does
 * on a Docker host: one bridge in the initial namespace (the machine the
 * lab script starts on, like the Docker host) holding the first address of
 * the node network as the nodes' gateway, and one veth per node, its host
 * end (`veth` + 7 hex, Docker's naming) enslaved to the bridge, its other
 * end the node's `eth0` with the node's InternalIP. So a script can reach
 * nodes (and NodePorts) from outside the cluster, as `curl NODEIP:PORT`
 * from the Docker host does, and pod egress to it shows the CNI masquerade.
 */
import { formatIPv4, networkOf, parsePrefix } from '../../net/ipv4.js';
import type { Rng } from '../../kernel/rng.js';
import type { Host } from './host.js';

/** The underlay bridge's name (docker0's role). */
export const UNDERLAY_BRIDGE = 'podpath0';

export interface Underlay {
  readonly bridge: string;
  /** The gateway address (the bridge's), e.g. 172.18.0.1. */
  readonly gateway: string;
  readonly prefixLen: number;
}

const dockerVethName = (rng: Rng): string =>
  `veth${Array.from({ length: 7 }, () => rng.below(16).toString(16)).join('')}`;

export async function createUnderlay(host: Host, nodeCIDR: string): Promise<Underlay> {
  const p = parsePrefix(nodeCIDR)!;
  const gateway = formatIPv4((networkOf(p.addr, p.len) + 1) >>> 0);
  await host.run(null, ['ip', 'link', 'add', UNDERLAY_BRIDGE, 'type', 'bridge']);
  await host.run(null, ['ip', 'addr', 'add', `${gateway}/${p.len}`, 'dev', UNDERLAY_BRIDGE]);
  await host.run(null, ['ip', 'link', 'set', UNDERLAY_BRIDGE, 'up']);
  return { bridge: UNDERLAY_BRIDGE, gateway, prefixLen: p.len };
}

/** Plugs a node in: its namespace gets `eth0` with its InternalIP and a default route via the gateway. */
export async function attachNode(
  host: Host,
  underlay: Underlay,
  node: string,
  internalIP: string,
): Promise<string> {
  let hostEnd = dockerVethName(host.world.rng);
  while (host.world.root.linkByName(hostEnd)) hostEnd = dockerVethName(host.world.rng);
  await host.run(null, ['ip', 'link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', node]);
  await host.run(null, ['ip', 'link', 'set', hostEnd, 'master', underlay.bridge]);
  await host.run(null, ['ip', 'link', 'set', hostEnd, 'up']);
  await host.run(node, ['ip', 'addr', 'add', `${internalIP}/${underlay.prefixLen}`, 'dev', 'eth0']);
  await host.run(node, ['ip', 'link', 'set', 'eth0', 'up']);
  await host.run(node, ['ip', 'route', 'add', 'default', 'via', underlay.gateway, 'dev', 'eth0']);
  return hostEnd;
}
