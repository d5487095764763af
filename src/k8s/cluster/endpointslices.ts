/**
 * EndpointSlices for services that have a selector and no slices in the
 * file, as the EndpointSlice controller writes them
 * (pkg/controller/endpointslice, reconciler.go): one endpoint per selected
 * pod that has an IP and is not finished, ready when the pod is Ready, one
 * slice per distinct port mapping (named target ports can differ by pod).
 */
import type { Endpoint, EndpointPort, EndpointSlice, Pod, Service } from '../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../api/core-v1.js';
import type { Rng } from '../../kernel/rng.js';

const isReady = (pod: Pod) =>
  (pod.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'True') === 'True';

/** The endpoint port for one service port, or null when the pod does not declare a named target port. */
function endpointPort(svcPort: NonNullable<Service['spec']['ports']>[number], pod: Pod): EndpointPort | null {
  const target = svcPort.targetPort ?? svcPort.port;
  const protocol = svcPort.protocol ?? 'TCP';
  let port: number | undefined =
    typeof target === 'number' ? target : /^\d+$/.test(target) ? Number(target) : undefined;
  if (port === undefined) {
    const found = pod.spec.containers
      .flatMap((c) => c.ports ?? [])
      .find((p) => p.name === target && (p.protocol ?? 'TCP') === protocol);
    if (!found) return null;
    port = found.containerPort;
  }
  return { ...(svcPort.name ? { name: svcPort.name } : { name: '' }), port, protocol };
}

/** utilrand.String(5) over the controller's generateName alphabet (no vowels, no confusable digits). */
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const suffix = (rng: Rng) => Array.from({ length: 5 }, () => ALPHABET[rng.below(ALPHABET.length)]).join('');

export function deriveEndpointSlices(svc: Service, pods: readonly Pod[], rng: Rng): EndpointSlice[] {
  const selector = svc.spec.selector;
  if (!selector || Object.keys(selector).length === 0 || svc.spec.type === 'ExternalName') return [];
  const ns = svc.metadata.namespace ?? 'default';
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    if ((pod.metadata.namespace ?? 'default') !== ns) continue;
    if (!Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v)) continue;
    const ip = pod.status?.podIP;
    if (!ip || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
    const ports = (svc.spec.ports ?? []).map((p) => endpointPort(p, pod)).filter((p) => p !== null);
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: [] }));
    const ready = isReady(pod);
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    group.endpoints.push({
      addresses: [ip],
      conditions: { ready: ready && !terminating, serving: ready, terminating },
      nodeName: pod.spec.nodeName,
      targetRef: {
        kind: 'Pod',
        namespace: ns,
        name: pod.metadata.name!,
        ...(pod.metadata.uid ? { uid: pod.metadata.uid } : {}),
      },
    });
  }
  // A service whose selector matches nothing still gets one empty slice.
  if (groups.size === 0)
    groups.set('', {
      ports: (svc.spec.ports ?? []).map((p) => ({
        name: p.name ?? '',
        port: undefined,
        protocol: p.protocol ?? 'TCP',
      })),
      endpoints: [],
    });
  return [...groups.values()].map((g) => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: ns,
      name: `${svc.metadata.name}-${suffix(rng)}`,
      generateName: `${svc.metadata.name}-`,
      labels: {
        [LABEL_SERVICE_NAME]: svc.metadata.name!,
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    endpoints: g.endpoints,
    ports: g.ports.map((p) => (p.port === undefined ? { name: p.name, protocol: p.protocol } : p)),
  }));
}
