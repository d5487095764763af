import type { KubeObject } from './meta.js';
import {
  AGE,
  age,
  arr,
  col,
  formatLabelSelector,
  NAME,
  obj,
  orNone,
  str,
  type Printer,
} from './table-cells.js';

/** Table printers of networking, discovery, coordination and rbac kinds, as printers.go's. */

/** The first `max` items, then `+ N more...`, as printers.go shortens long lists. */
function shorten(items: string[], max: number): string {
  return items.length > max
    ? `${items.slice(0, max).join(',')} + ${items.length - max} more...`
    : items.join(',');
}

function ingressCells(ing: KubeObject, now: Date) {
  const spec = obj(ing.spec);
  const hosts = [
    ...new Set(
      arr(spec.rules)
        .map((r) => str(obj(r).host))
        .filter((h) => h),
    ),
  ];
  const addresses = arr(obj(obj(ing.status).loadBalancer).ingress).map(
    (i) => str(obj(i).ip) || str(obj(i).hostname),
  );
  return [
    ing.metadata.name ?? '',
    orNone(str(spec.ingressClassName)),
    hosts.length ? shorten(hosts, 4) : '*',
    addresses.join(','),
    arr(spec.tls).length ? '80, 443' : '80',
    age(ing, now),
  ];
}

function endpointSliceCells(slice: KubeObject, now: Date) {
  const ports = arr(slice.ports).map((p) => {
    const port = obj(p);
    return typeof port.port === 'number' ? String(port.port) : '<unset>';
  });
  const addresses = arr(slice.endpoints).flatMap((e) => arr(obj(e).addresses).map(str));
  return [
    slice.metadata.name ?? '',
    str(slice.addressType),
    ports.length ? shorten(ports, 3) : '<unset>',
    addresses.length ? shorten(addresses, 3) : '<unset>',
    age(slice, now),
  ];
}

function subjects(binding: KubeObject, kind: string): string {
  return arr(binding.subjects)
    .map(obj)
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${str(s.namespace)}/${str(s.name)}` : str(s.name)))
    .join(', ');
}

const BINDING: Printer = {
  columns: [
    NAME,
    col('Role', 'RoleRef is the reference to the role this binding refers to.'),
    AGE,
    col('Users', 'Users in the binding', { priority: 1 }),
    col('Groups', 'Groups in the binding', { priority: 1 }),
    col('ServiceAccounts', 'ServiceAccounts in the binding', { priority: 1 }),
  ],
  cells: (b, now) => {
    const ref = obj(b.roleRef);
    return [
      b.metadata.name ?? '',
      `${str(ref.kind)}/${str(ref.name)}`,
      age(b, now),
      subjects(b, 'User'),
      subjects(b, 'Group'),
      subjects(b, 'ServiceAccount'),
    ];
  },
};

const CREATED_AT: Printer = {
  columns: [NAME, col('Created At', 'Time at which the object was created', { type: 'date' })],
  cells: (r) => [r.metadata.name ?? '', r.metadata.creationTimestamp ?? ''],
};

export const NETWORK_PRINTERS: Record<string, Printer> = {
  NetworkPolicy: {
    columns: [NAME, col('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies.'), AGE],
    cells: (np, now) => [
      np.metadata.name ?? '',
      orNone(formatLabelSelector(obj(np.spec).podSelector)),
      age(np, now),
    ],
  },
  Ingress: {
    columns: [
      NAME,
      col('Class', 'The name of the IngressClass cluster resource.'),
      col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
      col('Address', 'Address is a list containing ingress points for the load-balancer'),
      col('Ports', 'Ports of TLS configurations that open'),
      AGE,
    ],
    cells: ingressCells,
  },
  Lease: {
    columns: [
      NAME,
      col('Holder', 'HolderIdentity contains the identity of the holder of a current lease.'),
      AGE,
    ],
    cells: (l, now) => [l.metadata.name ?? '', str(obj(l.spec).holderIdentity), age(l, now)],
  },
  EndpointSlice: {
    columns: [
      NAME,
      col('AddressType', 'The type of address carried by this EndpointSlice.'),
      col('Ports', 'Port numbers which will be exposed on this EndpointSlice.'),
      col('Endpoints', 'Endpoints in this EndpointSlice.'),
      AGE,
    ],
    cells: endpointSliceCells,
  },
  Role: CREATED_AT,
  ClusterRole: CREATED_AT,
  RoleBinding: BINDING,
  ClusterRoleBinding: BINDING,
};
