import { describe, expect, it } from 'vitest';
import { World } from '../../world.js';
import { parseIPv4 } from '../../../net/ipv4.js';
import type { Ipv4Packet, TcpHeader } from '../../../net/packet.js';
import type { NfCtx } from '../context.js';
import type { Link } from '../../link/link.js';
import { TCPMSS } from './tcpmss.js';
import { tcpHeader } from '../testing.js';

const packetOf = (l4: TcpHeader, payload = 0): Ipv4Packet => ({
  src: parseIPv4('10.0.1.1')!,
  dst: parseIPv4('10.0.2.2')!,
  protocol: 6,
  ttl: 64,
  tos: 0,
  id: 1,
  totalLength: 20 + l4.headerLength + payload,
  dontFragment: true,
  l4,
});
const ctxOf = (p: Ipv4Packet, outMtu = 1500): NfCtx => ({
  netns: new World().root,
  hook: 'POSTROUTING',
  in: null,
  out: { name: 'eth0', mtu: outMtu } as Link,
  l2: null,
  route: { input: false, local: false, broadcast: false },
  fromSocket: true,
  table: 'mangle',
  packet: p,
});
const run = (p: Ipv4Packet, data: Record<string, unknown>, outMtu?: number) => {
  const ctx = ctxOf(p, outMtu);
  const verdict = TCPMSS.action(p, ctx, { name: 'TCPMSS', data });
  return { verdict, packet: ctx.packet };
};
const SYN = packetOf(
  tcpHeader(0x02, 40, { mss: 1460, sackPermitted: true, timestamp: { val: 1, ecr: 0 }, windowScale: 7 }),
);
const ACK = packetOf(tcpHeader(0x10, 32, { timestamp: { val: 1, ecr: 2 } }));

describe('TCPMSS target (tcpmss_mangle_packet)', () => {
  it('lowers the MSS option to the rule value', () => {
    const { verdict, packet } = run(SYN, { mss: 1000 });
    expect(verdict).toBe('CONTINUE');
    expect(packet.l4).toMatchObject({ headerLength: 40, options: { mss: 1000, windowScale: 7 } });
    expect(packet.totalLength).toBe(SYN.totalLength);
  });

  it('never raises an MSS', () => {
    expect(run(SYN, { mss: 1500 }).packet).toBe(SYN);
  });

  it('clamps to the path MTU minus 40 (no value: --clamp-mss-to-pmtu)', () => {
    expect(run(SYN, {}, 1400).packet.l4).toMatchObject({ options: { mss: 1360 } });
  });

  it('drops when the path MTU leaves no room for an MSS', () => {
    expect(run(SYN, {}, 40).verdict).toBe('DROP');
  });

  it('adds "mss 536" at most to a segment without one and without payload', () => {
    const { packet } = run(ACK, { mss: 1000 });
    expect(packet.totalLength).toBe(ACK.totalLength + 4);
    expect(packet.l4).toMatchObject({
      headerLength: 36,
      options: { mss: 536, timestamp: { val: 1, ecr: 2 } },
    });
    expect(run(ACK, { mss: 300 }).packet.l4).toMatchObject({ options: { mss: 300 } });
  });

  it('adds nothing to a segment with payload or a full header', () => {
    const data = packetOf(tcpHeader(0x18, 32, { timestamp: { val: 1, ecr: 2 } }), 100);
    expect(run(data, { mss: 1000 }).packet).toBe(data);
    const full = packetOf(tcpHeader(0x10, 60, {}));
    expect(run(full, { mss: 1000 }).packet).toBe(full);
  });
});
