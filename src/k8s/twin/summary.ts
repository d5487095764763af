/**
 * What `podpath up` prints: the cluster in a few tables, read back from the
 * twin (rule counts are those of each node's own `iptables-save`, so they
 * include the CNI plugin's chains as well as kube-proxy's).
 */
import { SAVE_ORDER } from '../../kernel/netfilter/tables.js';
import { tabwrite } from '../../tools/kubectl/tabwriter.js';
import { LABEL_SERVICE_NAME } from '../api/core-v1.js';
import type { Twin } from './twin.js';

/**
 * `-A` lines per table in a node's `iptables-save`: the rules of every
 * chain of every table it saves, counted in the tables rather than in the
 * text (on a large cluster each node's save would be 300,000 lines).
 */
function ruleCounts(twin: Twin, netns: string): Record<string, number> {
  const nf = twin.world.named.get(netns)!.netfilter;
  const counts: Record<string, number> = {};
  for (const name of SAVE_ORDER.filter((t) => nf.exists(t))) {
    const table = nf.view(name);
    let n = 0;
    for (const c of table.builtins) n += c.rules.length;
    for (const c of table.user.values()) n += c.rules.length;
    if (n > 0) counts[name] = n;
  }
  return counts;
}

export async function summary(twin: Twin): Promise<string> {
  const { cluster, objects } = twin;
  const out: string[] = [];
  const n = (count: number, what: string) => `${count} ${what}${count === 1 ? '' : 's'}`;
  out.push(
    `cluster ${cluster.name}: ${n(cluster.nodes.length, 'node')}, ${n(cluster.pods.length, 'pod')}, ` +
      `${n(cluster.services.length, 'service')} (clusterCIDR ${cluster.spec.clusterCIDR}, serviceCIDR ${cluster.spec.serviceCIDR})\n`,
    `underlay: bridge ${twin.underlay.bridge} ${twin.underlay.gateway}/${twin.underlay.prefixLen} in the initial namespace; ` +
      `cni: bridge cni0 with host-local IPAM; cross-node: host-gw; kube-proxy: iptables\n\n`,
  );
  const nodeRows = [['NODE', 'INTERNAL-IP', 'POD-CIDR', 'PODS', 'FILTER-RULES', 'NAT-RULES']];
  // Counted once rather than per node and per service: a large cluster has 1,000 nodes and 10,000 services.
  const podsOn = new Map<string, number>();
  for (const p of cluster.pods) podsOn.set(p.spec.nodeName!, (podsOn.get(p.spec.nodeName!) ?? 0) + 1);
  const slicesOf = new Map<string, typeof objects.endpointSlices>();
  for (const s of objects.endpointSlices) {
    const key = `${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME]}`;
    slicesOf.set(key, [...(slicesOf.get(key) ?? []), s]);
  }
  for (const node of twin.nodes) {
    const counts = ruleCounts(twin, node.netns);
    const pods = podsOn.get(node.name) ?? 0;
    nodeRows.push([
      node.name,
      node.internalIP,
      node.podCIDR,
      String(pods),
      String(counts.filter ?? 0),
      String(counts.nat ?? 0),
    ]);
  }
  out.push(tabwrite(nodeRows), '\n');
  if (twin.pods.length > 0) {
    const rows = [['POD', 'NODE', 'IP', 'NETNS', 'HOST-VETH', 'LISTENING']];
    for (const { sandbox, listeners } of twin.pods) {
      const ports = listeners.map((l) => `${l.port}/${l.protocol}`).join(',') || '<none>';
      const meta = sandbox.pod.metadata;
      rows.push([
        `${meta.namespace}/${meta.name}`,
        sandbox.node,
        sandbox.cni.ipam.address.split('/')[0],
        sandbox.netns,
        sandbox.cni.hostVeth,
        ports,
      ]);
    }
    out.push(tabwrite(rows), '\n');
  }
  const svcRows = [['SERVICE', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'ENDPOINTS']];
  for (const svc of objects.services) {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    const endpoints = (slicesOf.get(key) ?? []).flatMap((s) =>
      s.endpoints
        .filter((e) => e.conditions?.ready !== false)
        .flatMap((e) => e.addresses.map((a) => (s.ports?.[0]?.port ? `${a}:${s.ports[0].port}` : a))),
    );
    const ports = (svc.spec.ports ?? [])
      .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`)
      .join(',');
    svcRows.push([
      key,
      svc.spec.type ?? 'ClusterIP',
      svc.spec.clusterIP ?? '<none>',
      ports || '<none>',
      endpoints.join(',') || '<none>',
    ]);
  }
  out.push(tabwrite(svcRows));
  return out.join('');
}
