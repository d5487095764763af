import type { Ipv4Packet, TcpHeader } from '../../../net/packet.js';
import type { L4Tracker } from './proto.js';
import { sysctlMs } from './proto.js';
import { IPS, infoDir } from './conn.js';
import type { Dir } from './conn.js';

/** enum tcp_conntrack, with the names conntrack prints (SYN_SENT2 is libnetfilter_conntrack's LISTEN slot). */
export const TCP_STATES = [
  'NONE',
  'SYN_SENT',
  'SYN_RECV',
  'ESTABLISHED',
  'FIN_WAIT',
  'CLOSE_WAIT',
  'LAST_ACK',
  'TIME_WAIT',
  'CLOSE',
  'SYN_SENT2',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** Per-connection TCP state (struct ip_ct_tcp, without window tracking). */
export interface TcpConnState {
  state: TcpState;
  lastDir: Dir;
  lastIndex: PacketIndex;
  /** IP_CT_TCP_FLAG_CLOSE_INIT per direction: that side sent the first FIN. */
  closeInit: { ORIGINAL: boolean; REPLY: boolean };
}

/** get_conntrack_index: the row of the state table a segment selects. */
type PacketIndex = 'syn' | 'synack' | 'fin' | 'ack' | 'rst' | 'none';

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

function indexOf(h: TcpHeader): PacketIndex {
  if (h.flags & RST) return 'rst';
  if (h.flags & SYN) return h.flags & ACK ? 'synack' : 'syn';
  if (h.flags & FIN) return 'fin';
  if (h.flags & ACK) return 'ack';
  return 'none';
}

/** sIV (TCP_CONNTRACK_MAX: invalid) and sIG (TCP_CONNTRACK_IGNORE). */
type Next = TcpState | 'IV' | 'IG';

/** tcp_conntracks[dir][index][old state], columns sNO sSS sSR sES sFW sCW sLA sTW sCL sS2. */
const TABLE: Readonly<Record<Dir, Readonly<Record<PacketIndex, readonly Next[]>>>> = {
  ORIGINAL: {
    syn: ['SYN_SENT', 'SYN_SENT', 'IG', 'IG', 'IG', 'IG', 'IG', 'SYN_SENT', 'SYN_SENT', 'SYN_SENT2'],
    synack: ['IV', 'IV', 'SYN_RECV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'SYN_RECV'],
    fin: ['IV', 'IV', 'FIN_WAIT', 'FIN_WAIT', 'LAST_ACK', 'LAST_ACK', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'IV'],
    ack: [
      'ESTABLISHED',
      'IV',
      'ESTABLISHED',
      'ESTABLISHED',
      'CLOSE_WAIT',
      'CLOSE_WAIT',
      'TIME_WAIT',
      'TIME_WAIT',
      'CLOSE',
      'IV',
    ],
    rst: ['IV', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE'],
    none: ['IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV'],
  },
  REPLY: {
    syn: ['IV', 'SYN_SENT2', 'IV', 'IV', 'IV', 'IV', 'IV', 'SYN_SENT', 'IV', 'SYN_SENT2'],
    synack: ['IV', 'SYN_RECV', 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', 'IG', 'SYN_RECV'],
    fin: ['IV', 'IV', 'FIN_WAIT', 'FIN_WAIT', 'LAST_ACK', 'LAST_ACK', 'LAST_ACK', 'TIME_WAIT', 'CLOSE', 'IV'],
    ack: [
      'IV',
      'IG',
      'SYN_RECV',
      'ESTABLISHED',
      'CLOSE_WAIT',
      'CLOSE_WAIT',
      'TIME_WAIT',
      'TIME_WAIT',
      'CLOSE',
      'IG',
    ],
    rst: ['IV', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE', 'CLOSE'],
    none: ['IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV', 'IV'],
  },
};

/** The transition for a segment (exported for the table's unit test). */
export function tcpNext(dir: Dir, flags: number, old: TcpState): Next {
  const h = { flags } as TcpHeader;
  return TABLE[dir][indexOf(h)][TCP_STATES.indexOf(old)];
}

/** tcp_timeouts: the sysctl each state's timeout comes from. */
const TIMEOUT_SYSCTL: Readonly<Record<TcpState, string>> = {
  NONE: 'tcp_timeout_close',
  SYN_SENT: 'tcp_timeout_syn_sent',
  SYN_RECV: 'tcp_timeout_syn_recv',
  ESTABLISHED: 'tcp_timeout_established',
  FIN_WAIT: 'tcp_timeout_fin_wait',
  CLOSE_WAIT: 'tcp_timeout_close_wait',
  LAST_ACK: 'tcp_timeout_last_ack',
  TIME_WAIT: 'tcp_timeout_time_wait',
  CLOSE: 'tcp_timeout_close',
  // No sysctl of its own: SYN_SENT2 shares SYN_SENT's two minutes by default.
  SYN_SENT2: 'tcp_timeout_syn_sent',
};

const header = (p: Ipv4Packet): TcpHeader | null => (p.l4?.kind === 'tcp' ? p.l4 : null);

/**
 * nf_conntrack_proto_tcp.c without sequence/window tracking (as if
 * nf_conntrack_tcp_be_liberal were set): the state table, the re-open of
 * a closed connection by a new SYN, the RST of an unreplied flow killing
 * it, ASSURED on the ACK that completes the handshake, and each state's
 * timeout from its sysctl.
 */
export const tcp: L4Tracker = {
  name: 'tcp',
  newConn(conn, packet) {
    const h = header(packet);
    if (!h) return false;
    const next = TABLE.ORIGINAL[indexOf(h)][0];
    if (next === 'IV' || next === 'IG') return false;
    // tcp_new: a mid-stream pickup (ESTABLISHED without SYN) needs nf_conntrack_tcp_loose.
    conn.tcp = {
      state: 'NONE',
      lastDir: 'ORIGINAL',
      lastIndex: 'none',
      closeInit: { ORIGINAL: false, REPLY: false },
    };
    return true;
  },
  packet(conn, packet, info, netns) {
    const h = header(packet);
    const st = conn.tcp;
    if (!h || !st) return 'INVALID';
    if (!conn.confirmed && st.state === 'NONE' && TABLE.ORIGINAL[indexOf(h)][0] === 'ESTABLISHED') {
      if (netns.sysctl.int('net.netfilter.nf_conntrack_tcp_loose') === 0) return 'INVALID';
    }
    const dir = infoDir(info);
    const index = indexOf(h);
    const old = st.state;
    const next = TABLE[dir][index][TCP_STATES.indexOf(old)];
    if (next === 'IV') return 'INVALID';
    if (next === 'IG') {
      st.lastDir = dir;
      st.lastIndex = index;
      return 'ACCEPT';
    }
    if (next === 'SYN_SENT' && TCP_STATES.indexOf(old) >= TCP_STATES.indexOf('TIME_WAIT')) {
      // A SYN re-opening a closed or reset connection: the old entry dies and the SYN is looked up again.
      if (st.closeInit.ORIGINAL || st.closeInit.REPLY || (st.lastDir === dir && st.lastIndex === 'rst'))
        return 'REPEAT';
    }
    st.lastDir = dir;
    st.lastIndex = index;
    st.state = next;
    if (old !== next && next === 'FIN_WAIT') st.closeInit[dir] = true;
    const now = netns.world.clock.now;
    if (!conn.has(IPS.SEEN_REPLY)) {
      // The only answer is a reset: nothing was established, forget it at once.
      if (h.flags & RST) return 'KILL';
    } else if (
      !conn.has(IPS.ASSURED) &&
      (old === 'SYN_RECV' || old === 'ESTABLISHED') &&
      next === 'ESTABLISHED'
    ) {
      conn.status |= IPS.ASSURED;
    }
    conn.refresh(now, sysctlMs(netns, TIMEOUT_SYSCTL[next]));
    return 'ACCEPT';
  },
};
