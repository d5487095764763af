import { isObject, type Json, type JsonObject, type KubeObject } from './meta.js';
import {
  AGE,
  age,
  arr,
  col,
  formatLabels,
  formatLabelSelector,
  humanDuration,
  NAME,
  num,
  obj,
  orNone,
  str,
  type Cell,
  type ColumnDefinition,
  type Printer,
} from './table-cells.js';
import { NETWORK_PRINTERS } from './table-network.js';
import { WORKLOAD_PRINTERS } from './table-workloads.js';

export { humanDuration, type ColumnDefinition };

/**
 * Server-side printing (`as=Table`) with the columns of the real API server's
 * printers (pkg/printers/internalversion/printers.go). kubectl prints the
 * columns it is given, upper-cased; priority 1 columns only with `-o wide`.
 */
function podCells(pod: KubeObject, now: Date): Cell[] {
  const spec = obj(pod.spec);
  const status = obj(pod.status);
  const containers = arr(spec.containers);
  let reason = str(status.reason) || str(status.phase);
  let ready = 0;
  let restarts = 0;
  for (const cs of arr(status.containerStatuses).map(obj)) {
    restarts += num(cs.restartCount);
    const state = obj(cs.state);
    const waiting = str(obj(state.waiting).reason);
    const terminated = obj(state.terminated);
    if (waiting) reason = waiting;
    else if (isObject(state.terminated))
      reason =
        str(terminated.reason) ||
        (terminated.signal ? `Signal:${num(terminated.signal)}` : `ExitCode:${num(terminated.exitCode)}`);
    else if (cs.ready === true && isObject(state.running)) ready++;
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  const gates = arr(spec.readinessGates);
  return [
    pod.metadata.name ?? '',
    `${ready}/${containers.length}`,
    reason,
    String(restarts),
    age(pod, now),
    orNone(str(status.podIP)),
    orNone(str(spec.nodeName)),
    orNone(str(status.nominatedNodeName)),
    gates.length ? `0/${gates.length}` : '<none>',
  ];
}

function serviceCells(svc: KubeObject, now: Date): Cell[] {
  const spec = obj(svc.spec);
  const type = str(spec.type);
  const externalIPs = arr(spec.externalIPs).map(str);
  let external = externalIPs.join(',');
  if (type === 'LoadBalancer') {
    const ingress = arr(obj(obj(svc.status).loadBalancer).ingress).map(
      (i) => str(obj(i).ip) || str(obj(i).hostname),
    );
    external = [...ingress, ...externalIPs].join(',') || '<pending>';
  } else if (type === 'ExternalName') external = str(spec.externalName);
  const ports = arr(spec.ports)
    .map(obj)
    .map((p) =>
      num(p.nodePort) > 0
        ? `${num(p.port)}:${num(p.nodePort)}/${str(p.protocol)}`
        : `${num(p.port)}/${str(p.protocol)}`,
    );
  return [
    svc.metadata.name ?? '',
    type,
    orNone(str(spec.clusterIP)),
    orNone(external),
    orNone(ports.join(',')),
    age(svc, now),
    orNone(formatLabels(spec.selector)),
  ];
}

function deploymentCells(d: KubeObject, now: Date): Cell[] {
  const spec = obj(d.spec);
  const status = obj(d.status);
  const containers = arr(obj(obj(spec.template).spec).containers).map(obj);
  return [
    d.metadata.name ?? '',
    `${num(status.readyReplicas)}/${num(spec.replicas)}`,
    num(status.updatedReplicas),
    num(status.availableReplicas),
    age(d, now),
    containers.map((c) => str(c.name)).join(','),
    containers.map((c) => str(c.image)).join(','),
    formatLabelSelector(spec.selector),
  ];
}

function endpointsCells(ep: KubeObject, now: Date): Cell[] {
  const all: string[] = [];
  for (const subset of arr(ep.subsets).map(obj)) {
    const ports = arr(subset.ports).map(obj);
    for (const a of arr(subset.addresses).map(obj)) {
      if (ports.length === 0) all.push(str(a.ip));
      for (const p of ports) all.push(`${str(a.ip)}:${num(p.port)}`);
    }
  }
  const shown = all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
  return [ep.metadata.name ?? '', orNone(shown), age(ep, now)];
}

function nodeCells(node: KubeObject, now: Date): Cell[] {
  const status = obj(node.status);
  const ready = arr(status.conditions)
    .map(obj)
    .find((c) => c.type === 'Ready');
  let state = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
  if (obj(node.spec).unschedulable === true) state += ',SchedulingDisabled';
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .sort();
  const addresses = arr(status.addresses).map(obj);
  const address = (type: string) =>
    addresses.filter((a) => a.type === type).map((a) => str(a.address))[0] ?? '';
  const info = obj(status.nodeInfo);
  return [
    node.metadata.name ?? '',
    state,
    orNone(roles.join(',')),
    age(node, now),
    str(info.kubeletVersion),
    orNone(address('InternalIP')),
    orNone(address('ExternalIP')),
    orNone(str(info.osImage)),
    orNone(str(info.kernelVersion)),
    orNone(str(info.containerRuntimeVersion)),
  ];
}

function eventCells(ev: KubeObject, now: Date): Cell[] {
  const involved = obj(ev.involvedObject);
  const last = str(ev.lastTimestamp) || str(ev.eventTime) || ev.metadata.creationTimestamp || '';
  const first = str(ev.firstTimestamp) || str(ev.eventTime) || ev.metadata.creationTimestamp || '';
  const since = (ts: string) => (ts ? humanDuration(now.getTime() - Date.parse(ts)) : '<unknown>');
  const source = obj(ev.source);
  return [
    since(last),
    str(ev.type),
    str(ev.reason),
    `${str(involved.kind).toLowerCase()}/${str(involved.name)}`,
    str(involved.fieldPath),
    [str(source.component), str(source.host)].filter((s) => s).join(', '),
    str(ev.message).trim(),
    since(first),
    num(ev.count) || 1,
    ev.metadata.name ?? '',
  ];
}

const PRINTERS: Record<string, Printer> = {
  ...WORKLOAD_PRINTERS,
  ...NETWORK_PRINTERS,
  Pod: {
    columns: [
      NAME,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col(
        'Restarts',
        'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
      ),
      AGE,
      col('IP', 'podIP address allocated to the pod.', { priority: 1 }),
      col('Node', 'Name of the Node this pod is scheduled on.', { priority: 1 }),
      col('Nominated Node', 'nominatedNodeName is set when this pod preempts other pods on the node.', {
        priority: 1,
      }),
      col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', {
        priority: 1,
      }),
    ],
    cells: podCells,
  },
  Service: {
    columns: [
      NAME,
      col('Type', 'type determines how the Service is exposed.'),
      col('Cluster-IP', 'clusterIP is the IP address of the service.'),
      col(
        'External-IP',
        'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
      ),
      col('Port(s)', 'The list of ports that are exposed by this service.'),
      AGE,
      col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', {
        priority: 1,
      }),
    ],
    cells: serviceCells,
  },
  Deployment: {
    columns: [
      NAME,
      col('Ready', 'Number of the pod with ready state'),
      col(
        'Up-to-date',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
        { type: 'integer' },
      ),
      col(
        'Available',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
        { type: 'integer' },
      ),
      AGE,
      col('Containers', 'Names of each container in the template.', { priority: 1 }),
      col('Images', 'Images referenced by each container in the template.', { priority: 1 }),
      col(
        'Selector',
        'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
        { priority: 1 },
      ),
    ],
    cells: deploymentCells,
  },
  Namespace: {
    columns: [NAME, col('Status', 'The status of the namespace'), AGE],
    cells: (n, now) => [n.metadata.name ?? '', str(obj(n.status).phase), age(n, now)],
  },
  ConfigMap: {
    columns: [NAME, col('Data', 'Data contains the configuration data.', { type: 'integer' }), AGE],
    cells: (c, now) => [
      c.metadata.name ?? '',
      Object.keys(obj(c.data)).length + Object.keys(obj(c.binaryData)).length,
      age(c, now),
    ],
  },
  Endpoints: {
    columns: [NAME, col('Endpoints', 'Endpoints of the service'), AGE],
    cells: endpointsCells,
  },
  Node: {
    columns: [
      NAME,
      col('Status', 'The status of the node'),
      col('Roles', 'The roles of the node'),
      AGE,
      col('Version', 'Kubelet Version reported by the node.'),
      col('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
      col('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
      col(
        'OS-Image',
        'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
        { priority: 1 },
      ),
      col(
        'Kernel-Version',
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
        { priority: 1 },
      ),
      col(
        'Container-Runtime',
        'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
        { priority: 1 },
      ),
    ],
    cells: nodeCells,
  },
  Event: {
    columns: [
      col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
      col('Type', 'Type of this event (Normal, Warning), new types could be added in the future.'),
      col(
        'Reason',
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
      ),
      col('Object', 'The object that this event is about.'),
      col('Subobject', 'The subobject that this event is about.', { priority: 1 }),
      col('Source', 'The component reporting this event. Should be a short machine understandable string.', {
        priority: 1,
      }),
      col('Message', 'A human-readable description of the status of this operation.'),
      col('First Seen', 'The time at which the event was first recorded.', { priority: 1 }),
      col('Count', 'The number of times this event has occurred.', { type: 'integer', priority: 1 }),
      { ...NAME, priority: 1 },
    ],
    cells: eventCells,
  },
  ServiceAccount: {
    columns: [
      NAME,
      col(
        'Secrets',
        'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
        { type: 'integer' },
      ),
      AGE,
    ],
    cells: (sa, now) => [sa.metadata.name ?? '', arr(sa.secrets).length, age(sa, now)],
  },
};

/** The default table for kinds without a printer: name and creation time, as the real server's. */
const DEFAULT_PRINTER: Printer = {
  columns: [
    NAME,
    {
      ...col(
        'Created At',
        'CreationTimestamp is a timestamp representing the server time when this object was created.',
      ),
      type: 'date',
    },
  ],
  cells: (o) => [o.metadata.name ?? '', o.metadata.creationTimestamp ?? ''],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function tableColumns(kind: string): ColumnDefinition[] {
  return (PRINTERS[kind] ?? DEFAULT_PRINTER).columns;
}

export function tableRow(kind: string, object: KubeObject, now: Date, include: IncludeObject): JsonObject {
  const cells = (PRINTERS[kind] ?? DEFAULT_PRINTER).cells(object, now);
  const row: JsonObject = { cells };
  if (include === 'Object') row.object = object as unknown as JsonObject;
  else if (include === 'Metadata')
    row.object = {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: object.metadata as JsonObject,
    };
  return row;
}

export function table(
  kind: string,
  objects: KubeObject[],
  now: Date,
  include: IncludeObject,
  listMeta: JsonObject,
  withColumns = true,
): JsonObject {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: withColumns ? (tableColumns(kind) as unknown as Json[]) : [],
    rows: objects.map((o) => tableRow(kind, o, now, include)),
  };
}
