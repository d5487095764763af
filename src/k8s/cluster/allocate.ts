/**
 * Filling in what a real cluster decides by itself, checking what the file
 * gives: node podCIDRs (the node IPAM range allocator), node InternalIPs
 * (the installer's underlay), pod placement (the scheduler), pod IPs
 * (host-local IPAM: the bridge takes .1, pods from .2 in order), service
 * clusterIPs and node ports (the API server's allocators).
 */
import type { Node, Pod, Service } from '../api/core-v1.js';
import { nodeInternalIP } from '../api/core-v1.js';
import {
  formatIPv4,
  formatPrefix,
  networkOf,
  parseIPv4,
  parsePrefix,
  prefixContains,
  type Prefix,
} from '../../net/ipv4.js';
import { Rng } from '../../kernel/rng.js';
import type { ClusterSpec } from './model.js';
import type { Located } from './parse.js';
import { ClusterError } from './errors.js';
import { NODE_PORT_MAX, NODE_PORT_MIN, nodePortAllocator, serviceIPAllocator } from './ip-allocator.js';

const fail = (at: Located<unknown>, path: (string | number)[], reason: string): never => {
  throw new ClusterError(at.file, at.line(path), at.label, `${path.join('.')}: ${reason}`);
};

function ipIn(
  at: Located<unknown>,
  path: (string | number)[],
  text: string,
  prefix: Prefix,
  what: string,
): number {
  const ip = parseIPv4(text);
  if (ip === null) return fail(at, path, `invalid IPv4 address "${text}"`);
  if (!prefixContains(prefix, ip)) fail(at, path, `${text} is outside the ${what} ${formatPrefix(prefix)}`);
  return ip;
}

export function allocateNodes(
  nodes: Located<Node>[],
  spec: ClusterSpec,
  clusterCIDR: Prefix,
  nodeCIDR: Prefix,
): void {
  const size = spec.nodeCIDRMaskSize;
  const taken = new Map<number, string>();
  const usedIPs = new Map<number, string>();
  for (const at of nodes) {
    const node = at.obj;
    const cidr = node.spec?.podCIDR;
    if (cidr !== undefined) {
      const p = parsePrefix(cidr);
      if (!p || !cidr.includes('/')) fail(at, ['spec', 'podCIDR'], `invalid CIDR "${cidr}"`);
      if (!prefixContains(clusterCIDR, p!.addr) || p!.len < clusterCIDR.len)
        fail(at, ['spec', 'podCIDR'], `${cidr} is outside the clusterCIDR ${formatPrefix(clusterCIDR)}`);
      const net = networkOf(p!.addr, p!.len);
      if (taken.has(net))
        fail(at, ['spec', 'podCIDR'], `${cidr} is already the podCIDR of node ${taken.get(net)}`);
      taken.set(net, node.metadata.name!);
    }
    const ip = nodeInternalIP(node);
    if (ip !== undefined) {
      const addrs = node.status!.addresses!;
      const v = ipIn(
        at,
        ['status', 'addresses', addrs.findIndex((a) => a.type === 'InternalIP'), 'address'],
        ip,
        nodeCIDR,
        'node network',
      );
      if (usedIPs.has(v))
        fail(at, ['status', 'addresses'], `InternalIP ${ip} is already used by node ${usedIPs.get(v)}`);
      usedIPs.set(v, node.metadata.name!);
    }
  }
  // The range allocator hands out the lowest free subnet, in the order nodes register.
  let next = networkOf(clusterCIDR.addr, clusterCIDR.len);
  const step = 2 ** (32 - size);
  let host = networkOf(nodeCIDR.addr, nodeCIDR.len) + 2; // .1 is the underlay's gateway
  for (const at of nodes) {
    const node = at.obj;
    if (node.spec?.podCIDR === undefined) {
      while (taken.has(next)) next += step;
      if (!prefixContains(clusterCIDR, next >>> 0))
        fail(at, ['spec'], `no podCIDR left in ${formatPrefix(clusterCIDR)}`);
      const cidr = formatPrefix({ addr: next >>> 0, len: size });
      taken.set(next, node.metadata.name!);
      node.spec = { ...node.spec, podCIDR: cidr, podCIDRs: [cidr] };
    } else node.spec!.podCIDRs ??= [node.spec!.podCIDR];
    if (nodeInternalIP(node) === undefined) {
      while (usedIPs.has(host)) host++;
      usedIPs.set(host, node.metadata.name!);
      const addresses = [
        { type: 'InternalIP', address: formatIPv4(host >>> 0) },
        { type: 'Hostname', address: node.metadata.name! },
      ];
      node.status = { ...node.status, addresses: [...(node.status?.addresses ?? []), ...addresses] };
    }
  }
}

/** The scheduler's choice for an unplaced pod: the node with fewest pods, the first by file order on ties. */
export function schedulePods(pods: Located<Pod>[], nodes: readonly Node[]): void {
  const count = new Map(nodes.map((n) => [n.metadata.name!, 0]));
  for (const { obj } of pods)
    if (obj.spec.nodeName && count.has(obj.spec.nodeName))
      count.set(obj.spec.nodeName, count.get(obj.spec.nodeName)! + 1);
  for (const at of pods) {
    const name = at.obj.spec.nodeName;
    if (name !== undefined) {
      if (!count.has(name)) fail(at, ['spec', 'nodeName'], `node "${name}" not found`);
      continue;
    }
    if (nodes.length === 0) fail(at, ['spec'], 'no node to schedule it on');
    let best = nodes[0].metadata.name!;
    for (const [n, c] of count) if (c < count.get(best)!) best = n;
    at.obj.spec.nodeName = best;
    count.set(best, count.get(best)! + 1);
  }
}

/** host-local IPAM per node: .1 is cni0, pods take .2, .3, ... skipping addresses already given. */
export function allocatePodIPs(pods: Located<Pod>[], nodes: readonly Node[]): void {
  const byNode = new Map(nodes.map((n) => [n.metadata.name!, parsePrefix(n.spec!.podCIDR!)!]));
  const used = new Map<number, string>();
  for (const at of pods) {
    const ip = at.obj.status?.podIP;
    if (ip === undefined) continue;
    const cidr = byNode.get(at.obj.spec.nodeName!)!;
    const v = ipIn(at, ['status', 'podIP'], ip, cidr, `podCIDR of node ${at.obj.spec.nodeName}`);
    const gw = networkOf(cidr.addr, cidr.len) + 1;
    if (v === gw)
      fail(at, ['status', 'podIP'], `${ip} is the bridge's address on node ${at.obj.spec.nodeName}`);
    if (used.has(v)) fail(at, ['status', 'podIP'], `${ip} is already the IP of pod ${used.get(v)}`);
    used.set(v, at.label);
  }
  const next = new Map<string, number>();
  for (const at of pods) {
    if (at.obj.status?.podIP !== undefined) continue;
    const node = at.obj.spec.nodeName!;
    const cidr = byNode.get(node)!;
    let ip = next.get(node) ?? networkOf(cidr.addr, cidr.len) + 2;
    while (used.has(ip)) ip++;
    if (
      !prefixContains(cidr, ip >>> 0) ||
      ip >>> 0 === (networkOf(cidr.addr, cidr.len) | (2 ** (32 - cidr.len) - 1)) >>> 0
    )
      fail(at, ['spec', 'nodeName'], `no free IP left in ${formatPrefix(cidr)} on node ${node}`);
    used.set(ip, at.label);
    next.set(node, ip + 1);
    const podIP = formatIPv4(ip >>> 0);
    at.obj.status = { phase: 'Running', ...at.obj.status, podIP, podIPs: [{ ip: podIP }] };
  }
}

export function allocateServices(services: Located<Service>[], serviceCIDR: Prefix, seed: number): void {
  const ips = serviceIPAllocator(serviceCIDR.len);
  const base = networkOf(serviceCIDR.addr, serviceCIDR.len) + 1;
  const ports = nodePortAllocator();
  const owners = new Map<string, string>();
  for (const at of services) {
    const ip = at.obj.spec.clusterIP;
    if (ip !== undefined && ip !== 'None' && ip !== '') {
      const v = ipIn(at, ['spec', 'clusterIP'], ip, serviceCIDR, 'serviceCIDR');
      if (v === base - 1 || v === base + ips.size)
        fail(
          at,
          ['spec', 'clusterIP'],
          `${ip} is the network or broadcast address of ${formatPrefix(serviceCIDR)}`,
        );
      if (!ips.take(v - base))
        fail(
          at,
          ['spec', 'clusterIP'],
          `provided IP is already allocated (${ip}, used by ${owners.get(ip)})`,
        );
      owners.set(ip, at.label);
    }
    (at.obj.spec.ports ?? []).forEach((p, i) => {
      if (p.nodePort === undefined) return;
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
        fail(
          at,
          ['spec', 'ports', i, 'nodePort'],
          `${p.nodePort} is outside the node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        );
      if (!ports.take(p.nodePort - NODE_PORT_MIN))
        fail(at, ['spec', 'ports', i, 'nodePort'], `provided port is already allocated (${p.nodePort})`);
    });
  }
  const rng = new Rng(seed);
  for (const at of services) {
    const spec = at.obj.spec;
    if (spec.type === 'ExternalName') continue;
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      // The apiserver's own service is created with the first address of the range.
      const isKubernetes =
        at.obj.metadata.namespace === 'default' && at.obj.metadata.name === 'kubernetes' && ips.take(0);
      const offset = isKubernetes ? 0 : ips.allocate(rng);
      if (offset === null) fail(at, ['spec'], `no clusterIP left in ${formatPrefix(serviceCIDR)}`);
      spec.clusterIP = formatIPv4((base + offset!) >>> 0);
    }
    if (spec.clusterIP !== 'None') spec.clusterIPs = [spec.clusterIP];
    if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') continue;
    for (const p of spec.ports ?? []) {
      if (p.nodePort !== undefined) continue;
      const offset = ports.allocate(rng);
      if (offset === null) fail(at, ['spec', 'ports'], 'no node port left');
      p.nodePort = NODE_PORT_MIN + offset!;
    }
    if (
      spec.type === 'LoadBalancer' &&
      spec.externalTrafficPolicy === 'Local' &&
      spec.healthCheckNodePort === undefined
    ) {
      const offset = ports.allocate(rng);
      if (offset !== null) spec.healthCheckNodePort = NODE_PORT_MIN + offset;
    }
  }
}
