import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';
import type { World } from '../world.js';
import { runScript } from '../../shell/run.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { emitIpv4 } from '../../net/emit.js';
import type { Ipv4Packet } from '../../net/packet.js';
import { TcpSocket, tcpTable } from './tcp.js';

const hostYield = () => new Promise<void>((r) => setImmediate(r));
const ip = (s: string) => parseIPv4(s)!;

async function pair(extra = '') {
  const { world } = await runTestScript(TWO_HOSTS + extra);
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

  it('a dropped SYN is retransmitted every second 5 times (tcp_syn_linear_timeouts 4), then after 2, 4 s', async () => {
    const { world, a, seen } = await pair('ip netns exec b iptables -A INPUT -p tcp -j DROP');
    const client = new TcpSocket(a);
    const r = await drive(world, client.connect(ip('10.0.0.2'), 81, 7_500));
    expect(r).toBe('timeout');
    expect(client.state).toBe('SYN-SENT');
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 6, expires: 11_000 });
    expect(seen.map((p) => p.l4?.kind === 'tcp' && p.l4.seq)).toEqual(
      Array(7).fill(seen[0].l4?.kind === 'tcp' && seen[0].l4.seq),
    );
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

/** A connected pair (client on a, accepted child on b) with `extra` run first. */
async function connected(extra = '') {
  const env = await pair(extra);
  const server = new TcpSocket(env.b);
  server.bind(0, 8080);
  server.listen(1);
  const client = new TcpSocket(env.a);
  await drive(env.world, client.connect(ip('10.0.0.2'), 8080));
  const child = (await drive(env.world, server.accept()))!;
  return { ...env, client, child };
}

/** Runs `script` in the world (iptables rules and sysctls between steps). */
async function sh(world: World, script: string) {
  const sink = { write: () => {} };
  await runScript({
    world,
    source: script,
    scriptName: 't.sh',
    args: [],
    stdout: sink,
    stderr: sink,
    cwd: '.',
    yieldToHost: hostYield,
  });
}

const dataSegments = (seen: Ipv4Packet[]) =>
  seen.filter((p) => p.totalLength > 52 && p.l4?.kind === 'tcp' && !(p.l4.flags & 2)).length;

describe('TCP retransmission (Linux 6.x, measured on a veth)', () => {
  it('the RTO is 200 ms (tcp_rto_min) plus the RTT, rounded up to a jiffy: 204 ms once the handshake was timed', async () => {
    const { client, child } = await connected();
    expect(client.rtoMs).toBe(204);
    expect(child.rtoMs).toBe(204);
  });

  it('dropped data: a tail loss probe after 204 ms, then RTOs 204, 408, 816 ms later, counted by ss -o; delivered once the DROP is gone', async () => {
    const { world, client, child, seen } = await connected();
    await sh(world, 'ip netns exec b iptables -I INPUT -p tcp -m length --length 55 -j DROP');
    const start = world.clock.now;
    client.send(new TextEncoder().encode('hi\n'));
    const at = (ms: number) => world.clock.advanceTo(start + ms);
    at(100);
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 0, expires: start + 204 });
    at(300);
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 0, expires: start + 408 });
    at(500);
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 1, expires: start + 816 });
    expect(client.rtoMs).toBe(408);
    at(1000);
    expect(client.timer).toMatchObject({ kind: 'on', retrans: 2, expires: start + 1632 });
    expect(dataSegments(seen)).toBe(4);
    await sh(world, 'ip netns exec b iptables -D INPUT 1');
    at(1700);
    expect(dataSegments(seen)).toBe(5);
    expect(new TextDecoder().decode((await drive(world, child.recv())) as Uint8Array)).toBe('hi\n');
    expect(client.sendQueueBytes).toBe(0);
    expect(client.timer).toBeNull();
    expect(client.rtoMs).toBe(204);
  });

  it('tcp_retries2=1: the connection is dropped silently (ETIMEDOUT, no RST) 600 ms of backoff after the first RTO retransmission', async () => {
    const { world, client, child, seen } = await connected(
      'ip netns exec a sysctl -qw net.ipv4.tcp_retries2=1',
    );
    await sh(world, 'ip netns exec b iptables -I INPUT -p tcp -m length --length 55 -j DROP');
    const start = world.clock.now;
    client.send(new TextEncoder().encode('hi\n'));
    world.clock.advanceTo(start + 1631);
    expect(client.state).toBe('ESTABLISHED');
    world.clock.advanceTo(start + 1632);
    expect(client.state).toBe('CLOSE');
    expect(await drive(world, client.recv())).toBe('ETIMEDOUT');
    expect(dataSegments(seen)).toBe(4);
    expect(seen.some((p) => p.l4?.kind === 'tcp' && p.l4.flags & 4)).toBe(false);
    expect(child.state).toBe('ESTABLISHED');
  });

  it('a closed socket retransmits its FIN in FIN-WAIT-1 within tcp_orphan_retries (0 means 8)', async () => {
    const { world, client, seen } = await connected(
      'ip netns exec b iptables -A INPUT -p tcp --tcp-flags FIN FIN -j DROP',
    );
    const start = world.clock.now;
    client.close();
    expect(client.state).toBe('FIN-WAIT-1');
    const fins = () => seen.filter((p) => p.l4?.kind === 'tcp' && p.l4.flags & 1).length;
    world.clock.advanceTo(start + 60_000);
    // 0, 0.2 (probe), 0.4, 0.8, 1.6, 3.3, 6.5, 13.1, 26.1, 52.4 s: 8 RTO retransmissions budgeted.
    expect(fins()).toBe(10);
    expect(client.state).toBe('FIN-WAIT-1');
    world.clock.advanceTo(start + 200_000);
    expect(client.state).toBe('CLOSE');
  });

  it("the peer's retransmitted FIN in TIME-WAIT: ACKed again each time (a FIN escapes tcp_invalid_ratelimit), and TIME-WAIT starts over", async () => {
    const { world, client, child, seen } = await connected();
    await sh(world, 'ip netns exec b iptables -A INPUT -p tcp --tcp-flags SYN,FIN,ACK ACK -j DROP');
    client.shutdownWrite();
    world.clock.advanceTo(world.clock.now + 100);
    const start = world.clock.now;
    child.close();
    world.clock.advanceTo(start + 1);
    expect([client.state, child.state]).toEqual(['TIME-WAIT', 'LAST-ACK']);
    const twStart = client.timer!.expires;
    const acksBy = (ms: number) => {
      world.clock.advanceTo(start + ms);
      return seen.filter((p) => p.l4?.kind === 'tcp' && p.l4.flags === 0x10 && p.src === ip('10.0.0.1'))
        .length;
    };
    const base = acksBy(1);
    // The FIN again at 204 (probe), 408, 816 ms: each ACKed again.
    expect([acksBy(300) - base, acksBy(600) - base, acksBy(900) - base]).toEqual([1, 2, 3]);
    expect(client.timer!.expires).toBeGreaterThan(twStart);
    expect(child.timer).toMatchObject({ kind: 'on', retrans: 2 });
  });

  it('a closed socket in FIN-WAIT-2 waits tcp_fin_timeout (a timewait timer), one still open waits forever', async () => {
    const open = await connected();
    open.client.shutdownWrite();
    open.world.clock.advanceTo(open.world.clock.now + 100);
    expect(open.client.state).toBe('FIN-WAIT-2');
    expect(open.client.timer).toBeNull();
    const closed = await connected();
    closed.client.close();
    closed.world.clock.advanceTo(closed.world.clock.now + 100);
    expect(closed.client.state).toBe('FIN-WAIT-2');
    expect(closed.client.timer).toMatchObject({ kind: 'timewait', retrans: 0 });
    closed.world.clock.advanceTo(closed.world.clock.now + 60_000);
    expect(closed.client.state).toBe('CLOSE');
  });

  it('a FIN nobody read counts 1 in Recv-Q, also once the socket is closed; a read pending at close() returns nothing', async () => {
    const { world, client, child } = await connected();
    client.shutdownWrite();
    world.clock.advanceTo(world.clock.now + 50);
    expect([child.state, child.recvQueueBytes]).toEqual(['CLOSE-WAIT', 1]);
    await sh(world, 'ip netns exec b iptables -A INPUT -p tcp -j DROP');
    child.close();
    expect([child.state, child.recvQueueBytes]).toEqual(['LAST-ACK', 1]);
    const other = await connected();
    const read = other.child.recv();
    other.child.close();
    expect(await read).toBeNull();
  });
});

describe('TCP keepalive', () => {
  it('SO_KEEPALIVE with TCP_KEEPIDLE 60: ss shows timer:(keepalive,60sec,0) on an idle connection; answered probes keep it up', async () => {
    const { world, client, seen } = await connected();
    client.keepaliveOptions.idleS = 60;
    client.keepaliveOptions.intvlS = 60;
    client.setKeepalive(true);
    const start = world.clock.now;
    expect(client.timer).toMatchObject({ kind: 'keepalive', retrans: 0, expires: start + 60_000 });
    const before = seen.length;
    world.clock.advanceTo(start + 300_000);
    expect(client.state).toBe('ESTABLISHED');
    // One probe a minute, each answered (the answers reach a, not b's capture).
    expect(seen.length - before).toBe(5);
    expect(client.timer).toMatchObject({ kind: 'keepalive', retrans: 0 });
  });

  it('unanswered probes: tcp_keepalive_probes of them, tcp_keepalive_intvl apart, then RST and ETIMEDOUT', async () => {
    const { world, client, seen } = await connected(
      'ip netns exec a sysctl -qw net.ipv4.tcp_keepalive_time=10 net.ipv4.tcp_keepalive_intvl=2 net.ipv4.tcp_keepalive_probes=3',
    );
    await sh(world, 'ip netns exec a iptables -A INPUT -p tcp -j DROP');
    client.setKeepalive(true);
    const start = world.clock.now;
    world.clock.advanceTo(start + 15_000);
    expect(client.timer).toMatchObject({ kind: 'keepalive', retrans: 3 });
    world.clock.advanceTo(start + 16_000);
    expect(client.state).toBe('CLOSE');
    expect(await drive(world, client.recv())).toBe('ETIMEDOUT');
    const last = seen.at(-1)!;
    expect(last.l4?.kind === 'tcp' && last.l4.flags).toBe(0x14);
  });

  it('an accepted connection inherits SO_KEEPALIVE from its listener', async () => {
    const { world, a, b } = await pair();
    const server = new TcpSocket(b);
    server.setKeepalive(true);
    server.bind(0, 8080);
    server.listen(1);
    const client = new TcpSocket(a);
    await drive(world, client.connect(ip('10.0.0.2'), 8080));
    const child = (await drive(world, server.accept()))!;
    expect(child.timer).toMatchObject({ kind: 'keepalive', expires: world.clock.now + 7_200_000 });
  });
});
