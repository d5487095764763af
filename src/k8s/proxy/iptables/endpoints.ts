/**
 * Endpoints per service port as kube-proxy's EndpointSliceCache builds them
 * (pkg/proxy/endpointslicecache.go) and sorts them, and the split into
 * Cluster and Local sets (pkg/proxy/topology.go CategorizeEndpoints, without
 * topology hints).
 */
import type { EndpointSlice, Protocol } from '../../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../../api/core-v1.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import { servicePortName } from './names.js';
import { usesClusterEndpoints, usesLocalEndpoints, type ServicePortInfo } from './service-port.js';

export interface EndpointInfo {
  readonly ip: string;
  readonly port: number;
  /** `ip:port`, what the SEP chain name and the DNAT use. */
  readonly endpoint: string;
  /** Endpoint.nodeName: the endpoint is local on that node (kept instead of a flag, so every node can share one map). */
  readonly nodeName: string | undefined;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
}

/** Endpoints keyed by `ns/name[:port]` + `/` + protocol. */
export type EndpointsMap = ReadonlyMap<string, readonly EndpointInfo[]>;

export const endpointsKey = (portName: string, protocol: Protocol): string => `${portName}/${protocol}`;

/** BaseEndpointInfo.IsLocal for the proxier on `nodeName`. */
export const isLocal = (ep: EndpointInfo, nodeName: string): boolean =>
  ep.nodeName !== undefined && ep.nodeName === nodeName;

/** The IPv4 endpoints of every slice, sorted by `ip:port` text as upstream's byEndpoint. */
export function buildEndpointsMap(slices: readonly EndpointSlice[]): EndpointsMap {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc || slice.addressType !== 'IPv4') continue;
    const ns = slice.metadata.namespace ?? 'default';
    for (const port of slice.ports ?? []) {
      if (port.port === undefined) continue;
      const key = endpointsKey(servicePortName(ns, svc, port.name), port.protocol ?? 'TCP');
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      for (const ep of slice.endpoints) {
        const ip = ep.addresses[0];
        if (ip === undefined || parseIPv4(ip) === null) continue;
        const ready = ep.conditions?.ready ?? true;
        const info: EndpointInfo = {
          ip,
          port: port.port,
          endpoint: `${ip}:${port.port}`,
          nodeName: ep.nodeName,
          ready,
          serving: ep.conditions?.serving ?? true,
          terminating: ep.conditions?.terminating ?? false,
        };
        const seen = set.get(info.endpoint);
        // The same address in two slices (mid-update): keep a ready copy over a not-ready one.
        if (!seen || (info.ready && !seen.ready)) set.set(info.endpoint, info);
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) out.set(key, [...set.values()].sort(byEndpoint));
  return out;
}

const byEndpoint = (a: EndpointInfo, b: EndpointInfo) =>
  a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0;

export interface Categorized {
  readonly cluster: readonly EndpointInfo[];
  readonly local: readonly EndpointInfo[];
  /** Every endpoint some rule of this node may DNAT to: the SEP chains to write. */
  readonly allReachable: readonly EndpointInfo[];
  readonly hasAny: boolean;
}

/** topology.go CategorizeEndpoints: ready endpoints, falling back to serving-and-terminating ones. */
export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  svc: ServicePortInfo,
  nodeName: string,
): Categorized {
  const servingTerminating = (ep: EndpointInfo) => ep.serving && ep.terminating;
  let cluster: readonly EndpointInfo[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(svc)) {
    cluster = endpoints.filter((ep) => ep.ready);
    if (cluster.length === 0) cluster = endpoints.filter(servingTerminating);
    hasAny = cluster.length > 0;
  }
  if (!usesLocalEndpoints(svc)) return { cluster, local: [], allReachable: cluster, hasAny };

  let localReady = false;
  let localServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      localReady ||= isLocal(ep, nodeName);
    } else if (servingTerminating(ep)) {
      hasAny = true;
      localServingTerminating ||= isLocal(ep, nodeName);
    }
  }
  let local: readonly EndpointInfo[] = [];
  if (localReady) local = endpoints.filter((ep) => isLocal(ep, nodeName) && ep.ready);
  else if (localServingTerminating)
    local = endpoints.filter((ep) => isLocal(ep, nodeName) && servingTerminating(ep));

  if (!usesClusterEndpoints(svc)) return { cluster, local, allReachable: local, hasAny };
  // Cluster holds every ready endpoint, so it covers Local unless Local fell back to terminating ones.
  if (!localServingTerminating || localReady) return { cluster, local, allReachable: cluster, hasAny };
  const merged = new Map<string, EndpointInfo>();
  for (const ep of [...cluster, ...local]) merged.set(ep.endpoint, ep);
  return { cluster, local, allReachable: [...merged.values()].sort(byEndpoint), hasAny };
}
