/**
 * netstat -s: net-tools 2.10 statistics.c over the namespace's
 * /proc/net/snmp and /proc/net/netstat text, quirks included. A field the
 * table does not know prints as `Name: value` when nonzero, indented as
 * the last known one was (IcmpMsg after the output histogram: 8); a table
 * it does not know (IcmpMsg, UdpLite, IpExt, MPTcpExt) always prints its
 * title; tables are looked up with bsearch although several are not
 * sorted, so `Forwarding` and some TcpExt names are missed the same way.
 */

/** enum State; `number` entries always print, `opt_number` only when nonzero. */
type State = 'number' | 'opt_number' | 'i_forward' | 'i_inp_icmp' | 'i_outp_icmp' | 'i_rto_alg';

/** struct statedesc: the indent of each state and the title a histogram starts with. */
const STATES: Record<State, { indent: number; title?: string }> = {
  number: { indent: 4 },
  opt_number: { indent: 4 },
  i_forward: { indent: 4 },
  i_inp_icmp: { indent: 8, title: 'ICMP input histogram:' },
  i_outp_icmp: { indent: 8, title: 'ICMP output histogram:' },
  i_rto_alg: { indent: 0 },
};

interface Entry {
  readonly title: string;
  readonly out: string;
  readonly type: State;
  /** I_STATIC: configuration, shown only with print_static, which nothing sets. */
  readonly isStatic?: boolean;
  /** I_TITLE: starts its state's histogram. */
  readonly titled?: boolean;
}

const n = (title: string, out: string): Entry => ({ title, out, type: 'number' });
const o = (title: string, out: string): Entry => ({ title, out, type: 'opt_number' });
const hin = (title: string, out: string): Entry => ({ title, out, type: 'i_inp_icmp', titled: true });
const hout = (title: string, out: string): Entry => ({ title, out, type: 'i_outp_icmp', titled: true });

/** Iptab, in the source's order ("Keep the entries sorted!", but Forwarding sorts after ForwDatagrams). */
const IP_TAB: readonly Entry[] = [
  { title: 'DefaultTTL', out: 'Default TTL is %llu', type: 'number', isStatic: true },
  { title: 'Forwarding', out: 'Forwarding is %s', type: 'i_forward', isStatic: true },
  n('ForwDatagrams', '%llu forwarded'),
  o('FragCreates', '%llu fragments created'),
  o('FragFails', '%llu outgoing packets failed fragmentation'),
  o('FragOKs', '%llu outgoing packets fragmented ok'),
  o('InAddrErrors', '%llu with invalid addresses'),
  n('InDelivers', '%llu incoming packets delivered'),
  n('InDiscards', '%llu incoming packets discarded'),
  o('InHdrErrors', '%llu with invalid headers'),
  n('InReceives', '%llu total packets received'),
  o('InUnknownProtos', '%llu with unknown protocol'),
  o('OutDiscards', '%llu outgoing packets dropped'),
  o('OutNoRoutes', '%llu dropped because of missing route'),
  n('OutRequests', '%llu requests sent out'),
  o('ReasmFails', '%llu packet reassemblies failed'),
  o('ReasmOKs', '%llu packets reassembled ok'),
  o('ReasmReqds', '%llu reassemblies required'),
  o('ReasmTimeout', '%llu fragments dropped after timeout'),
];

const ICMP_TAB: readonly Entry[] = [
  hin('InAddrMaskReps', 'address mask replies: %llu'),
  hin('InAddrMasks', 'address mask request: %llu'),
  hin('InDestUnreachs', 'destination unreachable: %llu'),
  hin('InEchoReps', 'echo replies: %llu'),
  hin('InEchos', 'echo requests: %llu'),
  n('InErrors', '%llu input ICMP message failed'),
  n('InMsgs', '%llu ICMP messages received'),
  hin('InParmProbs', 'wrong parameters: %llu'),
  hin('InRedirects', 'redirects: %llu'),
  hin('InSrcQuenchs', 'source quenches: %llu'),
  hin('InTimeExcds', 'timeout in transit: %llu'),
  hin('InTimestampReps', 'timestamp reply: %llu'),
  hin('InTimestamps', 'timestamp request: %llu'),
  hout('OutAddrMaskReps', 'address mask replies: %llu'),
  hout('OutAddrMasks', 'address mask requests: %llu'),
  hout('OutDestUnreachs', 'destination unreachable: %llu'),
  hout('OutEchoReps', 'echo replies: %llu'),
  hout('OutEchos', 'echo requests: %llu'),
  n('OutErrors', '%llu ICMP messages failed'),
  n('OutMsgs', '%llu ICMP messages sent'),
  hout('OutParmProbs', 'wrong parameters: %llu'),
  hout('OutRedirects', 'redirect: %llu'),
  hout('OutSrcQuenchs', 'source quench: %llu'),
  hout('OutTimeExcds', 'time exceeded: %llu'),
  hout('OutTimestampReps', 'timestamp replies: %llu'),
  hout('OutTimestamps', 'timestamp requests: %llu'),
];

const TCP_TAB: readonly Entry[] = [
  n('ActiveOpens', '%llu active connection openings'),
  n('AttemptFails', '%llu failed connection attempts'),
  n('CurrEstab', '%llu connections established'),
  n('EstabResets', '%llu connection resets received'),
  n('InErrs', '%llu bad segments received'),
  n('InSegs', '%llu segments received'),
  n('MaxConn', ''),
  n('OutRsts', '%llu resets sent'),
  n('OutSegs', '%llu segments sent out'),
  n('PassiveOpens', '%llu passive connection openings'),
  n('RetransSegs', '%llu segments retransmitted'),
  { title: 'RtoAlgorithm', out: 'RTO algorithm is %s', type: 'i_rto_alg', isStatic: true },
  n('RtoMax', ''),
  n('RtoMin', ''),
];

const UDP_TAB: readonly Entry[] = [
  n('InDatagrams', '%llu packets received'),
  n('InErrors', '%llu packet receive errors'),
  n('NoPorts', '%llu packets to unknown port received'),
  n('OutDatagrams', '%llu packets sent'),
  n('RcvbufErrors', '%llu receive buffer errors'),
  n('SndbufErrors', '%llu send buffer errors'),
];

const TCPEXT_TAB: readonly Entry[] = [
  o('DelayedACKLocked', '%llu delayed acks further delayed because of locked socket'),
  o('DelayedACKLost', 'Quick ack mode was activated %llu times'),
  o('DelayedACKs', '%llu delayed acks sent'),
  o('EmbryonicRsts', '%llu resets received for embryonic SYN_RECV sockets'),
  o('ListenDrops', '%llu SYNs to LISTEN sockets dropped'),
  o('ListenOverflows', '%llu times the listen queue of a socket overflowed'),
  o('LockDroppedIcmps', '%llu ICMP packets dropped because socket was locked'),
  o('OfoPruned', '%llu packets dropped from out-of-order queue because of socket buffer overrun'),
  o('OutOfWindowIcmps', '%llu ICMP packets dropped because they were out-of-window'),
  o('PAWSActive', '%llu active connections rejected because of time stamp'),
  o('PAWSEstab', '%llu packetes rejected in established connections because of timestamp'),
  o('PAWSPassive', '%llu passive connections rejected because of time stamp'),
  o('PruneCalled', '%llu packets pruned from receive queue because of socket buffer overrun'),
  o('RcvPruned', '%llu packets pruned from receive queue'),
  o('SockMallocOOM', 'Ran %llu times out of system memory during packet sending'),
  o('SyncookiesFailed', '%llu invalid SYN cookies received'),
  o('SyncookiesRecv', '%llu SYN cookies received'),
  o('SyncookiesSent', '%llu SYN cookies sent'),
  o('TCPAbortFailed', '%llu times unable to send RST due to no memory'),
  o('TCPAbortOnClose', '%llu connections reset due to early user close'),
  o('TCPAbortOnData', '%llu connections reset due to unexpected data'),
  o('TCPAbortOnLinger', '%llu connections aborted after user close in linger timeout'),
  o('TCPAbortOnMemory', '%llu connections aborted due to memory pressure'),
  o('TCPAbortOnSyn', '%llu connections reset due to unexpected SYN'),
  o('TCPAbortOnTimeout', '%llu connections aborted due to timeout'),
  o('TCPDirectCopyFromBacklog', '%llu bytes directly in process context from backlog'),
  o('TCPDirectCopyFromPrequeue', '%llu bytes directly received in process context from prequeue'),
  o('TCPDSACKOfoRecv', '%llu DSACKs for out of order packets received'),
  o('TCPDSACKOfoSent', '%llu DSACKs sent for out of order packets'),
  o('TCPDSACKOldSent', '%llu DSACKs sent for old packets'),
  o('TCPDSACKRecv', '%llu DSACKs received'),
  o('TCPDSackUndo', '%llu congestion window recovered without slow start using DSACK'),
  o('TCPDSACKUndo', '%llu congestion windows recovered without slow start by DSACK'),
  o('TCPFACKReorder', 'Detected reordering %llu times using FACK'),
  o('TCPFastRetrans', '%llu fast retransmits'),
  o('TCPForwardRetrans', '%llu forward retransmits'),
  o('TCPFullUndo', '%llu congestion windows fully recovered without slow start'),
  o('TCPHPAcks', '%llu predicted acknowledgments'),
  n('TCPHPHits', '%llu packet headers predicted'),
  o('TCPHPHitsToUser', '%llu packet headers predicted and directly queued to user'),
  o('TCPLossFailures', '%llu timeouts in loss state'),
  o('TCPLoss', '%llu TCP data loss events'),
  o('TCPLossUndo', '%llu congestion windows recovered without slow start after partial ack'),
  o('TCPLostRetransmits', '%llu retransmits lost'),
  o('TCPMemoryPressures', 'TCP ran low on memory %llu times'),
  o('TCPPartialUndo', '%llu congestion windows partially recovered using Hoe heuristic'),
  o('TCPPrequeued', '%llu packets directly queued to recvmsg prequeue'),
  o('TCPPrequeueDropped', '%llu packets dropped from prequeue'),
  o('TCPPureAcks', '%llu acknowledgments not containing data payload received'),
  o('TCPRcvCollapsed', '%llu packets collapsed in receive queue due to low socket buffer'),
  o('TCPRenoFailures', '%llu timeouts after reno fast retransmit'),
  o('TCPRenoRecoveryFailed', '%llu reno fast retransmits failed'),
  o('TCPRenoRecoveryFail', '%llu classic Reno fast retransmits failed'),
  o('TCPRenoRecovery', '%llu times recovered from packet loss due to fast retransmit'),
  o('TCPRenoReorder', 'Detected reordering %llu times using reno fast retransmit'),
  o('TCPSackFailures', '%llu timeouts after SACK recovery'),
  o('TCPSackRecoveryFail', '%llu SACK retransmits failed'),
  o('TCPSackRecovery', '%llu times recovered from packet loss by selective acknowledgements'),
  o('TCPSACKReneging', '%llu bad SACK blocks received'),
  o('TCPSACKReorder', 'Detected reordering %llu times using SACK'),
  o('TCPSchedulerFailed', '%llu times receiver scheduled too late for direct processing'),
  o('TCPSlowStartRetrans', '%llu retransmits in slow start'),
  o('TCPTimeouts', '%llu other TCP timeouts'),
  o('TCPTSReorder', 'Detected reordering %llu times using time stamp'),
  o('TWKilled', '%llu TCP sockets finished time wait in slow timer'),
  o('TW', '%llu TCP sockets finished time wait in fast timer'),
  o('TWRecycled', '%llu time wait sockets recycled by time stamp'),
];

/** Which protocol flags (-w raw, -t, -u, -S) show a known table. */
export interface StatFlags {
  readonly raw: boolean;
  readonly tcp: boolean;
  readonly udp: boolean;
  readonly sctp: boolean;
}

interface Table {
  readonly title: string;
  readonly tab: readonly Entry[] | null;
  readonly flag: (f: StatFlags) => boolean;
}

/** snmptabs: the tables net-tools knows; any other title is printed with its nonzero fields. */
const SNMP_TABS: readonly Table[] = [
  { title: 'Ip', tab: IP_TAB, flag: (f) => f.raw },
  { title: 'Icmp', tab: ICMP_TAB, flag: (f) => f.raw },
  { title: 'Tcp', tab: TCP_TAB, flag: (f) => f.tcp },
  { title: 'Udp', tab: UDP_TAB, flag: (f) => f.udp },
  { title: 'Sctp', tab: [], flag: (f) => f.sctp },
  { title: 'TcpExt', tab: TCPEXT_TAB, flag: (f) => f.tcp },
];

/** strcmp on the ASCII names. */
const strcmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** glibc bsearch: halves [l, u) by strcmp, so an unsorted table misses some names. */
function bsearch(tab: readonly Entry[], title: string): Entry | undefined {
  let l = 0;
  let u = tab.length;
  while (l < u) {
    const idx = (l + u) >> 1;
    const c = strcmp(title, tab[idx].title);
    if (c < 0) u = idx;
    else if (c > 0) l = idx + 1;
    else return tab[idx];
  }
  return undefined;
}

/** The printer's state across tables (statistics.c's static `state`). */
class Printer {
  private state: State = 'number';
  text = '';

  constructor(private readonly flags: StatFlags) {}

  /** newtable: a known table's title when its flag is set; an unknown one's always. */
  table(title: string): { tab: readonly Entry[] | null; on: boolean } {
    const known = SNMP_TABS.find((t) => t.title === title);
    if (known) {
      const on = known.flag(this.flags);
      if (on) this.text += `${title}:\n`;
      this.state = 'number';
      return { tab: known.tab, on };
    }
    this.text += `${title}:\n`;
    return { tab: null, on: true };
  }

  /** printval. */
  value(tab: readonly Entry[] | null, title: string, val: number): void {
    const ent = tab ? bsearch(tab, title) : undefined;
    if (!ent) {
      if (val) this.line(STATES[this.state].indent, `${title}: ${val}`);
      return;
    }
    if (ent.isStatic || ent.out === '') return;
    const type = ent.type;
    if (ent.titled && this.state !== type) this.line(STATES[this.state].indent, STATES[type].title ?? '');
    let buf = '';
    if (type === 'number' || (type !== 'i_rto_alg' && val > 0)) buf = ent.out.replace('%llu', String(val));
    if (buf) this.line(STATES[type].indent, buf);
    this.state = type;
  }

  private line(indent: number, s: string): void {
    this.text += ' '.repeat(indent) + s + '\n';
  }
}

/** strtoull: a negative value (MaxConn -1) wraps; only its sign matters here, and it is never printed. */
const parseValue = (s: string | undefined): number => {
  const v = Number(s ?? 0);
  return Number.isFinite(v) ? (v < 0 ? 2 ** 64 + v : v) : 0;
};

/** process_fd: pairs of `Title: names` and `Title: values` lines. */
function processFile(p: Printer, text: string): void {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const head = lines[i++];
    if (head === '') continue;
    if (i >= lines.length) break;
    const vals = lines[i++];
    const colon = head.indexOf(':');
    if (colon < 0 || !vals.includes(':')) return;
    const { tab, on } = p.table(head.slice(0, colon));
    if (!on) continue;
    const names = head
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    const values = vals
      .slice(vals.indexOf(':') + 1)
      .trim()
      .split(/\s+/);
    names.forEach((name, k) => name && p.value(tab, name, parseValue(values[k])));
  }
}

/** parsesnmp: /proc/net/snmp, then /proc/net/netstat (no /proc/net/sctp/snmp: SCTP is not modelled). */
export function statistics(snmp: string, netstat: string, flags: StatFlags): string {
  const p = new Printer(flags);
  processFile(p, snmp);
  processFile(p, netstat);
  return p.text;
}
