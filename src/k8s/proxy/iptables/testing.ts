/**
 * Helpers for tests: object builders in the style of upstream's
 * makeTestService/makeTestEndpointSlice, upstream's fake-proxier settings,
 * and sortIPTablesRules (proxier_test.go), which orders a restore input so
 * that it no longer depends on the order services were written in.
 */
import type { Endpoint, EndpointSlice, Service } from '../../api/core-v1.js';
import { LABEL_SERVICE_NAME } from '../../api/core-v1.js';
import type { ProxierConfig } from './config.js';

/** NewFakeProxier: pod IPs 10.0.0.0/8, node test-node at 192.168.0.2, mark 0x4000, nfacct counters present. */
export const FAKE_PROXIER: ProxierConfig = {
  nodeName: 'test-node',
  nodeIP: '192.168.0.2',
  clusterCIDR: '10.0.0.0/8',
  masqueradeMark: '0x4000',
  localhostNodePorts: true,
  randomFully: false,
  nfacct: true,
};

export function makeService(
  ns: string,
  name: string,
  spec: Service['spec'],
  status?: Service['status'],
): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: ns, name },
    spec,
    ...(status ? { status } : {}),
  };
}

export function makeSlice(
  ns: string,
  svc: string,
  endpoints: Endpoint[],
  ports: EndpointSlice['ports'] = [{ name: 'p80', port: 80, protocol: 'TCP' }],
): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { namespace: ns, name: `${svc}-1`, labels: { [LABEL_SERVICE_NAME]: svc } },
    addressType: 'IPv4',
    endpoints,
    ports,
  };
}

interface Chain {
  name: string;
  header: string;
  rules: string[];
}

/** The service name a rule's comment starts with (up to the first space or colon), or null. */
function commentService(rule: string): string | null {
  const m = / --comment (?:"([^"]*)"|(\S+))/.exec(rule);
  if (!m) return null;
  const text = m[1] ?? m[2];
  const i = text.search(/[ :]/);
  return i < 0 ? text : text.slice(0, i);
}

const rank = (name: string) =>
  name === 'KUBE-NODEPORTS' ? 0 : name === 'KUBE-SERVICES' ? 1 : name.startsWith('KUBE-') ? 2 : 3;

/** Stable sort by service name, treating rules without a comment as equal to everything (as Go's SliceStable with that less does on small inputs). */
function sortByService(rules: string[], lastRule?: (r: string) => boolean): string[] {
  const out = [...rules];
  // Insertion sort: the only stable sort that keeps upstream's "undefined when no comment" behaviour predictable.
  for (let i = 1; i < out.length; i++) {
    for (let j = i; j > 0; j--) {
      const a = out[j - 1];
      const b = out[j];
      let less: boolean;
      if (lastRule?.(b)) less = false;
      else if (lastRule?.(a)) less = true;
      else {
        const na = commentService(a);
        const nb = commentService(b);
        less = na !== null && nb !== null && nb < na;
      }
      if (!less) break;
      out[j - 1] = b;
      out[j] = a;
    }
  }
  return out;
}

export function sortIPTablesRules(text: string): string {
  const tables: { name: string; chains: Chain[]; extra: string[] }[] = [];
  let current: (typeof tables)[number] | null = null;
  for (const raw of text.split('\n')) {
    const l = raw.trim();
    if (!l) continue;
    if (l.startsWith('*')) tables.push((current = { name: l.slice(1), chains: [], extra: [] }));
    else if (l === 'COMMIT') current = null;
    else if (l.startsWith(':'))
      current!.chains.push({ name: l.slice(1).split(' ')[0], header: l, rules: [] });
    else if (l.startsWith('-A ')) current!.chains.find((c) => c.name === l.split(' ')[1])!.rules.push(l);
    else current!.extra.push(l);
  }
  tables.sort((a, b) => (a.name < b.name ? -1 : 1));
  const out: string[] = [];
  for (const t of tables) {
    t.chains.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of t.chains) {
      if (c.name === 'KUBE-NODEPORTS' || (c.name === 'KUBE-SERVICES' && t.name === 'filter'))
        c.rules = sortByService(c.rules);
      if (c.name === 'KUBE-SERVICES' && t.name === 'nat')
        c.rules = sortByService(c.rules, (r) => r.includes('must be the last rule'));
    }
    out.push(
      `*${t.name}`,
      ...t.chains.map((c) => c.header),
      ...t.chains.flatMap((c) => c.rules),
      ...t.extra,
      'COMMIT',
    );
  }
  return out.join('\n') + '\n';
}
