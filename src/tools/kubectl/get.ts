/**
 * `kubectl get pods|services|endpointslices|nodes [NAME...] [-n NS | -A]
 * [-o wide]`: the server-side table (the API server's printers, as kubectl
 * requests `as=Table`), header upper-cased, priority-1 columns only with
 * `-o wide`, a NAMESPACE column first with `-A`.
 */
import type { Proc } from '../process.js';
import type { KubeObject } from '../../k8s/api/meta.js';
import { tableColumns, tableRow } from '../../k8s/api/table.js';
import { TWIN_EPOCH_MS, type Twin } from '../../k8s/twin/twin.js';
import { tabwrite } from './tabwriter.js';

interface Resource {
  readonly kind: string;
  /** The plural, as in `pods "x" not found`. */
  readonly plural: string;
  readonly namespaced: boolean;
  readonly list: (twin: Twin) => readonly KubeObject[];
}

/** The typed objects as the printers' generic shape (they are plain JSON objects). */
const asKube = (objects: readonly object[]): readonly KubeObject[] => objects as readonly KubeObject[];

const POD: Resource = { kind: 'Pod', plural: 'pods', namespaced: true, list: (t) => asKube(t.objects.pods) };
const SVC: Resource = {
  kind: 'Service',
  plural: 'services',
  namespaced: true,
  list: (t) => asKube(t.objects.services),
};
const SLICE: Resource = {
  kind: 'EndpointSlice',
  plural: 'endpointslices.discovery.k8s.io',
  namespaced: true,
  list: (t) => asKube(t.objects.endpointSlices),
};
const NODE: Resource = {
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
  list: (t) => asKube(t.objects.nodes),
};

/** The names kubectl's discovery resolves (plural, singular, short name). */
const RESOURCES: Record<string, Resource> = {
  pods: POD,
  pod: POD,
  po: POD,
  services: SVC,
  service: SVC,
  svc: SVC,
  endpointslices: SLICE,
  endpointslice: SLICE,
  'endpointslices.discovery.k8s.io': SLICE,
  nodes: NODE,
  node: NODE,
  no: NODE,
};

export interface GetOptions {
  readonly namespace: string;
  readonly allNamespaces: boolean;
  readonly output: string | null;
  readonly args: readonly string[];
}

export function get(proc: Proc, twin: Twin, o: GetOptions): number {
  const [type, ...names] = o.args;
  if (type === undefined) {
    proc.stderr.write(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples\n",
    );
    return 1;
  }
  const res = RESOURCES[type.toLowerCase()];
  if (!res) {
    proc.stderr.write(`error: the server doesn't have a resource type "${type}"\n`);
    return 1;
  }
  if (o.output !== null && o.output !== 'wide') {
    proc.stderr.write(`error: output format "${o.output}" not supported by the cluster twin (only wide)\n`);
    return 1;
  }
  const all = o.allNamespaces && names.length === 0;
  const inScope = res
    .list(twin)
    .filter((x) => !res.namespaced || all || x.metadata.namespace === o.namespace);
  const shown: KubeObject[] = [];
  let status = 0;
  for (const name of names) {
    const hit = inScope.find((x) => x.metadata.name === name);
    if (hit) shown.push(hit);
    else {
      proc.stderr.write(`Error from server (NotFound): ${res.plural} "${name}" not found\n`);
      status = 1;
    }
  }
  const objects = names.length > 0 ? shown : sortForList(inScope);
  if (objects.length === 0) {
    if (names.length === 0)
      proc.stderr.write(
        !res.namespaced || all ? 'No resources found\n' : `No resources found in ${o.namespace} namespace.\n`,
      );
    return status;
  }
  proc.stdout.write(render(res, objects, o.output === 'wide', all && res.namespaced, twin));
  return status;
}

/** The API server lists in key order: namespace, then name. */
const sortForList = (objects: readonly KubeObject[]): KubeObject[] =>
  [...objects].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

function render(
  res: Resource,
  objects: readonly KubeObject[],
  wide: boolean,
  withNamespace: boolean,
  twin: Twin,
): string {
  const columns = tableColumns(res.kind);
  const keep = columns.map((c) => wide || c.priority === 0);
  const now = new Date(TWIN_EPOCH_MS + twin.world.clock.now);
  const header = columns.filter((_, i) => keep[i]).map((c) => c.name.toUpperCase());
  const rows = objects.map((x) => {
    const cells = (tableRow(res.kind, x, now, 'None').cells as (string | number)[]).map(String);
    const row = cells.filter((_, i) => keep[i]);
    return withNamespace ? [x.metadata.namespace ?? '', ...row] : row;
  });
  return tabwrite([withNamespace ? ['NAMESPACE', ...header] : header, ...rows]);
}
