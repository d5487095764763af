import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { TWO_NODES_CLIENT } from '../k8s/twin/testing.js';
import { traceMain } from './trace.js';

const pod = (name: string, node: string) => `---
apiVersion: v1
kind: Pod
metadata: {name: ${name}, labels: {app: web}}
spec:
  nodeName: ${node}
  containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]
`;

const service = (spec: string) => `---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: 10.96.0.10
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080, nodePort: 30080}]
${spec}`;

/** Three endpoints: web-1 on node-a, web-2 and web-3 on node-b. */
const THREE =
  TWO_NODES_CLIENT + pod('web-1', 'node-a') + pod('web-2', 'node-b') + pod('web-3', 'node-b') + service('');

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'podpath-trace-')), name);
  writeFileSync(path, text);
  return path;
}

/** A TCP packet from `from` to port 80 of the Service's ClusterIP, then `more` options. */
const toService = (cluster: string, from: string, ...more: string[]): string[] => [
  '--cluster',
  cluster,
  '--from',
  from,
  '-p',
  'tcp',
  '-d',
  '10.96.0.10',
  '--dport',
  '80',
  ...more,
];

async function trace(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((t) => ((stdout += String(t)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((stderr += String(t)), true));
  try {
    const status = await traceMain(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

interface Outcome {
  probability: number;
  verdict: string;
  destination: string;
  masqueraded: boolean;
  dropReason: string | null;
}

const outcomes = (stdout: string) =>
  (JSON.parse(stdout) as { outcomes: Outcome[] }).outcomes.map((o) => ({
    ...o,
    probability: Number(o.probability.toFixed(6)),
  }));

afterEach(() => vi.restoreAllMocks());

describe('podpath trace --cluster', () => {
  test('a pod to a ClusterIP with three endpoints: a third each, masqueraded when it crosses to node-b', async () => {
    const r = await trace(toService(file('c.yaml', THREE), 'pod/default/client', '--all-paths', '--json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(outcomes(r.stdout)).toMatchObject([
      {
        probability: 0.333333,
        verdict: 'delivered',
        destination: '10.244.0.3:8080',
        masqueraded: false,
        dropReason: null,
      },
      { probability: 0.333333, verdict: 'delivered', destination: '10.244.1.2:8080', masqueraded: true },
      { probability: 0.333333, verdict: 'delivered', destination: '10.244.1.3:8080', masqueraded: true },
    ]);
    const doc = JSON.parse(r.stdout) as { version: number; paths: { packets: unknown[] }[] };
    expect(doc.version).toBe(3);
    expect(doc.paths.every((p) => p.packets.length > 0)).toBe(true);
  });

  test('externalTrafficPolicy Local from outside on a node without a local endpoint: dropped, and kube-proxy says why', async () => {
    const cluster = file(
      'c.yaml',
      TWO_NODES_CLIENT +
        pod('web-b', 'node-b') +
        service('  type: NodePort\n  externalTrafficPolicy: Local\n'),
    );
    const args = (node: string, ip: string) => [
      '--cluster',
      cluster,
      '--node',
      node,
      '--src',
      '203.0.113.7',
      '-p',
      'tcp',
      '-d',
      ip,
      '--dport',
      '30080',
      '--all-paths',
      '--json',
    ];
    const a = await trace(args('node-a', '172.18.0.2'));
    expect(outcomes(a.stdout)).toEqual([
      expect.objectContaining({
        probability: 1,
        verdict: 'dropped',
        destination: '172.18.0.2:30080',
        dropReason: expect.stringContaining('"default/web has no local endpoints"'),
      }),
    ]);
    // On node-b the local endpoint takes it, the client's address kept (no masquerade).
    const b = await trace(args('node-b', '172.18.0.3'));
    expect(outcomes(b.stdout)).toMatchObject([
      { probability: 1, verdict: 'delivered', destination: '10.244.1.2:8080', masqueraded: false },
    ]);
  });

  test('sessionAffinity ClientIP: two ways before the first connection, one after it', async () => {
    const cluster = file(
      'c.yaml',
      TWO_NODES_CLIENT +
        pod('web-1', 'node-a') +
        pod('web-2', 'node-b') +
        service('  sessionAffinity: ClientIP\n'),
    );
    const base = toService(cluster, 'pod/default/client');
    const before = await trace([...base, '--all-paths', '--json']);
    expect(outcomes(before.stdout).map((o) => o.probability)).toEqual([0.5, 0.5]);
    const lab = file('lab.sh', 'kubectl exec client -- nc -z -w 1 10.96.0.10 80\n');
    const after = await trace([...base, lab, '--sport', '40000', '--all-paths', '--json']);
    expect(outcomes(after.stdout)).toHaveLength(1);
    expect(outcomes(after.stdout)[0].probability).toBe(1);
  });

  test('a service without endpoints rejects, and --reply shows the ICMP error reaching the pod', async () => {
    const cluster = file('c.yaml', TWO_NODES_CLIENT + service(''));
    const r = await trace(toService(cluster, 'pod/default/client', '--reply'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'rejected by a rule (filter/KUBE-SERVICES rule 1: "default/web has no endpoints")',
    );
    expect(r.stdout).toMatch(
      /^ICMP error \(packet 2\): icmp 10\.244\.0\.1 > 10\.244\.0\.2 unreachable port/m,
    );
    expect(r.stdout).toContain(
      '=> back at the sender as 10.244.0.1 > 10.244.0.2: an error about the packet sent',
    );
    expect(r.stdout).not.toContain('\x1b[');
  });

  test('--from node/NAME sends from the node itself (OUTPUT), un-DNATed on the way back with --reply', async () => {
    const r = await trace(
      toService(
        file('c.yaml', TWO_NODES_CLIENT + pod('web-2', 'node-b') + service('')),
        'node/node-a',
        '--reply',
        '--json',
      ),
    );
    const doc = JSON.parse(r.stdout) as {
      packets: { ns: string; steps: { type: string; hook?: string }[] }[];
      reply: { verdict: string; matches: boolean; rewrites: { kind: string }[] };
    };
    expect(doc.packets[0].ns).toBe('node-a');
    expect(doc.packets[0].steps.find((s) => s.type === 'hook')?.hook).toBe('OUTPUT');
    expect(doc.reply).toMatchObject({ verdict: 'returned', matches: true });
    expect(doc.reply.rewrites.map((w) => w.kind)).toContain('un-DNAT');
  });

  test('bad requests: usage errors exit 2, names the cluster lacks exit 1', async () => {
    const cluster = file('c.yaml', THREE);
    const nodeNoSrc = await trace(['--cluster', cluster, '--node', 'node-a', '-d', '10.96.0.10']);
    expect(nodeNoSrc).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--node NAME needs --src IP'),
    });
    const neither = await trace(['--cluster', cluster, '-d', '10.96.0.10']);
    expect(neither.status).toBe(2);
    const noPod = await trace(['--cluster', cluster, '--from', 'pod/default/nope', '-d', '10.96.0.10']);
    expect(noPod).toMatchObject({
      status: 1,
      stderr: `podpath: trace: pod "default/nope" not found in ${cluster}\n`,
    });
    const noNode = await trace([
      '--cluster',
      cluster,
      '--node',
      'node-z',
      '--src',
      '1.2.3.4',
      '-d',
      '10.96.0.10',
    ]);
    expect(noNode).toMatchObject({ status: 1, stderr: expect.stringContaining('node "node-z" not found') });
  });
});

describe('podpath trace SCRIPT', () => {
  test('--all-paths on a lab script, as text without colour when stdout is not a terminal', async () => {
    const lab = file(
      'lab.sh',
      [
        'ip netns add a',
        'ip netns exec a ip link set lo up',
        'ip netns exec a iptables -A OUTPUT -m statistic --mode random --probability 0.25 -j DROP',
      ].join('\n') + '\n',
    );
    const r = await trace([lab, '--from', 'a', '-d', '127.0.0.1', '--all-paths']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      '2 paths for icmp 127.0.0.1 > 127.0.0.1 echo request ttl 64 from a:',
      '     25% -> 127.0.0.1: dropped in a: dropped by a rule (filter/OUTPUT rule 1)',
      '     75% -> 127.0.0.1: delivered in a',
    ]);
    expect(r.stdout).not.toContain('\x1b[');
  });
});

describe('podpath trace --tcp-flags', () => {
  const lab = () =>
    file(
      'lab.sh',
      [
        'ip netns add a',
        'ip netns exec a ip link set lo up',
        'ip netns exec a sysctl -qw net.netfilter.nf_conntrack_tcp_loose=0',
        'ip netns exec a iptables -A OUTPUT -m conntrack --ctstate INVALID -j DROP',
      ].join('\n') + '\n',
    );
  const args = (script: string, ...more: string[]) => [
    script,
    '--from',
    'a',
    '-p',
    'tcp',
    '-d',
    '127.0.0.1',
    '--dport',
    '80',
    ...more,
  ];
  const json = (stdout: string) =>
    JSON.parse(stdout) as {
      packets: { packet: { tcpFlags: string }; outcomes: { code?: string; reason?: string }[] }[];
    };

  test('a bare ACK with no connection is INVALID and meets the DROP rule; the default is a SYN', async () => {
    const script = lab();
    const ack = await trace([...args(script, '--tcp-flags', 'ACK'), '--json']);
    expect(ack.status).toBe(0);
    const [sent] = json(ack.stdout).packets;
    expect(sent.packet.tcpFlags).toBe('.');
    expect(sent.outcomes).toMatchObject([
      { code: 'nf-rule', reason: 'dropped by a rule (filter/OUTPUT rule 1)' },
    ]);
    const syn = await trace([...args(script), '--json']);
    expect(json(syn.stdout).packets[0].packet.tcpFlags).toBe('S');
    const synAck = await trace([...args(script, '--tcp-flags', 'syn,ack'), '--json']);
    expect(json(synAck.stdout).packets[0].packet.tcpFlags).toBe('S.');
  });

  test('an unknown flag, or flags without -p tcp, is a usage error', async () => {
    const script = lab();
    expect(await trace(args(script, '--tcp-flags', 'ACK,BOGUS'))).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('podpath: --tcp-flags: unknown flag "BOGUS"\n'),
    });
    expect(await trace([script, '--from', 'a', '-d', '127.0.0.1', '--tcp-flags', 'ACK'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('podpath: --tcp-flags needs -p tcp\n'),
    });
  });
});
