/**
 * kube-proxy's iptables mode as a pure function: the `iptables-restore`
 * input of a full sync (pkg/proxy/iptables/proxier.go syncProxyRules), from
 * the node's settings, the Services and the EndpointSlices. Upstream walks a
 * Go map, so its service order varies from sync to sync; here service ports
 * come sorted by name (then protocol), which is one of the orders upstream
 * can produce.
 */
import type { EndpointSlice, Service } from '../../api/core-v1.js';
import { parseIPv4, parsePrefix, prefixContains } from '../../../net/ipv4.js';
import {
  LARGE_CLUSTER_ENDPOINTS,
  NFACCT_INVALID_DROPPED,
  NFACCT_LOCALHOST_NODEPORT,
  masqueradeMarkText,
  type ProxierConfig,
} from './config.js';
import { buildEndpointsMap, categorizeEndpoints, endpointsKey, type EndpointInfo } from './endpoints.js';
import { KUBE_EXT, KUBE_FW, KUBE_SEP, KUBE_SVC, KUBE_SVL, endpointChain, serviceChains } from './names.js';
import {
  externallyAccessible,
  servicePortInfos,
  usesClusterEndpoints,
  usesLocalEndpoints,
  type ServicePortInfo,
} from './service-port.js';
import { computeProbability } from './probability.js';
import { JUMP_CHAINS, KUBELET_JUMP_CHAINS, type JumpChain } from './jumps.js';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';

export interface SyncInput {
  readonly config: ProxierConfig;
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  /**
   * A partial sync (upstream since 1.26): the services (`ns/name`) whose
   * Service or endpoints changed since the last successful sync. Only their
   * KUBE-SVC/SVL/EXT/FW/SEP chains are written; the others' are left as the
   * kernel holds them (the restore is `--noflush`). Absent: a full sync.
   */
  readonly changed?: ReadonlySet<string>;
  /**
   * The nat chains the kernel holds now (`iptables-save -t nat`), when this
   * sync cleans up: service chains no longer written are flushed and
   * deleted (`:CHAIN` and `-X CHAIN`). Absent: no cleanup. As a function,
   * it decides knowing whether this sync is in large-cluster mode (null: no cleanup).
   */
  readonly existingNatChains?: Iterable<string> | ((largeCluster: boolean) => Iterable<string> | null);
}

export interface SyncResult {
  /** What kube-proxy pipes into `iptables-restore --noflush --counters`. */
  readonly restore: string;
  /** The jumps from built-in chains it ensures with `iptables -I` before the restore. */
  readonly jumps: readonly JumpChain[];
  readonly filterRules: number;
  /** nat rules written (upstream's sync_proxy_rules_iptables_last: no `-X` lines). */
  readonly natRules: number;
  /** nat rules a partial sync left out: with natRules, every nat rule kube-proxy owns. */
  readonly skippedNatRules: number;
  /** The service chains this sync declared or skipped: what it would keep. */
  readonly activeNatChains: ReadonlySet<string>;
  readonly deletedChains: number;
}

/** One `iptables-restore` line: words joined by spaces, as proxyutil.LineBuffer writes them. */
type Words = readonly string[];

interface Writer {
  readonly filterChains: string[];
  readonly filterRules: string[];
  readonly natChains: string[];
  readonly natRules: string[];
}

interface Context {
  readonly config: ProxierConfig;
  readonly mark: string;
  /** `-s CIDR` / `! -s CIDR` for detect-local-mode ClusterCIDR; null when no detector. */
  readonly ifLocal: Words | null;
  readonly ifNotLocal: Words | null;
  readonly largeCluster: boolean;
  readonly localhostNodePorts: boolean;
}

const chainLine = (name: string) => `:${name} - [0:0]`;
/** Array.prototype.flat is slow on this hot path (hundreds of thousands of lines per sync): a plain loop. */
function line(...parts: (string | Words)[]): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out = out === '' ? part : `${out} ${part}`;
    else for (const w of part) out = out === '' ? w : `${out} ${w}`;
  }
  return out;
}
const quoted = (text: string) => `"${text}"`;

export function syncProxyRules(input: SyncInput): SyncResult {
  const { config } = input;
  const endpointsMap = buildEndpointsMap(input.endpointSlices, config.nodeName);
  const ports = input.services.flatMap(servicePortInfos).sort(byPortName);
  const endpointsOf = (s: ServicePortInfo) => endpointsMap.get(endpointsKey(s.name, s.protocol)) ?? [];
  const totalEndpoints = ports.reduce((n, s) => n + endpointsOf(s).length, 0);
  const ctx = context(config, totalEndpoints > LARGE_CLUSTER_ENDPOINTS);
  const out: Writer = { filterChains: [], filterRules: [], natChains: [], natRules: [] };
  // Upstream's DiscardLineBuffer: what a partial sync computes for unchanged services and throws away.
  const skipped: Writer = { filterChains: [], filterRules: [], natChains: [], natRules: [] };

  writeBaseChains(out, ctx);
  for (const svc of ports) {
    const unchanged = input.changed !== undefined && !input.changed.has(`${svc.namespace}/${svc.service}`);
    writeServicePort(out, unchanged ? skipped : out, ctx, svc, endpointsOf(svc));
  }
  const activeNatChains = new Set(
    [...out.natChains, ...skipped.natChains].map((l) => l.slice(1, l.indexOf(' '))),
  );
  const existing = input.existingNatChains;
  const deletedChains = deleteStaleChains(
    out,
    activeNatChains,
    typeof existing === 'function' ? existing(ctx.largeCluster) : existing,
  );
  writeNodePortsJump(out, ctx);
  writeForwardRules(out, ctx);

  const restore = [
    '*filter',
    ...out.filterChains,
    ...out.filterRules,
    'COMMIT',
    '*nat',
    ...out.natChains,
    ...out.natRules,
    'COMMIT',
    '',
  ].join('\n');
  return {
    restore,
    jumps: [...JUMP_CHAINS, ...KUBELET_JUMP_CHAINS],
    filterRules: out.filterRules.length,
    natRules: out.natRules.length - deletedChains,
    skippedNatRules: skipped.natRules.length,
    activeNatChains,
    deletedChains,
  };
}

/** isServiceChainName: the per-service chains kube-proxy creates and may delete. */
const SERVICE_CHAIN_PREFIXES = [KUBE_SVC, KUBE_SVL, KUBE_EXT, KUBE_FW, KUBE_SEP];
const isServiceChainName = (chain: string) => SERVICE_CHAIN_PREFIXES.some((p) => chain.startsWith(p));

/**
 * Stale service chains: declaring a chain flushes it, then `-X` deletes it.
 * Upstream walks a Go set (random order); here they come sorted.
 */
function deleteStaleChains(
  out: Writer,
  active: ReadonlySet<string>,
  existing: Iterable<string> | null | undefined,
): number {
  if (!existing) return 0;
  const stale = [...new Set(existing)].filter((c) => !active.has(c) && isServiceChainName(c)).sort();
  for (const chain of stale) {
    out.natChains.push(chainLine(chain));
    out.natRules.push(`-X ${chain}`);
  }
  return stale.length;
}

const byPortName = (a: ServicePortInfo, b: ServicePortInfo) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0;

/** NewProxier: localhost NodePorts are on unless turned off or 127.0.0.1 is outside --nodeport-addresses. */
export function localhostNodePortsEnabled(config: ProxierConfig): boolean {
  const addrs = nodePortCIDRs(config);
  const loopback = parseIPv4('127.0.0.1')!;
  const localhostOK = addrs === null || addrs.some((p) => prefixContains(p, loopback));
  return (config.localhostNodePorts ?? true) && localhostOK;
}

function context(config: ProxierConfig, largeCluster: boolean): Context {
  const cidr = config.clusterCIDR;
  return {
    config,
    mark: config.masqueradeMark ?? masqueradeMarkText(config.masqueradeBit),
    ifLocal: cidr ? ['-s', cidr] : null,
    ifNotLocal: cidr ? ['!', '-s', cidr] : null,
    largeCluster,
    localhostNodePorts: localhostNodePortsEnabled(config),
  };
}

/** proxyutil.NodePortAddresses for IPv4: null means match every local address. */
function nodePortCIDRs(config: ProxierConfig) {
  const list = config.nodePortAddresses ?? [];
  const cidrs = list
    .map((text) => (text === 'primary' ? `${config.nodeIP}/32` : text))
    .map((text) => parsePrefix(text))
    .filter((p) => p !== null);
  if (cidrs.length === 0 || cidrs.some((p) => p.len === 0)) return null;
  return cidrs;
}

function writeBaseChains(out: Writer, ctx: Context): void {
  for (const c of [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL])
    out.filterChains.push(chainLine(c));
  for (const c of [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ])
    out.natChains.push(chainLine(c));
  const m = ctx.mark;
  out.natRules.push(
    line('-A', KUBE_POSTROUTING, '-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN'),
    line('-A', KUBE_POSTROUTING, '-j', 'MARK', '--xor-mark', m),
    line(
      '-A',
      KUBE_POSTROUTING,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes service traffic requiring SNAT'),
      '-j',
      'MASQUERADE',
      ctx.config.randomFully === false ? [] : ['--random-fully'],
    ),
    line('-A', KUBE_MARK_MASQ, '-j', 'MARK', '--or-mark', m),
  );
  if (ctx.localhostNodePorts) {
    // route_localnet opens 127/8 to the network (https://issue.k8s.io/90259); this closes it again.
    out.filterChains.push(chainLine(KUBE_FIREWALL));
    out.filterRules.push(
      line(
        '-A',
        KUBE_FIREWALL,
        '-m',
        'comment',
        '--comment',
        quoted('block incoming localnet connections'),
        '-d',
        '127.0.0.0/8',
        '!',
        '-s',
        '127.0.0.0/8',
        '-m',
        'conntrack',
        '!',
        '--ctstate',
        'RELATED,ESTABLISHED,DNAT',
        '-j',
        'DROP',
      ),
    );
  }
}

/** The chains and verdicts one service port needs on this node (the first half of the per-service loop). */
interface Plan {
  readonly svc: ServicePortInfo;
  readonly proto: string;
  readonly chains: ReturnType<typeof serviceChains>;
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
  /** REJECT (no endpoints at all) or DROP (none for this policy), with its comment; null when reachable. */
  readonly internalFilter: { target: string; comment: string } | null;
  readonly externalFilter: { target: string; comment: string } | null;
}

function plan(svc: ServicePortInfo, endpoints: readonly EndpointInfo[]): Plan {
  const proto = svc.protocol.toLowerCase();
  const chains = serviceChains(svc.name, proto);
  const { cluster, local, allReachable, hasAny } = categorizeEndpoints(endpoints, svc);
  const hasInternal = hasAny && !(svc.internalPolicyLocal && local.length === 0);
  const hasExternal = hasAny && !(svc.externalPolicyLocal && local.length === 0);
  const usesFirewallChain =
    hasAny && svc.loadBalancerVIPs.length > 0 && svc.loadBalancerSourceRanges.length > 0;
  const noEndpoints = { target: 'REJECT', comment: quoted(`${svc.name} has no endpoints`) };
  const noLocal = { target: 'DROP', comment: quoted(`${svc.name} has no local endpoints`) };
  return {
    svc,
    proto,
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

/**
 * One service port: the capture rules (KUBE-SERVICES, KUBE-NODEPORTS, the
 * filter chains) always go to `out`; the service's own chains go to
 * `chains`, which a partial sync discards for unchanged services.
 */
function writeServicePort(
  out: Writer,
  chains: Writer,
  ctx: Context,
  svc: ServicePortInfo,
  endpoints: readonly EndpointInfo[],
): void {
  const p = plan(svc, endpoints);
  writeClusterIPCapture(out, p);
  writeExternalIPCapture(out, p);
  writeLoadBalancerCapture(out, p);
  writeNodePortCapture(out, ctx, p);
  if (svc.healthCheckNodePort !== 0) {
    // Accepted whether or not this node has local endpoints: the health check answers either way.
    const comment = quoted(`${svc.name} health check node port`);
    const dport = String(svc.healthCheckNodePort);
    out.filterRules.push(
      line(
        '-A',
        KUBE_NODEPORTS,
        '-m',
        'comment',
        '--comment',
        comment,
        '-m',
        'tcp',
        '-p',
        'tcp',
        '--dport',
        dport,
        '-j',
        'ACCEPT',
      ),
    );
  }
  writeInternalMasquerade(chains, ctx, p);
  if (p.usesExternalChain) writeExternalChain(chains, ctx, p);
  if (p.usesFirewallChain) writeFirewallChain(chains, ctx, p);
  if (p.cluster.length > 0 && usesClusterEndpoints(svc))
    writePolicyChain(chains, ctx, p, p.chains.cluster, p.cluster);
  if (p.local.length > 0 && usesLocalEndpoints(svc))
    writePolicyChain(chains, ctx, p, p.chains.local, p.local);
  for (const ep of p.allReachable) writeEndpointChain(chains, ctx, p, ep);
}

/** `-m PROTO -p PROTO -d IP --dport PORT`, the destination words of every capture rule. */
const dest = (p: Plan, ip: string, port = p.svc.port): Words => [
  '-m',
  p.proto,
  '-p',
  p.proto,
  '-d',
  ip,
  '--dport',
  String(port),
];

function writeClusterIPCapture(out: Writer, p: Plan): void {
  const { svc } = p;
  if (p.hasInternal) {
    out.natRules.push(
      line(
        '-A',
        KUBE_SERVICES,
        '-m',
        'comment',
        '--comment',
        quoted(`${svc.name} cluster IP`),
        dest(p, svc.clusterIP),
        '-j',
        p.internalChain,
      ),
    );
  } else {
    const f = p.internalFilter!;
    out.filterRules.push(
      line(
        '-A',
        KUBE_SERVICES,
        '-m',
        'comment',
        '--comment',
        f.comment,
        dest(p, svc.clusterIP),
        '-j',
        f.target,
      ),
    );
  }
}

function writeExternalIPCapture(out: Writer, p: Plan): void {
  for (const ip of p.svc.externalIPs) {
    if (p.hasEndpoints)
      out.natRules.push(
        line(
          '-A',
          KUBE_SERVICES,
          '-m',
          'comment',
          '--comment',
          quoted(`${p.svc.name} external IP`),
          dest(p, ip),
          '-j',
          p.chains.external,
        ),
      );
    if (p.externalFilter) {
      const f = p.externalFilter;
      out.filterRules.push(
        line(
          '-A',
          KUBE_EXTERNAL_SERVICES,
          '-m',
          'comment',
          '--comment',
          f.comment,
          dest(p, ip),
          '-j',
          f.target,
        ),
      );
    }
  }
}

function writeLoadBalancerCapture(out: Writer, p: Plan): void {
  const { svc } = p;
  for (const ip of svc.loadBalancerVIPs) {
    if (p.hasEndpoints)
      out.natRules.push(
        line(
          '-A',
          KUBE_SERVICES,
          '-m',
          'comment',
          '--comment',
          quoted(`${svc.name} loadbalancer IP`),
          dest(p, ip),
          '-j',
          p.loadBalancerChain,
        ),
      );
    if (p.usesFirewallChain)
      out.filterRules.push(
        line(
          '-A',
          KUBE_PROXY_FIREWALL,
          '-m',
          'comment',
          '--comment',
          quoted(`${svc.name} traffic not accepted by ${p.chains.firewall}`),
          dest(p, ip),
          '-j',
          'DROP',
        ),
      );
  }
  if (p.externalFilter) {
    const f = p.externalFilter;
    for (const ip of svc.loadBalancerVIPs)
      out.filterRules.push(
        line(
          '-A',
          KUBE_EXTERNAL_SERVICES,
          '-m',
          'comment',
          '--comment',
          f.comment,
          dest(p, ip),
          '-j',
          f.target,
        ),
      );
  }
}

function writeNodePortCapture(out: Writer, ctx: Context, p: Plan): void {
  const { svc, proto } = p;
  if (svc.nodePort === 0) return;
  const match = ['-m', proto, '-p', proto];
  if (p.hasEndpoints) {
    // Nodeports are not subject to loadBalancerSourceRanges, for better or worse.
    if (ctx.localhostNodePorts && ctx.config.nfacct) {
      const acct = ['-m', 'nfacct', '--nfacct-name', NFACCT_LOCALHOST_NODEPORT];
      const dport = ['--dport', String(svc.nodePort)];
      out.natRules.push(
        line(
          '-A',
          KUBE_NODEPORTS,
          '-m',
          'comment',
          '--comment',
          svc.name,
          match,
          '-d',
          '127.0.0.0/8',
          dport,
          acct,
          '-j',
          p.chains.external,
        ),
      );
    }
    out.natRules.push(
      line(
        '-A',
        KUBE_NODEPORTS,
        '-m',
        'comment',
        '--comment',
        svc.name,
        match,
        '--dport',
        String(svc.nodePort),
        '-j',
        p.chains.external,
      ),
    );
  }
  if (p.externalFilter) {
    const f = p.externalFilter;
    out.filterRules.push(
      line(
        '-A',
        KUBE_EXTERNAL_SERVICES,
        '-m',
        'comment',
        '--comment',
        f.comment,
        '-m',
        'addrtype',
        '--dst-type',
        'LOCAL',
        match,
        '--dport',
        String(svc.nodePort),
        '-j',
        f.target,
      ),
    );
  }
}

/** Off-cluster sources reaching a ClusterIP (a static route to the service range) get masqueraded. */
function writeInternalMasquerade(out: Writer, ctx: Context, p: Plan): void {
  if (!p.hasInternal) return;
  const args = line(
    '-A',
    p.internalChain,
    '-m',
    'comment',
    '--comment',
    quoted(`${p.svc.name} cluster IP`),
    dest(p, p.svc.clusterIP),
  );
  if (ctx.config.masqueradeAll) out.natRules.push(`${args} -j ${KUBE_MARK_MASQ}`);
  else if (ctx.ifNotLocal) out.natRules.push(`${line(args, ctx.ifNotLocal)} -j ${KUBE_MARK_MASQ}`);
}

function writeExternalChain(out: Writer, ctx: Context, p: Plan): void {
  const { svc, chains } = p;
  const ext = chains.external;
  out.natChains.push(chainLine(ext));
  const comment = (text: string) => ['-m', 'comment', '--comment', quoted(text)];
  if (!svc.externalPolicyLocal) {
    // Endpoints may be on another node: masquerade so replies come back through this one.
    out.natRules.push(
      line(
        '-A',
        ext,
        comment(`masquerade traffic for ${svc.name} external destinations`),
        '-j',
        KUBE_MARK_MASQ,
      ),
    );
  } else {
    // Pods reaching an external IP behave as if they went out to the load balancer and back: no policy.
    if (ctx.ifLocal)
      out.natRules.push(
        line(
          '-A',
          ext,
          comment(`pod traffic for ${svc.name} external destinations`),
          ctx.ifLocal,
          '-j',
          chains.cluster,
        ),
      );
    // The node itself picks the (local) external IP as source: masquerade, and use every endpoint.
    const srcLocal = ['-m', 'addrtype', '--src-type', 'LOCAL'];
    out.natRules.push(
      line(
        '-A',
        ext,
        comment(`masquerade LOCAL traffic for ${svc.name} external destinations`),
        srcLocal,
        '-j',
        KUBE_MARK_MASQ,
      ),
      line(
        '-A',
        ext,
        comment(`route LOCAL traffic for ${svc.name} external destinations`),
        srcLocal,
        '-j',
        chains.cluster,
      ),
    );
  }
  if (p.hasExternal) out.natRules.push(line('-A', ext, '-j', p.externalPolicyChain));
}

function writeFirewallChain(out: Writer, ctx: Context, p: Plan): void {
  const { svc, chains } = p;
  out.natChains.push(chainLine(chains.firewall));
  const args = line(
    '-A',
    chains.firewall,
    '-m',
    'comment',
    '--comment',
    quoted(`${svc.name} loadbalancer IP`),
  );
  const nodeIP = parseIPv4(ctx.config.nodeIP);
  let allowFromNode = false;
  for (const cidr of svc.loadBalancerSourceRanges) {
    out.natRules.push(line(args, '-s', cidr, '-j', chains.external));
    const prefix = parsePrefix(cidr);
    if (prefix && nodeIP !== null && prefixContains(prefix, nodeIP)) allowFromNode = true;
  }
  // A VIP bound locally loops node-to-VIP traffic back with the VIP as source.
  if (allowFromNode)
    for (const ip of svc.loadBalancerVIPs) out.natRules.push(line(args, '-s', ip, '-j', chains.external));
  // Whatever falls off the end was not DNATed, and KUBE-PROXY-FIREWALL drops it in filter.
  out.natRules.push(
    line(
      '-A',
      chains.firewall,
      '-m',
      'comment',
      '--comment',
      quoted(`other traffic to ${svc.name} will be dropped by KUBE-PROXY-FIREWALL`),
    ),
  );
}

/** writeServiceToEndpointRules: affinity checks first, then the 1/n, 1/(n-1), ... cascade. */
function writePolicyChain(
  out: Writer,
  ctx: Context,
  p: Plan,
  chain: string,
  endpoints: readonly EndpointInfo[],
): void {
  out.natChains.push(chainLine(chain));
  const { svc } = p;
  const comment = (ep: EndpointInfo): Words =>
    ctx.largeCluster ? [] : ['-m', 'comment', '--comment', quoted(`${svc.name} -> ${ep.endpoint}`)];
  if (svc.sessionAffinityClientIP) {
    for (const ep of endpoints) {
      const sep = endpointChain(svc.name, p.proto, ep.endpoint);
      out.natRules.push(
        line(
          '-A',
          chain,
          comment(ep),
          '-m',
          'recent',
          '--name',
          sep,
          '--rcheck',
          '--seconds',
          String(svc.stickyMaxAgeSeconds),
          '--reap',
          '-j',
          sep,
        ),
      );
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const sep = endpointChain(svc.name, p.proto, ep.endpoint);
    const random =
      i < n - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', computeProbability(n - i)] : [];
    out.natRules.push(line('-A', chain, comment(ep), random, '-j', sep));
  });
}

function writeEndpointChain(out: Writer, ctx: Context, p: Plan, ep: EndpointInfo): void {
  const { svc, proto } = p;
  const sep = endpointChain(svc.name, proto, ep.endpoint);
  out.natChains.push(chainLine(sep));
  const head = line('-A', sep, ctx.largeCluster ? [] : ['-m', 'comment', '--comment', svc.name]);
  // Hairpin: a pod reaching itself through the service must see the node as source.
  out.natRules.push(line(head, '-s', ep.ip, '-j', KUBE_MARK_MASQ));
  const affinity = svc.sessionAffinityClientIP ? ['-m', 'recent', '--name', sep, '--set'] : [];
  out.natRules.push(
    line(head, affinity, '-m', proto, '-p', proto, '-j', 'DNAT', '--to-destination', ep.endpoint),
  );
}

/** The tail call to KUBE-NODEPORTS, after every other service rule. */
function writeNodePortsJump(out: Writer, ctx: Context): void {
  const comment = [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain'),
  ];
  const cidrs = nodePortCIDRs(ctx.config);
  if (cidrs === null) {
    const dst = [
      '-m',
      'addrtype',
      '--dst-type',
      'LOCAL',
      ...(ctx.localhostNodePorts ? [] : ['!', '-d', '127.0.0.0/8']),
    ];
    out.natRules.push(line('-A', KUBE_SERVICES, comment, dst, '-j', KUBE_NODEPORTS));
    return;
  }
  const seen = new Set<string>();
  for (const addr of ctx.config.nodeAddresses ?? [ctx.config.nodeIP]) {
    const ip = parseIPv4(addr);
    if (ip === null || seen.has(addr) || !cidrs.some((c) => prefixContains(c, ip))) continue;
    seen.add(addr);
    // Loopback only when localhost NodePorts are on (upstream logs and skips it otherwise).
    if (ip >>> 24 === 127 && !ctx.localhostNodePorts) continue;
    out.natRules.push(line('-A', KUBE_SERVICES, comment, '-d', addr, '-j', KUBE_NODEPORTS));
  }
}

function writeForwardRules(out: Writer, ctx: Context): void {
  if (!ctx.config.conntrackTCPLiberal) {
    // INVALID packets would otherwise reach a pod un-DNATed and reset the connection (kubernetes#74839).
    const acct = ctx.config.nfacct ? ['-m', 'nfacct', '--nfacct-name', NFACCT_INVALID_DROPPED] : [];
    out.filterRules.push(
      line('-A', KUBE_FORWARD, '-m', 'conntrack', '--ctstate', 'INVALID', acct, '-j', 'DROP'),
    );
  }
  const m = ctx.mark;
  out.filterRules.push(
    line(
      '-A',
      KUBE_FORWARD,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes forwarding rules'),
      '-m',
      'mark',
      '--mark',
      `${m}/${m}`,
      '-j',
      'ACCEPT',
    ),
    line(
      '-A',
      KUBE_FORWARD,
      '-m',
      'comment',
      '--comment',
      quoted('kubernetes forwarding conntrack rule'),
      '-m',
      'conntrack',
      '--ctstate',
      'RELATED,ESTABLISHED',
      '-j',
      'ACCEPT',
    ),
  );
}
