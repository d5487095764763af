import { describe, expect, it } from 'vitest';
import type { TcpDiag, TcpInfo } from '../../kernel/socket/diag.js';
import { sprintBw, tcpInfoText } from './info.js';
import { World } from '../../kernel/world.js';
import { TcpSocket } from '../../kernel/socket/tcp.js';
import { UdpSocket } from '../../kernel/socket/udp.js';
import { runTool } from '../testing.js';

/** A bbr client after one write, as Linux 6.18 reported it (tcp_info values, rates in bytes/s). */
const measured: TcpInfo = {
  timestamps: true,
  sack: true,
  wscale: [10, 10],
  rtoUs: 204_000,
  backoff: 0,
  rttUs: 37,
  rttvarUs: 18,
  atoUs: 0,
  sndMss: 1448,
  rcvMss: 536,
  advmss: 1448,
  pmtu: 1500,
  cwnd: 11,
  ssthresh: 0x7fffffff,
  bytesSent: 3,
  bytesRetrans: 0,
  bytesAcked: 4,
  bytesReceived: 0,
  segsOut: 3,
  segsIn: 2,
  dataSegsOut: 1,
  dataSegsIn: 0,
  lastDataSent: 148,
  lastDataRecv: 156,
  lastAckRecv: 148,
  pacingRate: 1061068927,
  deliveryRate: 55692307,
  delivered: 2,
  appLimited: true,
  busyTimeUs: 0,
  unacked: 0,
  retrans: 0,
  totalRetrans: 0,
  lost: 0,
  sacked: 0,
  reordering: 3,
  rcvRttUs: 0,
  rcvSpace: 14480,
  rcvSsthresh: 64088,
  notsent: 0,
  minRttUs: 26,
  sndWnd: 65536,
};
const bbrDiag: TcpDiag = {
  info: measured,
  congestion: 'bbr',
  bbr: { bw: 55692261, minRttUs: 26, pacingGain: 739, cwndGain: 739 },
};

describe('ss -i', () => {
  it('prints tcp_stats_print’s fields in its order, rates as plain numbers with -n (measured line)', () => {
    expect(tcpInfoText(bbrDiag, false, false, true)).toBe(
      ' bbr wscale:10,10 rto:204 rtt:0.037/0.018 mss:1448 pmtu:1500 rcvmss:536 advmss:1448 cwnd:11' +
        ' bytes_sent:3 bytes_acked:4 segs_out:3 segs_in:2 data_segs_out:1' +
        ' bbr:(bw:445538088bps,mrtt:0.026,pacing_gain:2.88672,cwnd_gain:2.88672) send 3443891892bps' +
        ' lastsnd:148 lastrcv:156 lastack:148 pacing_rate 8488551416bps delivery_rate 445538456bps' +
        ' delivered:2 app_limited rcv_space:14480 rcv_ssthresh:64088 minrtt:0.026 snd_wnd:65536',
    );
  });

  it('puts the negotiated options first with -o, and SI units on rates without -n', () => {
    const line = tcpInfoText(bbrDiag, false, true, false);
    expect(line.startsWith(' ts sack bbr wscale:10,10')).toBe(true);
    expect(line).toContain(' send 3.44Gbps ');
    expect(line).toContain(' bbr:(bw:446Mbps,');
  });

  it('prints a listener’s queue as unacked but never its backlog, and nothing for a minisocket', () => {
    const listener: TcpInfo = { ...measured, cwnd: 10, unacked: 1, sacked: 5 };
    expect(tcpInfoText({ info: listener, congestion: 'reno', bbr: null }, true, false, true)).toContain(
      ' unacked:1 ',
    );
    expect(tcpInfoText({ info: listener, congestion: 'reno', bbr: null }, true, false, true)).not.toContain(
      'sacked',
    );
    expect(tcpInfoText({ info: null, congestion: null, bbr: null }, false, true, true)).toBe('');
  });

  it('shows ssthresh once a loss set it, hides an RTO of exactly 3 s', () => {
    const lossy: TcpInfo = {
      ...measured,
      ssthresh: 5,
      rtoUs: 3_000_000,
      backoff: 1,
      retrans: 1,
      totalRetrans: 1,
      lost: 1,
    };
    const line = tcpInfoText({ info: lossy, congestion: 'reno', bbr: null }, false, false, true);
    expect(line).toContain(' cwnd:11 ssthresh:5 ');
    expect(line).not.toContain('rto:');
    expect(line).toContain(' backoff:1 ');
    expect(line).toContain(' retrans:1/1 lost:1 ');
  });

  it.each([
    [6.44e9, '6.44G'],
    [12.87e9, '12.9G'],
    [643_555_552, '644M'],
    [8000, '8k'],
    [2.5e12, '2.5T'],
    [999, '999'],
    [0, '0'],
  ])('sprint_bw(%d) is %s', (bw, out) => expect(sprintBw(bw, false)).toBe(out));

  it("ss -i: a listener's line names the namespace's congestion control as it was when the socket was made; UDP gets none", async () => {
    const w = new World();
    const ns = w.createNetns('a');
    ns.sysctl.set('net.ipv4.tcp_congestion_control', 'cubic');
    const s = new TcpSocket(ns);
    s.bind(0, 8080);
    s.listen(5);
    ns.sysctl.set('net.ipv4.tcp_congestion_control', 'reno');
    new UdpSocket(ns).bind(0, 53);
    const r = await runTool(w, ['ss', '-Hatuin'], { netns: ns });
    const lines = r.stdout.split('\n').map((l) => l.trimEnd());
    expect(lines[0]).toMatch(/^udp +UNCONN /);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/^tcp +LISTEN /), '\t cubic cwnd:10', '']);
  });
});
