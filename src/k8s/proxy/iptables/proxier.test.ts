import { describe, expect, it } from 'vitest';
import type { Endpoint, Service } from '../../api/core-v1.js';
import type { ProxierConfig } from './config.js';
import { syncProxyRules } from './proxier.js';
import { FAKE_PROXIER, makeService, makeSlice } from './testing.js';

const svc = (spec: Partial<Service['spec']>, status?: Service['status']) =>
  makeService(
    'ns1',
    'svc1',
    { clusterIP: '172.30.0.41', ports: [{ name: 'p80', port: 80, protocol: 'TCP' }], ...spec },
    status,
  );

function sync(
  service: Service,
  endpoints: Endpoint[],
  config: Partial<ProxierConfig> = {},
  ports?: Parameters<typeof makeSlice>[3],
) {
  const out = syncProxyRules({
    config: { ...FAKE_PROXIER, ...config },
    services: [service],
    endpointSlices: [makeSlice('ns1', 'svc1', endpoints, ports)],
  });
  return { text: out.restore, lines: out.restore.split('\n') };
}

const eps = (...ips: string[]): Endpoint[] => ips.map((ip) => ({ addresses: [ip] }));
const SVC = 'KUBE-SVC-XPGD46QRK7WJZT7O';
const SVL = 'KUBE-SVL-XPGD46QRK7WJZT7O';
const EXT = 'KUBE-EXT-XPGD46QRK7WJZT7O';

describe('syncProxyRules service shapes', () => {
  it('spreads a ClusterIP over endpoints with 1/n, 1/(n-1), ... in ip:port text order', () => {
    const { lines } = sync(svc({}), eps('10.180.0.2', '10.180.0.10', '10.180.0.1'));
    const jumps = lines.filter((l) => l.startsWith(`-A ${SVC} -m comment --comment "ns1/svc1:p80 -> `));
    expect(jumps.map((l) => l.replace(/.*-> (\S+)" /, '$1 '))).toEqual([
      '10.180.0.10:80 -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-' +
        jumps[0].slice(-16),
      '10.180.0.1:80 -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-' +
        jumps[1].slice(-16),
      '10.180.0.2:80 -j KUBE-SEP-' + jumps[2].slice(-16),
    ]);
  });

  it('rejects in filter and writes no nat chain for a service without endpoints', () => {
    const { text } = sync(svc({}), []);
    expect(text).toContain(
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT',
    );
    expect(text).not.toContain(SVC);
  });

  it('leaves out endpoints that are not ready, and falls back to serving terminating ones', () => {
    const notReady = sync(svc({}), [
      { addresses: ['10.180.0.1'], conditions: { ready: false, serving: false } },
    ]);
    expect(notReady.text).toContain('has no endpoints');
    const terminating = sync(svc({}), [
      { addresses: ['10.180.0.1'], conditions: { ready: false, serving: true, terminating: true } },
    ]);
    expect(terminating.text).toContain('--to-destination 10.180.0.1:80');
  });

  it('sends external traffic of an eTP=Local NodePort to local endpoints only, and pods to all', () => {
    const { lines } = sync(
      svc({
        type: 'NodePort',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
      }),
      [
        { addresses: ['10.180.0.1'], nodeName: 'test-node' },
        { addresses: ['10.180.0.2'], nodeName: 'other' },
      ],
    );
    expect(lines).toContain(
      `-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 30080 -j ${EXT}`,
    );
    expect(lines).toContain(
      `-A ${EXT} -m comment --comment "pod traffic for ns1/svc1:p80 external destinations" -s 10.0.0.0/8 -j ${SVC}`,
    );
    expect(lines).toContain(`-A ${EXT} -j ${SVL}`);
    expect(lines.filter((l) => l.startsWith(`-A ${SVL} `))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`-A ${SVC} `) && l.includes('-j KUBE-SEP-'))).toHaveLength(2);
  });

  it('drops external traffic of an eTP=Local service on a node without local endpoints', () => {
    const { text } = sync(
      svc({
        type: 'NodePort',
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }],
      }),
      [{ addresses: ['10.180.0.2'], nodeName: 'other' }],
    );
    expect(text).toContain(
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
    );
    expect(text).not.toContain(`-A ${EXT} -j `);
    expect(text).not.toContain(`:${SVL}`);
  });

  it('routes a ClusterIP with internalTrafficPolicy Local to KUBE-SVL, or drops it without local endpoints', () => {
    const local = sync(svc({ internalTrafficPolicy: 'Local' }), [
      { addresses: ['10.180.0.1'], nodeName: 'test-node' },
      { addresses: ['10.180.0.2'], nodeName: 'other' },
    ]);
    expect(local.text).toContain(`--dport 80 -j ${SVL}\n`);
    expect(local.text).not.toContain(`:${SVC}`);
    expect(local.text).not.toContain('10.180.0.2:80');
    const none = sync(svc({ internalTrafficPolicy: 'Local' }), [
      { addresses: ['10.180.0.2'], nodeName: 'other' },
    ]);
    expect(none.text).toContain(
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no local endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j DROP',
    );
  });

  it('checks recent lists before the random cascade for ClientIP affinity', () => {
    const { lines } = sync(
      svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }),
      eps('10.180.0.1', '10.180.0.2'),
    );
    const svcRules = lines.filter((l) => l.startsWith(`-A ${SVC} `) && l.includes('KUBE-SEP'));
    expect(
      svcRules.map((l) =>
        l.includes('--rcheck --seconds 60 --reap') ? 'check' : l.includes('statistic') ? 'random' : 'last',
      ),
    ).toEqual(['check', 'check', 'random', 'last']);
    expect(
      lines.filter((l) => / -m recent --name (KUBE-SEP-\S+) --set -m tcp -p tcp -j DNAT/.test(l)),
    ).toHaveLength(2);
  });

  it('masquerades hairpin traffic from the endpoint itself', () => {
    const { text } = sync(svc({}), eps('10.180.0.1'));
    expect(text).toMatch(
      /-A KUBE-SEP-\w+ -m comment --comment ns1\/svc1:p80 -s 10\.180\.0\.1 -j KUBE-MARK-MASQ/,
    );
  });

  it.each([
    ['UDP', 'udp'],
    ['SCTP', 'sctp'],
  ] as const)('writes %s services with their own match and chain hash', (protocol, proto) => {
    const { text } = sync(svc({ ports: [{ name: 'p80', port: 80, protocol }] }), eps('10.180.0.1'), {}, [
      { name: 'p80', port: 80, protocol },
    ]);
    expect(text).toContain(`-m ${proto} -p ${proto} -d 172.30.0.41 --dport 80 -j KUBE-SVC-`);
    expect(text).toContain(`-m ${proto} -p ${proto} -j DNAT --to-destination 10.180.0.1:80`);
    expect(text).not.toContain(SVC);
  });

  it('ignores endpoints whose port protocol differs from the service port', () => {
    const { text } = sync(svc({}), eps('10.180.0.1'), {}, [{ name: 'p80', port: 80, protocol: 'UDP' }]);
    expect(text).toContain('has no endpoints');
  });

  it('masquerades every ClusterIP packet with masqueradeAll, and none without a cluster CIDR', () => {
    const all = sync(svc({}), eps('10.180.0.1'), { masqueradeAll: true });
    expect(all.text).toContain(
      `-A ${SVC} -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-MARK-MASQ`,
    );
    const noCIDR = sync(svc({}), eps('10.180.0.1'), { clusterCIDR: undefined });
    expect(noCIDR.text).not.toContain('cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s');
    expect(noCIDR.text).not.toMatch(new RegExp(`-A ${SVC} .*KUBE-MARK-MASQ`));
  });

  it('writes external IPs and load balancer IPs with source ranges through KUBE-FW', () => {
    const { lines } = sync(
      svc({
        type: 'LoadBalancer',
        externalIPs: ['192.168.99.11'],
        loadBalancerSourceRanges: ['192.168.0.0/24'],
        ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
      }),
      eps('10.180.0.1'),
      {},
    );
    const fw = 'KUBE-FW-XPGD46QRK7WJZT7O';
    expect(lines).toContain(
      `-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 external IP" -m tcp -p tcp -d 192.168.99.11 --dport 80 -j ${EXT}`,
    );
    expect(lines.some((l) => l.includes('loadbalancer IP'))).toBe(false); // no ingress IP yet
    const withLB = sync(
      svc(
        {
          type: 'LoadBalancer',
          loadBalancerSourceRanges: ['192.168.0.0/24'],
          ports: [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }],
        },
        { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
      ),
      eps('10.180.0.1'),
    );
    // The node (192.168.0.2) is inside the range, so the VIP as source is admitted too.
    expect(withLB.lines.filter((l) => l.startsWith(`-A ${fw} `))).toEqual([
      `-A ${fw} -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 192.168.0.0/24 -j ${EXT}`,
      `-A ${fw} -m comment --comment "ns1/svc1:p80 loadbalancer IP" -s 1.2.3.4 -j ${EXT}`,
      `-A ${fw} -m comment --comment "other traffic to ns1/svc1:p80 will be dropped by KUBE-PROXY-FIREWALL"`,
    ]);
  });

  it('skips headless and ExternalName services', () => {
    expect(sync(svc({ clusterIP: 'None' }), eps('10.180.0.1')).text).not.toContain('ns1/svc1');
    expect(sync(svc({ type: 'ExternalName' }), eps('10.180.0.1')).text).not.toContain('ns1/svc1');
  });

  it('uses the real defaults: mark 0x00004000 as Go formats it, --random-fully, no nfacct', () => {
    const { text } = sync(svc({}), eps('10.180.0.1'), {
      masqueradeMark: undefined,
      randomFully: undefined,
      nfacct: undefined,
    });
    expect(text).toContain('-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000');
    expect(text).toContain('-j MASQUERADE --random-fully');
    expect(text).toContain('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP');
  });

  it('jumps to KUBE-NODEPORTS per node address when nodePortAddresses is set', () => {
    const { text } = sync(svc({}), eps('10.180.0.1'), {
      nodePortAddresses: ['192.168.0.0/24'],
      nodeAddresses: ['127.0.0.1', '192.168.0.2', '10.0.0.1'],
    });
    expect(text).toContain(
      '"kubernetes service nodeports; NOTE: this must be the last rule in this chain" -d 192.168.0.2 -j KUBE-NODEPORTS',
    );
    // Loopback is outside the list: no localhost NodePorts, no KUBE-FIREWALL.
    expect(text).not.toContain(':KUBE-FIREWALL');
  });

  it('blocks localhost NodePorts when they are turned off', () => {
    const { text } = sync(svc({}), eps('10.180.0.1'), { localhostNodePorts: false });
    expect(text).toContain('-m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS');
  });

  it('drops per-endpoint comments above 1000 endpoints', () => {
    const many = Array.from({ length: 1001 }, (_, i) => `10.180.${i >> 8}.${i & 255}`);
    const { lines } = sync(svc({}), eps(...many));
    expect(lines).toContain(
      `-A ${SVC} -m statistic --mode random --probability 0.0009990010 -j ${lines.find((l) => l.startsWith(`-A ${SVC} -m statistic`))!.split(' -j ')[1]}`,
    );
    expect(lines.some((l) => l.startsWith('-A KUBE-SEP-') && l.includes('--comment'))).toBe(false);
  });
});
