import { describe, expect, it } from 'vitest';
import { endpointChain, hash16, serviceChains, servicePortName } from './names.js';

describe('chain names', () => {
  it('names default/kubernetes:https as every cluster does', () => {
    expect(serviceChains(servicePortName('default', 'kubernetes', 'https'), 'tcp').cluster).toBe(
      'KUBE-SVC-NPX46M4PTMTKRN6Y',
    );
  });

  it.each([
    // From upstream's expected dumps (proxier_test.go).
    ['ns1/svc1:p80', 'tcp', 'XPGD46QRK7WJZT7O'],
    ['ns2/svc2:p80', 'tcp', 'GNZBNJ2PO5MGZ6GT'],
    ['ns5/svc5:p80', 'tcp', 'NUKIZ6OKUXPJNT4C'],
  ])('hashes %s/%s like portProtoHash', (name, proto, hash) => {
    const c = serviceChains(name, proto);
    expect([c.cluster, c.local, c.external, c.firewall]).toEqual([
      `KUBE-SVC-${hash}`,
      `KUBE-SVL-${hash}`,
      `KUBE-EXT-${hash}`,
      `KUBE-FW-${hash}`,
    ]);
  });

  it('hashes the endpoint after the protocol for KUBE-SEP', () => {
    expect(endpointChain('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('KUBE-SEP-SXIVWICOYRO3J4NJ');
    expect(endpointChain('ns4/svc4:p80', 'tcp', '10.180.0.5:80')).toBe('KUBE-SEP-C6EBXVWJJZMIWKLZ');
  });

  it('leaves the port out of the name of an unnamed port', () => {
    expect(servicePortName('default', 'web', undefined)).toBe('default/web');
    expect(servicePortName('default', 'web', '')).toBe('default/web');
  });

  it('differs by protocol for the same port name', () => {
    expect(hash16('ns/dns:dnstcp')).not.toBe(hash16('ns/dns:dnsudp'));
    expect(hash16('x')).toMatch(/^[A-Z2-7]{16}$/);
  });
});
