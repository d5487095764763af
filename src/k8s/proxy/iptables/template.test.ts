import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Endpoint, Service } from '../../api/core-v1.js';
import { syncProxyRules } from './proxier.js';
import { ProxierCache } from './state.js';
import { FAKE_PROXIER, makeService, makeSlice } from './testing.js';

const NODES = ['node-a', 'node-b', 'node-c', 'node-d'];
/** Node IPs: node-b's is inside the load balancers' source range below, the others are not. */
const NODE_IPS = ['192.168.0.2', '203.0.113.7', '192.168.0.4', '192.168.0.5'];

const service = fc.record({
  type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  internalLocal: fc.boolean(),
  externalLocal: fc.boolean(),
  sourceRanges: fc.boolean(),
  endpoints: fc.array(
    fc.record({
      node: fc.option(fc.constantFrom(...NODES), { nil: undefined }),
      ready: fc.boolean(),
      terminating: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
});

type Shape = typeof service extends fc.Arbitrary<infer T> ? T : never;

/** Services of every shape whose rules may depend on the node, with endpoints spread over the nodes. */
function cluster(shapes: Shape[]) {
  const services: Service[] = [];
  const slices = shapes.map((s, k) => {
    const lb = s.type === 'LoadBalancer';
    services.push(
      makeService(
        'ns1',
        `svc${k}`,
        {
          type: s.type as Service['spec']['type'],
          clusterIP: `172.30.${k >> 8}.${k & 255}`,
          ports: [
            {
              name: 'p80',
              port: 80,
              protocol: 'TCP',
              ...(s.type === 'ClusterIP' ? {} : { nodePort: 30000 + k }),
            },
          ],
          ...(s.internalLocal ? { internalTrafficPolicy: 'Local' } : {}),
          ...(s.externalLocal && s.type !== 'ClusterIP' ? { externalTrafficPolicy: 'Local' } : {}),
          ...(lb && s.externalLocal ? { healthCheckNodePort: 32000 + k } : {}),
          ...(lb && s.sourceRanges ? { loadBalancerSourceRanges: ['203.0.113.0/25'] } : {}),
        },
        lb ? { loadBalancer: { ingress: [{ ip: `5.6.7.${k & 255}` }] } } : undefined,
      ),
    );
    const endpoints = s.endpoints.map((e, i): Endpoint => ({
      addresses: [`10.180.${k & 255}.${i + 1}`],
      ...(e.node ? { nodeName: e.node } : {}),
      conditions: { ready: e.ready, serving: e.ready || e.terminating, terminating: e.terminating },
    }));
    return makeSlice('ns1', `svc${k}`, endpoints);
  });
  return { services, slices };
}

describe('the cluster template', () => {
  it("gives every node the same sync as deriving the node's state from scratch", () => {
    fc.assert(
      fc.property(fc.array(service, { minLength: 1, maxLength: 12 }), (shapes) => {
        const { services, slices } = cluster(shapes);
        const cache = new ProxierCache();
        NODES.forEach((nodeName, n) => {
          const config = { ...FAKE_PROXIER, nodeName, nodeIP: NODE_IPS[n] };
          const scratch = syncProxyRules({ config, services, endpointSlices: slices });
          const shared = syncProxyRules({ config, services, endpointSlices: slices, cache });
          expect(shared.restore).toBe(scratch.restore);
          expect(shared.restoreChunks.join('')).toBe(scratch.restore);
          expect([...shared.activeNatChains].sort()).toEqual([...scratch.activeNatChains].sort());
          expect([shared.natRules, shared.filterRules]).toEqual([scratch.natRules, scratch.filterRules]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('is derived once for the same objects, and again for new ones', () => {
    const { services, slices } = cluster([
      { type: 'NodePort', internalLocal: false, externalLocal: true, sourceRanges: false, endpoints: [] },
    ]);
    const cache = new ProxierCache();
    const config = (nodeName: string) => ({ ...FAKE_PROXIER, nodeName });
    const a = syncProxyRules({ config: config('node-a'), services, endpointSlices: slices, cache });
    const b = syncProxyRules({ config: config('node-b'), services, endpointSlices: slices, cache });
    // The same strings, not equal ones: iptables-restore compares the chunks of two nodes by identity.
    expect(b.restoreChunks.every((c, i) => c === a.restoreChunks[i])).toBe(true);
    const fewer = syncProxyRules({ config: config('node-a'), services: [], endpointSlices: [], cache });
    expect(fewer.restore).not.toContain('KUBE-EXT-');
  });
});
