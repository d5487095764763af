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
  if (!(await chainExists(host, netns, 'nat', chain))) await newChain(host, netns, 'nat', chain);
  await appendUnique(host, netns, 'nat', chain, ['-d', address, '-j', 'ACCEPT', ...tag]);
  await appendUnique(host, netns, 'nat', chain, ['!', '-d', MULTICAST_NET, '-j', 'MASQUERADE', ...tag]);
  await appendUnique(host, netns, 'nat', 'POSTROUTING', ['-s', address.split('/')[0], '-j', chain, ...tag]);
  return chain;
}
