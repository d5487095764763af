/**
 * The restore input goes through the real iptables-restore (in a throwaway
 * network namespace) and through podpath's, and both iptables-save dumps
 * must be the same. Needs root and `unshare`; skipped loudly otherwise.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { World } from '../../../kernel/world.js';
import { runTool } from '../../../tools/testing.js';
import { findCommand } from '../../../tools/registry.js';
import { loadCluster } from '../../cluster/load.js';
import { proxySync } from '../../cluster/kube-proxy.js';
import { renderJumpsAsRestore } from './jumps.js';
import { syncProxyRules } from './proxier.js';
import { FAKE_PROXIER, makeService, makeSlice } from './testing.js';

function realCanRun(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root';
  try {
    execFileSync('unshare', ['--net', 'iptables-save'], { stdio: 'ignore' });
  } catch {
    return 'unshare --net iptables-save failed';
  }
  return null;
}

const why = realCanRun();
if (why) console.warn(`\n*** REAL iptables-restore COMPARISON SKIPPED (${why}) ***\n`);

const clean = (dump: string) => dump.replace(/^#.*\n/gm, '');

function realSave(inputs: string[]): string {
  const script =
    inputs
      .map((_, i) => `iptables-restore --noflush --counters <<'EOF${i}'\n${inputs[i]}EOF${i}\n`)
      .join('') + 'iptables-save\n';
  return clean(execFileSync('unshare', ['--net', 'bash', '-e', '-c', script], { encoding: 'utf8' }));
}

async function podpathSave(inputs: string[]): Promise<string> {
  const w = new World({ seed: 1 });
  for (const stdin of inputs) {
    const run = await runTool(w, ['iptables-restore', '--noflush', '--counters'], { stdin });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }
  return clean((await runTool(w, ['iptables-save'])).stdout);
}

beforeAll(async () => {
  for (const c of ['iptables-save', 'iptables-restore']) await findCommand(c);
});

const example = () => {
  const file = new URL('./testdata/cluster.yaml', import.meta.url);
  return loadCluster(readFileSync(file, 'utf8'), 'cluster.yaml');
};

describe.skipIf(why !== null)(
  'kube-proxy restore input through the real and podpath iptables-restore',
  () => {
    it.each(['node-a', 'node-b'])(
      'gives the same iptables-save for the example cluster on %s',
      async (node) => {
        const sync = proxySync(example(), node)!;
        const inputs = [renderJumpsAsRestore(sync.jumps), sync.restore];
        expect(await podpathSave(inputs)).toBe(realSave(inputs));
      },
    );

    it('gives the same iptables-save for firewall, external IP, local-policy and SCTP shapes', async () => {
      const services = [
        makeService(
          'ns2',
          'svc2',
          {
            type: 'LoadBalancer',
            externalTrafficPolicy: 'Local',
            clusterIP: '172.30.0.42',
            ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
            externalIPs: ['192.168.99.22'],
            healthCheckNodePort: 30000,
            loadBalancerSourceRanges: ['203.0.113.0/25', '192.168.0.0/16'],
          },
          { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
        ),
        makeService('ns3', 'svc3', {
          clusterIP: '172.30.0.43',
          internalTrafficPolicy: 'Local',
          ports: [{ name: 'p80', port: 80, protocol: 'TCP' }],
        }),
        makeService('ns4', 'svc4', {
          clusterIP: '172.30.0.44',
          ports: [{ name: 'p80', port: 80, protocol: 'UDP' }],
        }),
        makeService('ns5', 'svc5', {
          type: 'NodePort',
          clusterIP: '172.30.0.45',
          ports: [{ name: 'p80', port: 80, protocol: 'SCTP', nodePort: 3005 }],
        }),
        makeService('ns6', 'svc6', {
          clusterIP: '172.30.0.46',
          ports: [{ name: 'p80', port: 80, protocol: 'SCTP' }],
        }),
      ];
      const slices = [
        makeSlice('ns2', 'svc2', [
          { addresses: ['10.180.0.2'], nodeName: 'test-node' },
          { addresses: ['10.180.0.3'] },
        ]),
        makeSlice('ns3', 'svc3', [{ addresses: ['10.180.0.4'] }]),
        makeSlice(
          'ns4',
          'svc4',
          [{ addresses: ['10.180.0.5'] }, { addresses: ['10.180.0.6'] }, { addresses: ['10.180.0.7'] }],
          [{ name: 'p80', port: 80, protocol: 'UDP' }],
        ),
        makeSlice(
          'ns5',
          'svc5',
          [{ addresses: ['10.180.0.8'] }, { addresses: ['10.180.0.9'] }],
          [{ name: 'p80', port: 80, protocol: 'SCTP' }],
        ),
      ];
      const sync = syncProxyRules({
        config: { ...FAKE_PROXIER, nfacct: false, masqueradeMark: undefined },
        services,
        endpointSlices: slices,
      });
      const inputs = [renderJumpsAsRestore(sync.jumps), sync.restore];
      expect(await podpathSave(inputs)).toBe(realSave(inputs));
    });
  },
);
