import { describe, expect, it } from 'vitest';
import { World } from '../world.js';
import { runScript } from '../../shell/run.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { emitIpv4 } from '../../net/emit.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { TcpSocket, tcpTable } from './tcp.js';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const ip = (s: string) => parseIPv4(s)!;

async function pair(extra = '') {
  const world = new World();
  const source = [
    'ip netns add a',
    'ip netns add b',
    'ip link add eth0 netns a type veth peer name eth0 netns b',
    'ip -n a addr add 10.0.0.1/24 dev eth0',
    'ip -n b addr add 10.0.0.2/24 dev eth0',
    'for ns in a b; do ip -n $ns link set lo up; ip -n $ns link set eth0 up; done',
    extra,
  ].join('\n');
  const sink = { write: () => {} };
  await runScript({
    world,
    source,
    scriptName: 't.sh',
    args: [],
    stdout: sink,
    stderr: sink,
    cwd: '.',
    yieldToHost: hostYield,
  });
  const a = world.named.get('a')!;
  const b = world.named.get('b')!;
  // Every segment b receives, as it arrives on its eth0.
  const seen: Ipv4Packet[] = [];
  const eth0 = b.linkByName('eth0')!;
  const receive = b.ipv4.receive.bind(b.ipv4);
  b.ipv4.receive = (link, frame) => {
    if (link === eth0 && frame.type === 'ipv4' && frame.ip.protocol === 6) seen.push(frame.ip);
    receive(link, frame);
  };
  return { world, a, b, seen };
}

/** Lets `ms` of virtual time pass (the kernel's events are synchronous). */
const advance = (world: World, ms: number) => world.clock.advanceTo(world.clock.now + ms);

/** Runs the clock until `p` settles (or `ms` of virtual time pass). */
async function drive<T>(world: World, p: Promise<T>, ms = 200_000): Promise<T> {
  let done = false;
  let value!: T;
  void p.then((v) => ((done = true), (value = v)));
  const end = world.clock.now + ms;
  while (world.clock.now < end) {
    await hostYield();
    if (done || !world.clock.step()) break;
  }
  await hostYield();
  return value;
}

describe('TCP', () => {
  it('a SYN is 60 bytes with MSS, SACK_PERM, timestamps and window scale, and the handshake establishes both ends', async () => {
    const { world, a, b, seen } = await pair();
    const server = new TcpSocket(b);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    expect(await drive(world, client.connect(ip('10.0.0.2'), 8080))).toBeNull();
    advance(world, 1);
    const syn = seen[0];
    expect(syn.totalLength).toBe(60);
    expect(emitIpv4(syn).subarray(40, 60)).toEqual(
      new Uint8Array([2, 4, 5, 0xb4, 4, 2, 8, 10, ...emitIpv4(syn).subarray(48, 56), 1, 3, 3, 10]),
    );
    expect(seen[1].totalLength).toBe(52);
    expect(client.state).toBe('ESTABLISHED');
    const child = await drive(world, server.accept());
    expect(child?.state).toBe('ESTABLISHED');
    expect(child?.remotePort).toBe(client.localPort);
  });

  it('initial sequence numbers come from the seeded RNG', async () => {
    const isn = async () => {
      const { world, a, seen } = await pair();
      void drive(world, new TcpSocket(a).connect(ip('10.0.0.2'), 80), 10);
      advance(world, 10);
      return seen[0].l4?.kind === 'tcp' ? seen[0].l4.seq : -1;
    };
    expect(await isn()).toBe(await isn());
  });

  it('a closed port answers RST+ACK and connect fails with ECONNREFUSED', async () => {
    const { world, a } = await pair();
    const client = new TcpSocket(a);
    expect(await drive(world, client.connect(ip('10.0.0.2'), 80))).toBe('ECONNREFUSED');
    expect(tcpTable(a).sockets.size).toBe(0);
  });

  it('data carries PSH and is acknowledged; FIN from the client first leaves it in TIME-WAIT for 60 s', async () => {
    const { world, a, b } = await pair();
    const server = new TcpSocket(b);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    await drive(world, client.connect(ip('10.0.0.2'), 8080));
    const child = (await drive(world, server.accept()))!;
    client.send(new TextEncoder().encode('data\n'));
    expect(new TextDecoder().decode((await drive(world, child.recv())) as Uint8Array)).toBe('data\n');
    client.shutdownWrite();
    expect(client.state).toBe('FIN-WAIT-1');
    expect(await drive(world, child.recv())).toBe('eof');
    expect(child.state).toBe('CLOSE-WAIT');
    // The FIN's ACK is delayed 40 ms, waiting for the application's own FIN.
    expect(client.state).toBe('FIN-WAIT-1');
    advance(world, 50);
    expect(client.state).toBe('FIN-WAIT-2');
    child.close();
    expect(child.state).toBe('LAST-ACK');
    advance(world, 10);
    expect(child.state).toBe('CLOSE');
    expect(client.state).toBe('TIME-WAIT');
    expect(client.timer?.kind).toBe('timewait');
    world.clock.advanceTo(world.clock.now + 59_000);
    expect(client.state).toBe('TIME-WAIT');
    world.clock.advanceTo(world.clock.now + 1_000);
    expect(client.state).toBe('CLOSE');
  });

  it('FIN from the server first: the client ACKs data at once and its FIN carries the ACK of the server FIN', async () => {
    const { world, a, b } = await pair();
    const server = new TcpSocket(b);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    await drive(world, client.connect(ip('10.0.0.2'), 8080));
    const child = (await drive(world, server.accept()))!;
    child.send(new TextEncoder().encode('reply\n'));
    child.shutdownWrite();
    advance(world, 10);
    expect(child.state).toBe('FIN-WAIT-1');
    expect(client.state).toBe('CLOSE-WAIT');
    await drive(world, client.recv());
    client.close();
    advance(world, 10);
    expect(child.state).toBe('TIME-WAIT');
    expect(client.state).toBe('CLOSE');
  });

  it('a simultaneous close passes through CLOSING to TIME-WAIT on both ends', async () => {
    const { world, a, b } = await pair();
    const server = new TcpSocket(b);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    await drive(world, client.connect(ip('10.0.0.2'), 8080));
    const child = (await drive(world, server.accept()))!;
    client.shutdownWrite();
    child.shutdownWrite();
    expect([client.state, child.state]).toEqual(['FIN-WAIT-1', 'FIN-WAIT-1']);
    world.clock.step();
    world.clock.step();
    expect([client.state, child.state]).toEqual(['CLOSING', 'CLOSING']);
    advance(world, 1);
    expect([client.state, child.state]).toEqual(['TIME-WAIT', 'TIME-WAIT']);
  });

  it('a dropped SYN is retransmitted after 1, 2, 4 s (initial RTO with backoff)', async () => {
    const { world, a, seen } = await pair('ip netns exec b iptables -A INPUT -p tcp -j DROP');
    const client = new TcpSocket(a);
    const r = await drive(world, client.connect(ip('10.0.0.2'), 81, 7_500));
    expect(r).toBe('timeout');
    expect(client.state).toBe('SYN-SENT');
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 3 });
    expect(seen.length).toBe(4);
  });

  it('closing with unread data sends RST instead of FIN', async () => {
    const { world, a, b } = await pair();
    const server = new TcpSocket(b);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    await drive(world, client.connect(ip('10.0.0.2'), 8080));
    const child = (await drive(world, server.accept()))!;
    client.send(new Uint8Array(3));
    advance(world, 10);
    child.close();
    expect(await drive(world, client.recv())).toBe('ECONNRESET');
  });

  it('a listening port cannot be bound twice, even with SO_REUSEADDR', async () => {
    const { b } = await pair();
    const s1 = new TcpSocket(b);
    s1.reuseAddr = true;
    s1.bind(0, 8080);
    s1.listen(1);
    const s2 = new TcpSocket(b);
    s2.reuseAddr = true;
    expect(s2.bind(0, 8080)).toBe('EADDRINUSE');
  });
});
