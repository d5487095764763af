/**
 * Packet-flow cases in the style of upstream's runPacketFlowTests
 * (pkg/proxy/iptables/proxier_test.go): source, destination, protocol ->
 * the endpoint reached and whether kube-proxy (or the CNI plugin)
 * masqueraded the source. Upstream evaluates its rules with a fake
 * iptables tracer; here a real TCP connection crosses the whole emulated
 * cluster (bridges, routing, netfilter, conntrack), and the answer is read
 * from the endpoint's node's conntrack table, as `conntrack -L` shows it.
 * Every service has one endpoint, so no case depends on a random pick.
 */
import { describe, expect, it } from 'vitest';
import { runUntilSettled } from '../../kernel/clock.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { runTool } from '../../tools/testing.js';
import { loadCluster } from '../cluster/load.js';
import { bringUp } from './up.js';

const CLUSTER = `apiVersion: podpath.io/v1alpha1
kind: Cluster
metadata: {name: flows}
spec: {clusterCIDR: 10.244.0.0/16, serviceCIDR: 10.96.0.0/12}
---
{apiVersion: v1, kind: Node, metadata: {name: node-a}}
---
{apiVersion: v1, kind: Node, metadata: {name: node-b}}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: node-a, containers: [{name: c, image: busybox}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-a, labels: {app: web-a}}
spec: {nodeName: node-a, containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-b, labels: {app: web-b}}
spec: {nodeName: node-b, containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc-a}
spec: {clusterIP: 10.96.0.10, selector: {app: web-a}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc-b}
spec:
  type: NodePort
  clusterIP: 10.96.0.11
  externalIPs: [192.0.2.20]
  selector: {app: web-b}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
---
apiVersion: v1
kind: Service
metadata: {name: svc-b-local}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  clusterIP: 10.96.0.12
  selector: {app: web-b}
  ports: [{port: 80, targetPort: 8080, nodePort: 30081}]
---
apiVersion: v1
kind: Service
metadata: {name: empty}
spec: {clusterIP: 10.96.0.13, selector: {app: none}, ports: [{port: 80}]}
`;

interface FlowCase {
  readonly name: string;
  /** The namespace the client connects from (null: the underlay host). */
  readonly from: string | null;
  readonly dest: string;
  readonly port: number;
  /** `ip:port` reached, or the connection's failure. */
  readonly output: string;
  /** The source address the endpoint sees; absent when nothing is reached. */
  readonly seenFrom?: string;
}

const CASES: readonly FlowCase[] = [
  {
    name: 'pod to ClusterIP, endpoint on its node',
    from: 'default.client',
    dest: '10.96.0.10',
    port: 80,
    output: '10.244.0.3:8080',
    seenFrom: '10.244.0.2',
  },
  // Across nodes the bridge plugin's ipMasq masquerades (its exception is the node's own subnet).
  {
    name: 'pod to ClusterIP, endpoint on the other node',
    from: 'default.client',
    dest: '10.96.0.11',
    port: 80,
    output: '10.244.1.2:8080',
    seenFrom: '172.18.0.2',
  },
  {
    name: 'node to ClusterIP (OUTPUT DNAT, masqueraded: not from clusterCIDR)',
    from: 'node-a',
    dest: '10.96.0.10',
    port: 80,
    output: '10.244.0.3:8080',
    seenFrom: '10.244.0.1',
  },
  {
    name: 'hairpin: endpoint to its own ClusterIP',
    from: 'default.web-a',
    dest: '10.96.0.10',
    port: 80,
    output: '10.244.0.3:8080',
    seenFrom: '10.244.0.1',
  },
  {
    name: 'external to NodePort on the node without the endpoint',
    from: null,
    dest: '172.18.0.2',
    port: 30080,
    output: '10.244.1.2:8080',
    seenFrom: '172.18.0.2',
  },
  {
    name: 'external to NodePort on the endpoint node',
    from: null,
    dest: '172.18.0.3',
    port: 30080,
    output: '10.244.1.2:8080',
    seenFrom: '10.244.1.1',
  },
  {
    name: 'external to eTP=Local NodePort with a local endpoint: source kept',
    from: null,
    dest: '172.18.0.3',
    port: 30081,
    output: '10.244.1.2:8080',
    seenFrom: '172.18.0.1',
  },
  {
    name: 'external to eTP=Local NodePort without a local endpoint: dropped',
    from: null,
    dest: '172.18.0.2',
    port: 30081,
    output: 'timeout',
  },
  {
    name: 'pod to eTP=Local NodePort on a node without one: short-circuited',
    from: 'default.client',
    dest: '172.18.0.2',
    port: 30081,
    output: '10.244.1.2:8080',
    seenFrom: '172.18.0.2',
  },
  {
    name: 'pod to external IP',
    from: 'default.client',
    dest: '192.0.2.20',
    port: 80,
    output: '10.244.1.2:8080',
    seenFrom: '172.18.0.2',
  },
  {
    name: 'pod to a service without endpoints: rejected',
    from: 'default.client',
    dest: '10.96.0.13',
    port: 80,
    output: 'ECONNREFUSED',
  },
  {
    name: 'pod to a ClusterIP port the service lacks: not DNATed',
    from: 'default.client',
    dest: '10.96.0.10',
    port: 81,
    output: 'timeout',
  },
];

const hostTurn = () => new Promise<void>((r) => setImmediate(r));

describe('packet flows through the emulated cluster (runPacketFlowTests)', () => {
  it.each(CASES)('$name', async (c) => {
    const twin = await bringUp(loadCluster(CLUSTER, 'flows.yaml'));
    const { world } = twin;
    // The underlay host routes the external IP to node-a, as the LB or router in front would.
    await runTool(world, ['ip', 'route', 'add', '192.0.2.20', 'via', '172.18.0.2']);
    const netns = c.from === null ? world.root : world.named.get(c.from)!;
    const sock = new TcpSocket(netns);
    const settled = await runUntilSettled(
      world.clock,
      sock.connect(parseIPv4(c.dest)!, c.port, 900),
      hostTurn,
    );
    const value = settled === 'deadlock' ? settled : settled.value;
    if (value !== null) {
      expect(value).toBe(c.output);
      return;
    }
    const [ip, port] = c.output.split(':');
    const node = twin.nodes.find((n) => ip.startsWith(n.podCIDR.replace(/0\/24$/, '')))!.netns;
    const ct = await runTool(world, ['conntrack', '-L', '-p', 'tcp', '--reply-src', ip], {
      netns: world.named.get(node)!,
    });
    const entry = new RegExp(`src=${ip.replace(/\./g, '\\.')} dst=([0-9.]+) sport=${port} `).exec(ct.stdout);
    expect(entry, ct.stdout).not.toBeNull();
    expect(entry![1]).toBe(c.seenFrom);
  });
});
