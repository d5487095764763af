import type { TcpDiag } from '../../kernel/socket/diag.js';
import { formatCFloat } from '../text/cfloat.js';

/** printf's %g. */
const g = (v: number): string => formatCFloat(v, 'g', 6, false);

/** sprint_bw: bits per second, as digits with -n, else three significant digits and an SI prefix. */
export function sprintBw(bw: number, numeric: boolean): string {
  if (numeric) return bw.toFixed(0);
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [scale, prefix] of units)
    if (bw >= scale) return formatCFloat(bw / scale, 'g', 3, false) + prefix;
  return g(bw);
}

/**
 * tcp_show_info + tcp_stats_print (iproute2 6.1): the line `ss -i` prints
 * under a TCP socket, from its tcp_info; empty for a minisocket, which has
 * none. `options` (-o, -e) adds the negotiated options in front, `numeric`
 * (-n) prints rates as plain numbers.
 */
export function tcpInfoText(diag: TcpDiag, listening: boolean, options: boolean, numeric: boolean): string {
  const i = diag.info;
  if (!i) return '';
  let out = '';
  const add = (text: string) => void (out += ` ${text}`);
  if (options && i.timestamps) add('ts');
  if (options && i.sack) add('sack');
  if (diag.congestion) add(diag.congestion);
  if (i.wscale) add(`wscale:${i.wscale[0]},${i.wscale[1]}`);
  // 3 s, the old initial RTO, is left out as if it were no value.
  if (i.rtoUs && i.rtoUs !== 3_000_000) add(`rto:${g(i.rtoUs / 1000)}`);
  if (i.backoff) add(`backoff:${i.backoff}`);
  if (i.rttUs) add(`rtt:${g(i.rttUs / 1000)}/${g(i.rttvarUs / 1000)}`);
  if (i.atoUs) add(`ato:${g(i.atoUs / 1000)}`);
  if (i.sndMss) add(`mss:${i.sndMss}`);
  if (i.pmtu) add(`pmtu:${i.pmtu}`);
  if (i.rcvMss) add(`rcvmss:${i.rcvMss}`);
  if (i.advmss) add(`advmss:${i.advmss}`);
  if (i.cwnd) add(`cwnd:${i.cwnd}`);
  if (i.ssthresh < 0xffff && i.ssthresh) add(`ssthresh:${i.ssthresh}`);
  const counters: [string, number][] = [
    ['bytes_sent', i.bytesSent],
    ['bytes_retrans', i.bytesRetrans],
    ['bytes_acked', i.bytesAcked],
    ['bytes_received', i.bytesReceived],
    ['segs_out', i.segsOut],
    ['segs_in', i.segsIn],
    ['data_segs_out', i.dataSegsOut],
    ['data_segs_in', i.dataSegsIn],
  ];
  for (const [name, v] of counters) if (v) add(`${name}:${v}`);
  const bw = (bytesPerSec: number) => `${sprintBw(bytesPerSec * 8, numeric)}bps`;
  if (diag.bbr) {
    const b = diag.bbr;
    let text = `bbr:(bw:${bw(b.bw)},mrtt:${g(b.minRttUs / 1000)}`;
    if (b.pacingGain) text += `,pacing_gain:${g(b.pacingGain / 256)}`;
    if (b.cwndGain) text += `,cwnd_gain:${g(b.cwndGain / 256)}`;
    add(text + ')');
  }
  if (i.rttUs && i.sndMss && i.cwnd) add(`send ${sprintBw((i.cwnd * i.sndMss * 8e6) / i.rttUs, numeric)}bps`);
  if (i.lastDataSent) add(`lastsnd:${i.lastDataSent}`);
  if (i.lastDataRecv) add(`lastrcv:${i.lastDataRecv}`);
  if (i.lastAckRecv) add(`lastack:${i.lastAckRecv}`);
  if (i.pacingRate) add(`pacing_rate ${bw(i.pacingRate)}`);
  if (i.deliveryRate) add(`delivery_rate ${bw(i.deliveryRate)}`);
  if (i.delivered) add(`delivered:${i.delivered}`);
  if (i.appLimited) add('app_limited');
  if (i.busyTimeUs) add(`busy:${Math.floor(i.busyTimeUs / 1000)}ms`);
  if (i.unacked) add(`unacked:${i.unacked}`);
  if (i.retrans || i.totalRetrans) add(`retrans:${i.retrans}/${i.totalRetrans}`);
  if (i.lost) add(`lost:${i.lost}`);
  // A listener's sacked field holds its backlog.
  if (i.sacked && !listening) add(`sacked:${i.sacked}`);
  if (i.reordering !== 3) add(`reordering:${i.reordering}`);
  if (i.rcvRttUs) add(`rcv_rtt:${g(i.rcvRttUs / 1000)}`);
  if (i.rcvSpace) add(`rcv_space:${i.rcvSpace}`);
  if (i.rcvSsthresh) add(`rcv_ssthresh:${i.rcvSsthresh}`);
  if (i.notsent) add(`notsent:${i.notsent}`);
  if (i.minRttUs) add(`minrtt:${g(i.minRttUs / 1000)}`);
  if (i.sndWnd) add(`snd_wnd:${i.sndWnd}`);
  return out;
}
