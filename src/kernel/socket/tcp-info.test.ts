import { describe, expect, it } from 'vitest';
import { runTestScript, TWO_HOSTS } from '../../shell/testing.js';
import type { World } from '../world.js';
import type { Netns } from '../netns.js';
import { parseIPv4 } from '../../net/ipv4.js';
import { TcpSocket, tcpTable } from './tcp.js';
import { tcpDiag } from './diag.js';
import type { TcpInfo } from './diag.js';
import { lossSsthresh } from './tcp-info.js';

const hostYield = () => new Promise<void>((r) => setImmediate(r));

/** Two namespaces on a veth, each with `cc` as its congestion control, after `extra`. */
async function pair(cc: string, extra = '') {
  const { world } = await runTestScript(
    `${TWO_HOSTS}for ns in a b; do ip netns exec $ns sysctl -qw net.ipv4.tcp_congestion_control=${cc}; done\n${extra}`,
  );
  return { world, a: world.named.get('a')!, b: world.named.get('b')! };
}

/** Lets `ms` of virtual time pass a millisecond at a time, host promises settling in between. */
async function run(world: World, ms: number): Promise<void> {
  for (let i = 0; i < ms; i++) {
    await hostYield();
    world.clock.advanceTo(world.clock.now + 1);
  }
  await hostYield();
}

const text = (s: string) => new TextEncoder().encode(s);
const info = (s: TcpSocket): TcpInfo => tcpDiag(s).info!;

/** A listener on b:8080, a connection from a:40000, accepted. */
async function connected(world: World, a: Netns, b: Netns) {
  const listener = new TcpSocket(b);
  listener.bind(0, 8080);
  listener.listen(1);
  const client = new TcpSocket(a);
  client.bind(0, 40000);
  const connecting = client.connect(parseIPv4('10.0.0.2')!, 8080);
  await run(world, 10);
  expect(await connecting).toBeNull();
  const server = (await listener.accept(0))!;
  return { listener, client, server };
}

describe('tcp_info', () => {
  it('counts bytes and segments as tcp_get_info does: the SYN in bytes_acked and delivered, the SYN-ACK nowhere on the passive side', async () => {
    const { world, a, b } = await pair('reno');
    const { client, server } = await connected(world, a, b);
    client.send(text('ping\n'));
    await run(world, 300);
    server.send(text('pong\n'));
    await run(world, 100);
    // Measured on Linux 6.18 (ss-info.sh): the same exchange.
    expect(info(client)).toMatchObject({
      bytesSent: 5,
      bytesAcked: 6,
      bytesReceived: 5,
      segsOut: 4,
      segsIn: 3,
      dataSegsOut: 1,
      dataSegsIn: 1,
      delivered: 2,
      cwnd: 10,
      sndMss: 1448,
      advmss: 1448,
      rcvMss: 536,
      pmtu: 1500,
      atoUs: 40_000,
      rtoUs: 204_000,
      wscale: [10, 10],
      rcvSpace: 14480,
      rcvSsthresh: 64088,
      sndWnd: 65536,
      appLimited: true,
    });
    expect(info(server)).toMatchObject({
      bytesSent: 5,
      bytesAcked: 5,
      bytesReceived: 5,
      segsOut: 2,
      segsIn: 4,
      delivered: 2,
      sndWnd: 64512,
    });
    expect(info(client).deliveryRate).toBeGreaterThan(0);
  });

  it("after the handshake alone: the SYN-ACK's unscaled window, no ato, no delivery rate", async () => {
    const { world, a, b } = await pair('reno');
    const { client, server } = await connected(world, a, b);
    expect(info(client)).toMatchObject({
      bytesAcked: 1,
      segsOut: 2,
      segsIn: 1,
      delivered: 1,
      sndWnd: 65160,
      atoUs: 0,
      deliveryRate: 0,
    });
    expect(info(server)).toMatchObject({ bytesAcked: 0, segsOut: 0, segsIn: 2, delivered: 1, sndWnd: 64512 });
  });

  it('a listener reports its window and its accept queue (as unacked) only', async () => {
    const { world, a, b } = await pair('reno');
    const { listener } = await connected(world, a, b);
    const second = new TcpSocket(a);
    void second.connect(parseIPv4('10.0.0.2')!, 8080);
    await run(world, 10);
    expect(tcpDiag(listener)).toMatchObject({ congestion: 'reno', bbr: null });
    expect(info(listener)).toMatchObject({ cwnd: 10, unacked: 1, sacked: 1, rtoUs: 0, pacingRate: null });
  });

  it('a connecting socket before any answer: TCP_MSS_DEFAULT less timestamps, the SYN window as rcv_ssthresh', async () => {
    const { world, a } = await pair('reno', 'ip netns exec b iptables -A INPUT -p tcp -j DROP');
    const s = new TcpSocket(a);
    void s.connect(parseIPv4('10.0.0.2')!, 9090);
    await run(world, 100);
    expect(info(s)).toMatchObject({
      sndMss: 524,
      advmss: 1460,
      rcvMss: 88,
      cwnd: 10,
      segsOut: 1,
      unacked: 1,
      rcvSsthresh: 64240,
      rcvSpace: 0,
      wscale: null,
      minRttUs: null,
      pacingRate: null,
    });
    await run(world, 1000);
    // The SYN's timeout is a loss (tcp_enter_loss); linear timeouts leave the RTO and backoff alone.
    expect(info(s)).toMatchObject({
      cwnd: 1,
      ssthresh: 5,
      segsOut: 2,
      retrans: 1,
      totalRetrans: 1,
      lost: 1,
      rtoUs: 1_000_000,
      backoff: 0,
    });
  });

  it('TIME-WAIT and request minisockets carry no tcp_info', async () => {
    const { world, a, b } = await pair(
      'reno',
      'ip netns exec a iptables -A INPUT -p tcp --tcp-flags SYN,ACK SYN,ACK -j DROP',
    );
    const listener = new TcpSocket(b);
    listener.bind(0, 8080);
    listener.listen(1);
    void new TcpSocket(a).connect(parseIPv4('10.0.0.2')!, 8080);
    await run(world, 10);
    const request = [...tcpTable(b).sockets].find((s) => s.state === 'SYN-RECV')!;
    expect(tcpDiag(request)).toEqual({ info: null, congestion: null, bbr: null });
  });

  it('the congestion control is fixed when the socket is made; an accepted connection has its listener’s', async () => {
    const { world, a, b } = await pair('cubic');
    const { listener, client, server } = await connected(world, a, b);
    b.sysctl.set('net.ipv4.tcp_congestion_control', 'reno');
    expect([listener.congestion, server.congestion, client.congestion]).toEqual(['cubic', 'cubic', 'cubic']);
    expect(new TcpSocket(b).congestion).toBe('reno');
  });

  it('bbr: startup grows the window by each data packet delivered, and reports its gains once an ACK of data ran it', async () => {
    const { world, a, b } = await pair('bbr');
    const { client, server } = await connected(world, a, b);
    expect(tcpDiag(server).bbr).toMatchObject({ pacingGain: 0, cwndGain: 0, bw: 0 });
    client.send(text('hi\n'));
    await run(world, 100);
    client.send(text('there\n'));
    await run(world, 100);
    const d = tcpDiag(client);
    expect(d.info!.cwnd).toBe(12);
    expect(d.bbr).toMatchObject({ pacingGain: 739, cwndGain: 739 });
    expect(d.bbr!.bw).toBeGreaterThan(0);
    // CLOSE-WAIT and LISTEN are past TCP_TIME_WAIT in the state numbering: no BBR info for them.
    client.shutdownWrite();
    await run(world, 100);
    expect(tcpDiag(server)).toMatchObject({ congestion: 'bbr', bbr: null });
  });

  it.each([
    ['reno', 10, 5],
    ['cubic', 10, 7],
    ['reno', 3, 2],
  ])('%s after a loss with cwnd %i: ssthresh %i', (cc, cwnd, expected) =>
    expect(lossSsthresh(cc, cwnd, null)).toBe(expected),
  );

  it('bbr keeps its ssthresh through a loss', () => expect(lossSsthresh('bbr', 10, null)).toBeNull());
});
