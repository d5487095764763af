/**
 * The bridge CNI plugin's ADD (plugins/main/bridge cmdAdd), step by step as
 * it talks to the kernel, each netlink call written as the `ip` command that
 * makes the same request: ensure the bridge, a veth pair created from the
 * container's side (its end named by the runtime, the host end random),
 * the host end up, enslaved and in hairpin mode, IPAM, the container's
 * address and default route, the gateway address on the bridge,
 * ip_forward, then the masquerade chain.
 */
import { formatIPv4 } from '../../net/ipv4.js';
import type { Host } from '../twin/host.js';
import { hostLocalAdd, type IpamResult } from './host-local.js';
import { setupIPMasq } from './ipmasq.js';
import { randomVethName } from './names.js';
import type { BridgeNetConf } from './netconf.js';

/** What the runtime passes (CNI_CONTAINERID, CNI_NETNS, CNI_IFNAME, CNI_ARGS IP=…); the plugin runs in the node's namespace. */
export interface CniArgs {
  readonly containerID: string;
  /** The node's namespace: where the plugin runs and the bridge lives. */
  readonly hostNetns: string;
  /** The pod sandbox's namespace. */
  readonly netns: string;
  readonly ifName: string;
  /** The pod's address, as the cluster decided it (host-local's `IP` argument). */
  readonly ip: string;
}

export interface CniResult {
  readonly hostVeth: string;
  readonly ipam: IpamResult;
  /** The CNI-… chain, when ipMasq is on. */
  readonly masqChain: string | null;
}

export async function bridgeAdd(host: Host, conf: BridgeNetConf, args: CniArgs): Promise<CniResult> {
  const node = args.hostNetns;
  await ensureBridge(host, node, conf.bridge);
  const hostVeth = uniqueVethName(host, node);
  await host.run(args.netns, [
    'ip', 'link', 'add', args.ifName, 'type', 'veth', 'peer', 'name', hostVeth, 'netns', node,
  ]); // prettier-ignore
  await host.run(args.netns, ['ip', 'link', 'set', args.ifName, 'up']);
  await host.run(node, ['ip', 'link', 'set', hostVeth, 'up']);
  await host.run(node, ['ip', 'link', 'set', hostVeth, 'master', conf.bridge]);
  if (conf.hairpinMode)
    await host.run(node, ['ip', 'link', 'set', hostVeth, 'type', 'bridge_slave', 'hairpin', 'on']);

  const ipam = hostLocalAdd(conf.ipam, args.ip);
  await host.run(args.netns, ['sysctl', '-qw', `net.ipv4.conf.${args.ifName}.arp_notify=1`]);
  await host.run(args.netns, ['ip', 'addr', 'add', ipam.address, 'dev', args.ifName]);
  if (conf.isDefaultGateway)
    await host.run(args.netns, ['ip', 'route', 'add', 'default', 'via', ipam.gateway, 'dev', args.ifName]);

  if (conf.isGateway) {
    const len = ipam.address.split('/')[1];
    const gw = `${ipam.gateway}/${len}`;
    // ensureAddr: only when the bridge does not have it yet (the first pod on the node).
    const bridge = host.netns(node).linkByName(conf.bridge)!;
    const has = host
      .netns(node)
      .addrsOf(bridge)
      .some((a) => `${formatIPv4(a.local)}/${a.prefixLen}` === gw);
    if (!has) await host.run(node, ['ip', 'addr', 'add', gw, 'dev', conf.bridge]);
    await host.run(node, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
  }
  const masqChain = conf.ipMasq
    ? await setupIPMasq(host, node, ipam.address, conf.name, args.containerID)
    : null;
  return { hostVeth, ipam, masqChain };
}

/** ensureBridge: created when missing (the first pod on the node), then set up. */
async function ensureBridge(host: Host, node: string, name: string): Promise<void> {
  if (!host.netns(node).linkByName(name)) await host.run(node, ['ip', 'link', 'add', name, 'type', 'bridge']);
  await host.run(node, ['ip', 'link', 'set', name, 'up']);
}

/** RandomVethName, retried as SetupVeth does when the name is taken. */
function uniqueVethName(host: Host, node: string): string {
  for (;;) {
    const name = randomVethName(host.world.rng);
    if (!host.netns(node).linkByName(name)) return name;
  }
}
