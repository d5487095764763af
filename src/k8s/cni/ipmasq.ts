/**
 * The bridge plugin's `ipMasq` (pkg/ip SetupIPMasq, iptables backend): a
 * per-container chain in `nat` that leaves traffic to the pod's own subnet
 * alone and masquerades everything else but multicast, entered from
 * POSTROUTING for the pod's source address. Rules are passed in go-iptables'
 * order (`-j` before `-m comment`), as the plugin writes them.
 */
import type { Host } from '../twin/host.js';
import { appendUnique, chainExists, newChain } from '../twin/iptables-client.js';
import { cniChainName, cniComment } from './names.js';

const MULTICAST_NET = '224.0.0.0/4';

/** `address` is the pod's address with its subnet length (`10.244.0.2/24`), as net.IPNet.String() prints it. */
export async function setupIPMasq(
  host: Host,
  netns: string,
  address: string,
  network: string,
  containerID: string,
): Promise<string> {
  const chain = cniChainName(network, containerID);
  const comment = cniComment(network, containerID);
  const tag = ['-m', 'comment', '--comment', comment];
  const fresh = !(await chainExists(host, netns, 'nat', chain));
  if (fresh) await newChain(host, netns, 'nat', chain);
  const append = fresh ? appendToFresh : appendUnique;
  await append(host, netns, 'nat', chain, ['-d', address, '-j', 'ACCEPT', ...tag]);
  await append(host, netns, 'nat', chain, ['!', '-d', MULTICAST_NET, '-j', 'MASQUERADE', ...tag]);
  await append(host, netns, 'nat', 'POSTROUTING', ['-s', address.split('/')[0], '-j', chain, ...tag]);
  return chain;
}

/**
 * AppendUnique's `-C` and `-A` for a rule in, or jumping to, a chain this
 * ADD has just created: the `-C` is recorded as the plugin runs it, but
 * its answer is known without running it (an empty chain holds no rule,
 * and no rule could jump to a chain before it existed), which saves
 * rendering every POSTROUTING rule once per pod. An `-A` that fails still
 * fails the build, as it would after the check.
 */
async function appendToFresh(
  host: Host,
  netns: string,
  table: 'nat',
  chain: string,
  rule: readonly string[],
): Promise<void> {
  host.record(netns, ['iptables', '--wait', '-t', table, '-C', chain, ...rule]);
  await host.run(netns, ['iptables', '--wait', '-t', table, '-A', chain, ...rule]);
}
