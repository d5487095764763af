/**
 * One service port's share of a sync (the body of the per-service loop of
 * proxier.go syncProxyRules), as restore text: its capture rules in the
 * shared chains (KUBE-SERVICES, KUBE-NODEPORTS, the filter chains), which
 * every sync writes, and its own chains (KUBE-SVC/SVL/EXT/FW/SEP), which a
 * partial sync writes only when the service changed. Rendered once per
 * change and kept (see state.ts), since a sync of 10,000 services only
 * changes a few of them; lines are built as template strings, the cheapest
 * way V8 has to build them.
 */
import { parseIPv4, parsePrefix, prefixContains, type IPv4 } from '../../../net/ipv4.js';
import { NFACCT_LOCALHOST_NODEPORT } from './config.js';
import { categorizeEndpoints, type EndpointInfo } from './endpoints.js';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
  type ServiceChains,
} from './names.js';
import { computeProbability } from './probability.js';
import {
  externallyAccessible,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from './service-port.js';

/** The node's settings a service port's rules depend on. */
export interface RenderContext {
  readonly nodeName: string;
  readonly nodeIP: IPv4 | null;
  readonly mark: string;
  /** `-s CIDR` / `! -s CIDR` for detect-local-mode ClusterCIDR; null when no detector. */
  readonly ifLocal: string | null;
  readonly ifNotLocal: string | null;
  readonly masqueradeAll: boolean;
  readonly largeCluster: boolean;
  readonly localhostNodePorts: boolean;
  readonly nfacct: boolean;
  /** Every setting above but the node's name and IP: nodes with the same key render node-independent ports alike. */
  readonly key: string;
}

/** Chain names derived from one service port, hashed once and kept (upstream's servicePortInfo and endpointInfo). */
export interface PortNames {
  readonly chains: ServiceChains;
  /** `ip:port` -> KUBE-SEP- chain. */
  readonly endpointChains: Map<string, string>;
}

/** One service port's rendered share of a sync: newline-terminated restore lines and their counts. */
export interface PortRules {
  /** Filter rules in the shared chains (REJECT/DROP for missing endpoints, firewall, health check). */
  readonly filter: string;
  readonly filterCount: number;
  /** Nat rules in KUBE-SERVICES and KUBE-NODEPORTS. */
  readonly capture: string;
  readonly captureCount: number;
  /** The service port's own nat chains: names, `:CHAIN - [0:0]` lines, rules. */
  readonly chainNames: readonly string[];
  readonly decls: string;
  readonly rules: string;
  readonly ruleCount: number;
}

/** KUBE-FW compares the source ranges with the node IP. */
export const dependsOnNodeIP = (svc: ServicePortInfo): boolean =>
  svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;

/** Rules depend on the node only through local endpoints and, for KUBE-FW, the node IP. */
export const dependsOnNode = (svc: ServicePortInfo): boolean =>
  usesLocalEndpoints(svc) || dependsOnNodeIP(svc);

/**
 * Newline-terminated lines as one flat string: `join` then `+ '\n'` would
 * leave a rope, which every later join of the restore input walks again.
 */
function text(lines: string[]): string {
  if (lines.length === 0) return '';
  lines.push('');
  return lines.join('\n');
}

/**
 * Collects lines per section and joins each once: one flat string per
 * section survives in the cache, the lines die young (cheap for the GC,
 * where `+=` would keep a rope of every line alive).
 */
class PortWriter {
  private readonly filterLines: string[] = [];
  private readonly captureLines: string[] = [];
  private readonly ruleLines: string[] = [];
  readonly chainNames: string[] = [];

  addFilter(line: string): void {
    this.filterLines.push(line);
  }
  addCapture(line: string): void {
    this.captureLines.push(line);
  }
  addChain(name: string): void {
    this.chainNames.push(name);
  }
  addRule(line: string): void {
    this.ruleLines.push(line);
  }

  /** Called once: the line lists are consumed. */
  done(): PortRules {
    return {
      filterCount: this.filterLines.length,
      filter: text(this.filterLines),
      captureCount: this.captureLines.length,
      capture: text(this.captureLines),
      chainNames: this.chainNames,
      decls: text(this.chainNames.map((name) => `:${name} - [0:0]`)),
      ruleCount: this.ruleLines.length,
      rules: text(this.ruleLines),
    };
  }
}

/** The chains and verdicts one service port needs on this node (the first half of the per-service loop). */
interface Plan {
  readonly svc: ServicePortInfo;
  readonly proto: string;
  readonly names: PortNames;
  readonly chains: ServiceChains;
  readonly cluster: readonly EndpointInfo[];
  readonly local: readonly EndpointInfo[];
  readonly allReachable: readonly EndpointInfo[];
  readonly hasEndpoints: boolean;
  readonly hasInternal: boolean;
  readonly hasExternal: boolean;
  readonly internalChain: string;
  readonly externalPolicyChain: string;
  readonly usesExternalChain: boolean;
  readonly usesFirewallChain: boolean;
  readonly loadBalancerChain: string;
  /** REJECT (no endpoints at all) or DROP (none for this policy), with its quoted comment; null when reachable. */
  readonly internalFilter: Verdict | null;
  readonly externalFilter: Verdict | null;
}

interface Verdict {
  readonly target: string;
  readonly comment: string;
}

function plan(
  ctx: RenderContext,
  svc: ServicePortInfo,
  names: PortNames,
  endpoints: readonly EndpointInfo[],
): Plan {
  const proto = svc.protocol.toLowerCase();
  const { chains } = names;
  const { cluster, local, allReachable, hasAny } = categorizeEndpoints(endpoints, svc, ctx.nodeName);
  const hasInternal = hasAny && !(svc.internalPolicyLocal && local.length === 0);
  const hasExternal = hasAny && !(svc.externalPolicyLocal && local.length === 0);
  const usesFirewallChain =
    hasAny && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const noEndpoints = { target: 'REJECT', comment: `"${svc.name} has no endpoints"` };
  const noLocal = { target: 'DROP', comment: `"${svc.name} has no local endpoints"` };
  return {
    svc,
    proto,
    names,
    chains,
    cluster,
    local,
    allReachable,
    hasEndpoints: hasAny,
    hasInternal,
    hasExternal,
    internalChain: svc.internalPolicyLocal ? chains.local : chains.cluster,
    externalPolicyChain: svc.externalPolicyLocal ? chains.local : chains.cluster,
    usesExternalChain: hasAny && externallyAccessible(svc),
    usesFirewallChain,
    loadBalancerChain: usesFirewallChain ? chains.firewall : chains.external,
    internalFilter: !hasAny ? noEndpoints : hasInternal ? null : noLocal,
    externalFilter: !hasAny ? noEndpoints : hasExternal ? null : noLocal,
  };
}

/** One service port's capture rules and chains, in the order upstream writes them. */
export function renderPort(
  ctx: RenderContext,
  svc: ServicePortInfo,
  names: PortNames,
  endpoints: readonly EndpointInfo[],
  endpointChain: (endpoint: string) => string,
): PortRules {
  const p = plan(ctx, svc, names, endpoints);
  const out = new PortWriter();
  writeClusterIPCapture(out, p);
  writeExternalIPCapture(out, p);
  writeLoadBalancerCapture(out, p);
  writeNodePortCapture(out, ctx, p);
  if (svc.healthCheckNodePort !== 0)
    // Accepted whether or not this node has local endpoints: the health check answers either way.
    out.addFilter(
      `-A ${KUBE_NODEPORTS} -m comment --comment "${svc.name} health check node port" -m tcp -p tcp --dport ${svc.healthCheckNodePort} -j ACCEPT`,
    );
  writeInternalMasquerade(out, ctx, p);
  if (p.usesExternalChain) writeExternalChain(out, ctx, p);
  if (p.usesFirewallChain) writeFirewallChain(out, ctx, p);
  if (p.cluster.length > 0 && usesClusterEndpoints(svc))
    writePolicyChain(out, ctx, p, p.chains.cluster, p.cluster, endpointChain);
  if (p.local.length > 0 && usesLocalEndpoints(svc))
    writePolicyChain(out, ctx, p, p.chains.local, p.local, endpointChain);
  for (const ep of p.allReachable) writeEndpointChain(out, ctx, p, ep, endpointChain(ep.endpoint));
  return out.done();
}

/** `-m PROTO -p PROTO -d IP --dport PORT`, the destination words of every capture rule. */
const dest = (p: Plan, ip: string, port = p.svc.port) =>
  `-m ${p.proto} -p ${p.proto} -d ${ip} --dport ${port}`;

function writeClusterIPCapture(out: PortWriter, p: Plan): void {
  const { svc } = p;
  const to = dest(p, svc.clusterIP);
  if (p.hasInternal)
    out.addCapture(
      `-A ${KUBE_SERVICES} -m comment --comment "${svc.name} cluster IP" ${to} -j ${p.internalChain}`,
    );
  else {
    const f = p.internalFilter!;
    out.addFilter(`-A ${KUBE_SERVICES} -m comment --comment ${f.comment} ${to} -j ${f.target}`);
  }
}

function writeExternalIPCapture(out: PortWriter, p: Plan): void {
  for (const ip of p.svc.externalIPs) {
    if (p.hasEndpoints)
      out.addCapture(
        `-A ${KUBE_SERVICES} -m comment --comment "${p.svc.name} external IP" ${dest(p, ip)} -j ${p.chains.external}`,
      );
    const f = p.externalFilter;
    if (f)
      out.addFilter(
        `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${f.comment} ${dest(p, ip)} -j ${f.target}`,
      );
  }
}

function writeLoadBalancerCapture(out: PortWriter, p: Plan): void {
  const { svc } = p;
  for (const ip of svc.loadBalancerVIPs) {
    if (p.hasEndpoints)
      out.addCapture(
        `-A ${KUBE_SERVICES} -m comment --comment "${svc.name} loadbalancer IP" ${dest(p, ip)} -j ${p.loadBalancerChain}`,
      );
    if (p.usesFirewallChain)
      out.addFilter(
        `-A ${KUBE_PROXY_FIREWALL} -m comment --comment "${svc.name} traffic not accepted by ${p.chains.firewall}" ${dest(p, ip)} -j DROP`,
      );
  }
  const f = p.externalFilter;
  if (f)
    for (const ip of svc.loadBalancerVIPs)
      out.addFilter(
        `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${f.comment} ${dest(p, ip)} -j ${f.target}`,
      );
}

function writeNodePortCapture(out: PortWriter, ctx: RenderContext, p: Plan): void {
  const { svc, proto } = p;
  if (svc.nodePort === 0) return;
  const match = `-m ${proto} -p ${proto}`;
  if (p.hasEndpoints) {
    // Nodeports are not subject to loadBalancerSourceRanges, for better or worse.
    const head = `-A ${KUBE_NODEPORTS} -m comment --comment ${svc.name} ${match}`;
    if (ctx.localhostNodePorts && ctx.nfacct)
      out.addCapture(
        `${head} -d 127.0.0.0/8 --dport ${svc.nodePort} -m nfacct --nfacct-name ${NFACCT_LOCALHOST_NODEPORT} -j ${p.chains.external}`,
      );
    out.addCapture(`${head} --dport ${svc.nodePort} -j ${p.chains.external}`);
  }
  const f = p.externalFilter;
  if (f)
    out.addFilter(
      `-A ${KUBE_EXTERNAL_SERVICES} -m comment --comment ${f.comment} -m addrtype --dst-type LOCAL ${match} --dport ${svc.nodePort} -j ${f.target}`,
    );
}

/** Off-cluster sources reaching a ClusterIP (a static route to the service range) get masqueraded. */
function writeInternalMasquerade(out: PortWriter, ctx: RenderContext, p: Plan): void {
  if (!p.hasInternal) return;
  const args = `-A ${p.internalChain} -m comment --comment "${p.svc.name} cluster IP" ${dest(p, p.svc.clusterIP)}`;
  if (ctx.masqueradeAll) out.addRule(`${args} -j ${KUBE_MARK_MASQ}`);
  else if (ctx.ifNotLocal) out.addRule(`${args} ${ctx.ifNotLocal} -j ${KUBE_MARK_MASQ}`);
}

function writeExternalChain(out: PortWriter, ctx: RenderContext, p: Plan): void {
  const { svc, chains } = p;
  const ext = chains.external;
  out.addChain(ext);
  if (!svc.externalPolicyLocal) {
    // Endpoints may be on another node: masquerade so replies come back through this one.
    out.addRule(
      `-A ${ext} -m comment --comment "masquerade traffic for ${svc.name} external destinations" -j ${KUBE_MARK_MASQ}`,
    );
  } else {
    // Pods reaching an external IP behave as if they went out to the load balancer and back: no policy.
    if (ctx.ifLocal)
      out.addRule(
        `-A ${ext} -m comment --comment "pod traffic for ${svc.name} external destinations" ${ctx.ifLocal} -j ${chains.cluster}`,
      );
    // The node itself picks the (local) external IP as source: masquerade, and use every endpoint.
    out.addRule(
      `-A ${ext} -m comment --comment "masquerade LOCAL traffic for ${svc.name} external destinations" -m addrtype --src-type LOCAL -j ${KUBE_MARK_MASQ}`,
    );
    out.addRule(
      `-A ${ext} -m comment --comment "route LOCAL traffic for ${svc.name} external destinations" -m addrtype --src-type LOCAL -j ${chains.cluster}`,
    );
  }
  if (p.hasExternal) out.addRule(`-A ${ext} -j ${p.externalPolicyChain}`);
}

function writeFirewallChain(out: PortWriter, ctx: RenderContext, p: Plan): void {
  const { svc, chains } = p;
  out.addChain(chains.firewall);
  const args = `-A ${chains.firewall} -m comment --comment "${svc.name} loadbalancer IP"`;
  let allowFromNode = false;
  for (const cidr of svc.loadBalancerSourceRanges) {
    out.addRule(`${args} -s ${cidr} -j ${chains.external}`);
    const prefix = parsePrefix(cidr);
    if (prefix && ctx.nodeIP !== null && prefixContains(prefix, ctx.nodeIP)) allowFromNode = true;
  }
  // A VIP bound locally loops node-to-VIP traffic back with the VIP as source.
  if (allowFromNode)
    for (const ip of svc.loadBalancerVIPs) out.addRule(`${args} -s ${ip} -j ${chains.external}`);
  // Whatever falls off the end was not DNATed, and KUBE-PROXY-FIREWALL drops it in filter.
  out.addRule(
    `-A ${chains.firewall} -m comment --comment "other traffic to ${svc.name} will be dropped by KUBE-PROXY-FIREWALL"`,
  );
}

/** writeServiceToEndpointRules: affinity checks first, then the 1/n, 1/(n-1), ... cascade. */
function writePolicyChain(
  out: PortWriter,
  ctx: RenderContext,
  p: Plan,
  chain: string,
  endpoints: readonly EndpointInfo[],
  endpointChain: (endpoint: string) => string,
): void {
  out.addChain(chain);
  const { svc } = p;
  const comment = (ep: EndpointInfo) =>
    ctx.largeCluster ? '' : ` -m comment --comment "${svc.name} -> ${ep.endpoint}"`;
  if (svc.sessionAffinityClientIP)
    for (const ep of endpoints) {
      const sep = endpointChain(ep.endpoint);
      out.addRule(
        `-A ${chain}${comment(ep)} -m recent --name ${sep} --rcheck --seconds ${svc.stickyMaxAgeSeconds} --reap -j ${sep}`,
      );
    }
  const n = endpoints.length;
  for (let i = 0; i < n; i++) {
    const ep = endpoints[i]!;
    const random = i < n - 1 ? ` -m statistic --mode random --probability ${computeProbability(n - i)}` : '';
    out.addRule(`-A ${chain}${comment(ep)}${random} -j ${endpointChain(ep.endpoint)}`);
  }
}

function writeEndpointChain(
  out: PortWriter,
  ctx: RenderContext,
  p: Plan,
  ep: EndpointInfo,
  sep: string,
): void {
  const { svc, proto } = p;
  out.addChain(sep);
  const head = ctx.largeCluster ? `-A ${sep}` : `-A ${sep} -m comment --comment ${svc.name}`;
  // Hairpin: a pod reaching itself through the service must see the node as source.
  out.addRule(`${head} -s ${ep.ip} -j ${KUBE_MARK_MASQ}`);
  const affinity = svc.sessionAffinityClientIP ? ` -m recent --name ${sep} --set` : '';
  out.addRule(`${head}${affinity} -m ${proto} -p ${proto} -j DNAT --to-destination ${ep.endpoint}`);
}

/** The node's render settings, from its config (the largeCluster flag changes from sync to sync). */
export function renderContext(
  config: {
    readonly nodeName: string;
    readonly nodeIP: string;
    readonly clusterCIDR?: string;
    readonly masqueradeAll?: boolean;
    readonly nfacct?: boolean;
  },
  mark: string,
  localhostNodePorts: boolean,
  largeCluster: boolean,
): RenderContext {
  const cidr = config.clusterCIDR;
  const shared = {
    mark,
    ifLocal: cidr ? `-s ${cidr}` : null,
    ifNotLocal: cidr ? `! -s ${cidr}` : null,
    masqueradeAll: config.masqueradeAll ?? false,
    largeCluster,
    localhostNodePorts,
    nfacct: config.nfacct ?? false,
  };
  return {
    nodeName: config.nodeName,
    nodeIP: parseIPv4(config.nodeIP),
    ...shared,
    key: JSON.stringify(shared),
  };
}
