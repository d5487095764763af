/**
 * kube-proxy (iptables mode) starting on a node and doing its first full
 * sync, through the same commands the real one runs: the sysctls it sets
 * (route_localnet for localhost NodePorts, the conntrack TCP timeouts of its
 * default configuration), then per jump chain EnsureChain and
 * EnsureRule(Prepend), then the restore input piped into
 * `iptables-restore --noflush --counters` with its wait flags.
 */
import type { Cluster } from '../cluster/model.js';
import { proxierConfig } from '../cluster/kube-proxy.js';
import {
  localhostNodePortsEnabled,
  syncProxyRules,
  type SyncInput,
  type SyncResult,
} from '../proxy/iptables/proxier.js';
import type { ProxierCache } from '../proxy/iptables/state.js';
import { jumpArgs } from '../proxy/iptables/jumps.js';
import type { Host } from './host.js';
import { ensureChain, ensureRule } from './iptables-client.js';

/** KubeProxyConntrackConfiguration defaults: tcpEstablishedTimeout 24h, tcpCloseWaitTimeout 1h. */
const CONNTRACK_SYSCTLS = [
  'net.netfilter.nf_conntrack_tcp_timeout_established=86400',
  'net.netfilter.nf_conntrack_tcp_timeout_close_wait=3600',
];

/** kube-proxy's getIPTablesRestoreWaitFlag: iptables-restore takes each value as the next word. */
const RESTORE_WAIT = ['-w', '5', '-W', '100000'];

/** The restore command kube-proxy pipes every sync into. */
export const PROXY_RESTORE = ['iptables-restore', ...RESTORE_WAIT, '--noflush', '--counters'];

/**
 * `cache`: derived data shared with the other nodes' kube-proxies (what
 * does not depend on the node is then derived once for the cluster).
 */
export async function startKubeProxy(
  host: Host,
  cluster: Cluster,
  node: string,
  cache?: ProxierCache,
): Promise<SyncResult> {
  const config = proxierConfig(cluster, node)!;
  // NewProxier sets route_localnet only when localhost NodePorts survive --nodeport-addresses.
  if (localhostNodePortsEnabled(config))
    await host.run(node, ['sysctl', '-qw', 'net.ipv4.conf.all.route_localnet=1']);
  for (const s of CONNTRACK_SYSCTLS) await host.run(node, ['sysctl', '-qw', s]);
  const input: SyncInput = {
    config,
    services: cluster.services,
    endpointSlices: cluster.endpointSlices,
    ...(cache ? { cache } : {}),
  };
  const result = syncProxyRules(input);
  for (const j of result.jumps) {
    await ensureChain(host, node, j.table, j.dstChain);
    await ensureRule(host, node, 'prepend', j.table, j.srcChain, jumpArgs(j));
  }
  // The restore input (tens of MB per node on a large cluster) is made
  // again when read rather than kept, by the step and by the result.
  const text = () => syncProxyRules(input).restore;
  await host.runLazy(node, PROXY_RESTORE, text, result.restoreChunks);
  return {
    get restore() {
      return text();
    },
    get restoreChunks() {
      return syncProxyRules(input).restoreChunks;
    },
    jumps: result.jumps,
    filterRules: result.filterRules,
    natRules: result.natRules,
    skippedNatRules: result.skippedNatRules,
    get activeNatChains() {
      return syncProxyRules(input).activeNatChains;
    },
    deletedChains: result.deletedChains,
  };
}
