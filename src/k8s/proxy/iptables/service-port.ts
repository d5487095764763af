/**
 * What kube-proxy keeps per service port (pkg/proxy/serviceport.go,
 * newBaseServiceInfo), for one IP family (IPv4): the fields the iptables
 * backend reads, normalized the way upstream normalizes them.
 */
import type { Protocol, Service } from '../../api/core-v1.js';
import { formatPrefix, networkOf, parseIPv4, parsePrefix } from '../../../net/ipv4.js';
import { servicePortName } from './names.js';

export interface ServicePortInfo {
  readonly namespace: string;
  readonly service: string;
  /** proxy.ServicePortName.String(): `ns/name[:port]`. */
  readonly name: string;
  readonly protocol: Protocol;
  readonly clusterIP: string;
  readonly port: number;
  /** 0 when the port has none. */
  readonly nodePort: number;
  readonly externalIPs: readonly string[];
  readonly loadBalancerVIPs: readonly string[];
  /** Canonical CIDRs (`203.0.113.0/25`), blanks trimmed, unparsable entries dropped. */
  readonly loadBalancerSourceRanges: readonly string[];
  readonly sessionAffinityClientIP: boolean;
  readonly stickyMaxAgeSeconds: number;
  readonly healthCheckNodePort: number;
  readonly internalPolicyLocal: boolean;
  readonly externalPolicyLocal: boolean;
}

/** apiserver default for sessionAffinityConfig.clientIP.timeoutSeconds. */
export const DEFAULT_CLIENT_IP_TIMEOUT = 10800;

const isIPv4 = (text: string) => parseIPv4(text) !== null;

/** proxyutil.MapCIDRsByIPFamily for IPv4: trims blanks, parses sloppily, prints the network. */
function sourceRanges(ranges: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of ranges ?? []) {
    const p = parsePrefix(raw.trim());
    if (!p || !raw.includes('/')) continue;
    out.push(formatPrefix({ addr: networkOf(p.addr, p.len), len: p.len }));
  }
  return out;
}

/** proxyutil.ShouldSkipService: headless and ExternalName services get no rules. */
export function shouldSkipService(svc: Service): boolean {
  const ip = svc.spec.clusterIP;
  return !ip || ip === 'None' || svc.spec.type === 'ExternalName';
}

/** apiservice.ExternallyAccessible on the Service object. */
function serviceExternallyAccessible(svc: Service): boolean {
  const type = svc.spec.type ?? 'ClusterIP';
  return (
    type === 'LoadBalancer' ||
    type === 'NodePort' ||
    (type === 'ClusterIP' && (svc.spec.externalIPs?.length ?? 0) > 0)
  );
}

/** The IPv4 service ports kube-proxy tracks for `svc`, in spec order. */
export function servicePortInfos(svc: Service): ServicePortInfo[] {
  if (shouldSkipService(svc) || !isIPv4(svc.spec.clusterIP!)) return [];
  const namespace = svc.metadata.namespace ?? 'default';
  const service = svc.metadata.name ?? '';
  const externalPolicyLocal = serviceExternallyAccessible(svc) && svc.spec.externalTrafficPolicy === 'Local';
  const clientIP = svc.spec.sessionAffinity === 'ClientIP';
  const lbVIPs = (svc.status?.loadBalancer?.ingress ?? [])
    .filter((i) => i.ip && (i.ipMode ?? 'VIP') === 'VIP' && isIPv4(i.ip))
    .map((i) => i.ip!);
  return (svc.spec.ports ?? []).map((p) => ({
    namespace,
    service,
    name: servicePortName(namespace, service, p.name),
    protocol: p.protocol ?? 'TCP',
    clusterIP: svc.spec.clusterIP!,
    port: p.port,
    nodePort: p.nodePort ?? 0,
    externalIPs: (svc.spec.externalIPs ?? []).filter(isIPv4),
    loadBalancerVIPs: lbVIPs,
    loadBalancerSourceRanges: sourceRanges(svc.spec.loadBalancerSourceRanges),
    sessionAffinityClientIP: clientIP,
    stickyMaxAgeSeconds: clientIP
      ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_CLIENT_IP_TIMEOUT)
      : 0,
    healthCheckNodePort:
      svc.spec.type === 'LoadBalancer' && externalPolicyLocal ? (svc.spec.healthCheckNodePort ?? 0) : 0,
    internalPolicyLocal: svc.spec.internalTrafficPolicy === 'Local',
    externalPolicyLocal,
  }));
}

export const externallyAccessible = (s: ServicePortInfo): boolean =>
  s.nodePort !== 0 || s.loadBalancerVIPs.length > 0 || s.externalIPs.length > 0;

/** Cluster endpoints are needed for Cluster internal policy, and for short-circuiting any external traffic. */
export const usesClusterEndpoints = (s: ServicePortInfo): boolean =>
  !s.internalPolicyLocal || externallyAccessible(s);

export const usesLocalEndpoints = (s: ServicePortInfo): boolean =>
  s.internalPolicyLocal || (s.externalPolicyLocal && externallyAccessible(s));
