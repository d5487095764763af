import { describe, expect, it } from 'vitest';
import { World } from '../../kernel/world.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { runTool } from '../../tools/testing.js';
import { runUntilSettled } from '../../kernel/clock.js';
import { loadCluster } from '../cluster/load.js';
import { renderJumpsAsRestore } from '../proxy/iptables/jumps.js';
import { bringUp } from './up.js';
import { summary } from './summary.js';
import { TWO_NODES } from './testing.js';

const up = () => bringUp(loadCluster(TWO_NODES, 'c.yaml'));
const inNs = (world: World, ns: string) => ({ netns: world.named.get(ns)! });
const hostTurn = () => new Promise<void>((r) => setImmediate(r));

describe('bringUp: a two-node cluster in the emulated kernel', () => {
  it('names namespaces after nodes and NAMESPACE.POD, with eth0, cni0 and the veth the CNI plugin names', async () => {
    const { world, pods } = await up();
    expect([...world.named.keys()]).toEqual(['node-a', 'node-b', 'default.client', 'default.web']);
    const web = world.named.get('default.web')!;
    expect(web.linkByName('eth0')?.kind).toBe('veth');
    const nodeB = world.named.get('node-b')!;
    const hostVeth = pods[1].sandbox.cni.hostVeth;
    expect(hostVeth).toMatch(/^veth[0-9a-f]{8}$/);
    const port = nodeB.linkByName(hostVeth)!;
    expect(port.master?.name).toBe('cni0');
    const route = await runTool(world, ['ip', 'route'], inNs(world, 'default.web'));
    expect(route.stdout).toBe(
      'default via 10.244.1.1 dev eth0 \n10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2 \n',
    );
    const link = await runTool(
      world,
      ['bridge', '-d', 'link', 'show', 'dev', hostVeth],
      inNs(world, 'node-b'),
    );
    expect(link.stdout).toContain('hairpin on');
    const sysctl = await runTool(world, ['sysctl', 'net.ipv4.ip_forward'], inNs(world, 'node-b'));
    expect(sysctl.stdout).toBe('net.ipv4.ip_forward = 1\n');
  });

  it('routes a pod to a pod on the other node (host-gw: two routers, TTL 62)', async () => {
    const { world } = await up();
    const r = await runTool(world, ['ping', '-c', '1', '10.244.1.2'], inNs(world, 'default.client'));
    expect(r.stdout).toContain('64 bytes from 10.244.1.2: icmp_seq=1 ttl=62');
    expect(r.status).toBe(0);
  });

  it('DNATs a TCP connection to the ClusterIP to the endpoint, where the containerPort listens', async () => {
    const { world } = await up();
    const sock = new TcpSocket(world.named.get('default.client')!);
    const result = await runUntilSettled(
      world.clock,
      sock.connect(parseIPv4('10.96.0.10')!, 80, 3000),
      hostTurn,
    );
    expect(result).toEqual({ value: null });
    const ct = await runTool(world, ['conntrack', '-L', '-p', 'tcp'], inNs(world, 'node-a'));
    expect(ct.stdout).toMatch(/src=10\.244\.0\.2 dst=10\.96\.0\.10 sport=\d+ dport=80 src=10\.244\.1\.2 /);
    // The bridge plugin's ipMasq masquerades all but the pod's own subnet: across nodes, the endpoint sees node-a.
    expect(ct.stdout).toMatch(/src=10\.244\.1\.2 dst=172\.18\.0\.2 sport=8080/);
  });

  it('leaves a ping to a ClusterIP unanswered: kube-proxy only DNATs the service ports', async () => {
    const { world } = await up();
    const r = await runTool(
      world,
      ['ping', '-c', '1', '-W', '1', '10.96.0.10'],
      inNs(world, 'default.client'),
    );
    expect(r.stdout).toContain('1 packets transmitted, 0 received, 100% packet loss');
  });

  it('answers a port nothing listens on with a reset, as a real pod does', async () => {
    const { world } = await up();
    const sock = new TcpSocket(world.named.get('default.client')!);
    const result = await runUntilSettled(
      world.clock,
      sock.connect(parseIPv4('10.244.1.2')!, 9999, 3000),
      hostTurn,
    );
    expect(result).toEqual({ value: 'ECONNREFUSED' });
  });

  it("holds kube-proxy's restore input: the node's iptables-save, CNI chains aside, equals a save of it restored", async () => {
    const twin = await up();
    const node = twin.nodes[0];
    const fresh = new World();
    await runTool(fresh, ['iptables-restore', '--noflush'], {
      stdin: renderJumpsAsRestore(node.proxy.jumps),
    });
    await runTool(fresh, ['iptables-restore', '--noflush', '--counters'], { stdin: node.proxy.restore });
    const expected = (await runTool(fresh, ['iptables-save'])).stdout;
    const saved = (await runTool(twin.world, ['iptables-save'], inNs(twin.world, node.netns))).stdout;
    const withoutCni = saved
      .split('\n')
      .filter((l) => !l.includes('CNI-'))
      .join('\n');
    expect(withoutCni).toBe(expected);
    expect(saved).toContain(':KUBE-SVC-');
  });

  it('writes the ipMasq rules as the bridge plugin does: per-container CNI- chain, comment with network and container ID', async () => {
    const twin = await up();
    const { containerID, cni } = twin.pods[0].sandbox;
    const comment = `"name: \\"cbr0\\" id: \\"${containerID}\\""`;
    const save = await runTool(twin.world, ['iptables-save', '-t', 'nat'], inNs(twin.world, 'node-a'));
    const chain = cni.masqChain!;
    expect(chain).toMatch(/^CNI-[0-9a-f]{24}$/);
    expect(save.stdout).toContain(
      [
        `-A POSTROUTING -s 10.244.0.2/32 -m comment --comment ${comment} -j ${chain}`,
        `-A ${chain} -d 10.244.0.0/24 -m comment --comment ${comment} -j ACCEPT`,
        `-A ${chain} ! -d 224.0.0.0/4 -m comment --comment ${comment} -j MASQUERADE`,
      ].join('\n'),
    );
  });

  it('summarizes nodes, pods and services with rules per node', async () => {
    const twin = await up();
    const text = await summary(twin);
    expect(text.replace(/veth[0-9a-f]{8}/g, 'vethXXXXXXXX')).toBe(
      `cluster demo: 2 nodes, 2 pods, 1 service (clusterCIDR 10.244.0.0/16, serviceCIDR 10.96.0.0/12)
underlay: bridge podpath0 172.18.0.1/16 in the initial namespace; cni: bridge cni0 with host-local IPAM; cross-node: host-gw; kube-proxy: iptables

NODE     INTERNAL-IP   POD-CIDR        PODS   FILTER-RULES   NAT-RULES
node-a   172.18.0.2    10.244.0.0/24   1      15             16
node-b   172.18.0.3    10.244.1.0/24   1      15             16

POD              NODE     IP           NETNS            HOST-VETH      LISTENING
default/client   node-a   10.244.0.2   default.client   vethXXXXXXXX   <none>
default/web      node-b   10.244.1.2   default.web      vethXXXXXXXX   8080/TCP,53/UDP

SERVICE       TYPE        CLUSTER-IP   PORT(S)   ENDPOINTS
default/web   ClusterIP   10.96.0.10   80/TCP    10.244.1.2:8080
`,
    );
  });
});
