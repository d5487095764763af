import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';
import type { World } from '../world.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { UdpSocket, udpTable } from './udp.js';

const ip = (s: string) => parseIPv4(s)!;

/** Two namespaces a (10.0.0.1) and b (10.0.0.2) joined by a veth pair. */
async function pair() {
  const { world } = await runTestScript(TWO_HOSTS);
  return { world, a: world.named.get('a')!, b: world.named.get('b')! };
}

/** Lets the packets in flight (veth hops, ARP, ICMP errors) arrive. */
const settle = (world: World) => world.clock.advanceTo(world.clock.now + 10);

describe('UDP sockets', () => {
  it('binding the same port twice fails with EADDRINUSE unless both reuse the address', async () => {
    const { a } = await pair();
    const s1 = new UdpSocket(a);
    const s2 = new UdpSocket(a);
    expect(s1.bind(0, 9000)).toBeNull();
    expect(s2.bind(ip('10.0.0.1'), 9000)).toBe('EADDRINUSE');
    s1.close();
    s1.reuseAddr = s2.reuseAddr = true;
    const s3 = new UdpSocket(a);
    s3.reuseAddr = true;
    expect(s3.bind(0, 9000)).toBeNull();
    expect(s2.bind(0, 9000)).toBeNull();
    expect(udpTable(a).sockets.size).toBe(2);
  });

  it('binding an address that is not ours fails with EADDRNOTAVAIL', async () => {
    const { a } = await pair();
    expect(new UdpSocket(a).bind(ip('10.0.0.7'), 1)).toBe('EADDRNOTAVAIL');
  });

  it('connect autobinds an ephemeral port in ip_local_port_range and takes the route source', async () => {
    const { a } = await pair();
    const s = new UdpSocket(a);
    expect(s.connect(ip('10.0.0.2'), 9000)).toBeNull();
    expect(s.localAddr).toBe(ip('10.0.0.1'));
    expect(s.localPort).toBeGreaterThanOrEqual(32768);
    expect(s.localPort).toBeLessThanOrEqual(60999);
    expect(s.state).toBe('ESTAB');
  });

  it('delivers a datagram to the bound socket with its source', async () => {
    const { world, a, b } = await pair();
    const server = new UdpSocket(b);
    server.bind(0, 9000);
    const client = new UdpSocket(a);
    client.connect(ip('10.0.0.2'), 9000);
    expect(client.send(new TextEncoder().encode('hi'))).toBeNull();
    await settle(world);
    expect(server.rxQueue).toHaveLength(1);
    expect(server.rxQueue[0].from).toBe(ip('10.0.0.1'));
    expect(server.rxQueue[0].port).toBe(client.localPort);
    expect(new TextDecoder().decode(server.rxQueue[0].data)).toBe('hi');
  });

  it('a port with no socket answers port unreachable, reported to a connected sender as ECONNREFUSED once', async () => {
    const { world, a } = await pair();
    const client = new UdpSocket(a);
    client.connect(ip('10.0.0.2'), 9001);
    client.send(new Uint8Array(1));
    await settle(world);
    expect(client.error).toBe('ECONNREFUSED');
    expect(client.send(new Uint8Array(1))).toBe('ECONNREFUSED');
    expect(client.send(new Uint8Array(1))).toBeNull();
  });

  it('an unconnected sender ignores the ICMP error (no IP_RECVERR)', async () => {
    const { world, a } = await pair();
    const client = new UdpSocket(a);
    client.bind(0, 0);
    client.send(new Uint8Array(1), { addr: ip('10.0.0.2'), port: 9001 });
    await settle(world);
    expect(client.error).toBeNull();
  });

  it('a connected socket only takes datagrams from its peer', async () => {
    const { world, a, b } = await pair();
    const server = new UdpSocket(b);
    server.bind(0, 9000);
    server.connect(ip('10.0.0.1'), 4444);
    const other = new UdpSocket(a);
    other.bind(0, 4445);
    other.connect(ip('10.0.0.2'), 9000);
    other.send(new Uint8Array(1));
    await settle(world);
    expect(server.rxQueue).toHaveLength(0);
    expect(other.error).toBe('ECONNREFUSED');
  });
});
