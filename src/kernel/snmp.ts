/**
 * The SNMP and Linux MIB counters of one namespace (struct netns_mib), with
 * the names and order /proc/net/snmp and /proc/net/netstat print them in
 * (snmp4_*_list and snmp4_net_list in net/ipv4/proc.c, Linux 6.18). The
 * stack counts with small `netns.mib.ip.InReceives++` edits where Linux
 * counts; snmp-proc.ts renders the files.
 */

/** snmp4_ipstats_list: the Ip line after Forwarding and DefaultTTL (ForwDatagrams is OUTFORWDATAGRAMS, OutTransmits OUTPKTS). */
export const IP_MIB = [
  'InReceives',
  'InHdrErrors',
  'InAddrErrors',
  'ForwDatagrams',
  'InUnknownProtos',
  'InDiscards',
  'InDelivers',
  'OutRequests',
  'OutDiscards',
  'OutNoRoutes',
  'ReasmTimeout',
  'ReasmReqds',
  'ReasmOKs',
  'ReasmFails',
  'FragOKs',
  'FragFails',
  'FragCreates',
  'OutTransmits',
] as const;

/** The Icmp line's counters that are not per type: In* first, then Out* (icmp_put). */
export const ICMP_IN_MIB = ['InMsgs', 'InErrors', 'InCsumErrors'] as const;
export const ICMP_OUT_MIB = ['OutMsgs', 'OutErrors', 'OutRateLimitGlobal', 'OutRateLimitHost'] as const;

/** icmpmibmap: the per-type columns of the Icmp line (In<name>, Out<name>), read from the IcmpMsg counters. */
export const ICMP_TYPE_NAMES: readonly (readonly [string, number])[] = [
  ['DestUnreachs', 3],
  ['TimeExcds', 11],
  ['ParmProbs', 12],
  ['SrcQuenchs', 4],
  ['Redirects', 5],
  ['Echos', 8],
  ['EchoReps', 0],
  ['Timestamps', 13],
  ['TimestampReps', 14],
  ['AddrMasks', 17],
  ['AddrMaskReps', 18],
];

/** snmp4_tcp_list after RtoAlgorithm RtoMin RtoMax MaxConn; CurrEstab is read from the sockets. */
export const TCP_MIB = [
  'ActiveOpens',
  'PassiveOpens',
  'AttemptFails',
  'EstabResets',
  'CurrEstab',
  'InSegs',
  'OutSegs',
  'RetransSegs',
  'InErrs',
  'OutRsts',
  'InCsumErrors',
] as const;

/** snmp4_udp_list (Udp and UdpLite). */
export const UDP_MIB = [
  'InDatagrams',
  'NoPorts',
  'InErrors',
  'OutDatagrams',
  'RcvbufErrors',
  'SndbufErrors',
  'InCsumErrors',
  'IgnoredMulti',
  'MemErrors',
] as const;

/** snmp4_net_list: the TcpExt line of /proc/net/netstat. */
export const TCPEXT_MIB = [
  'SyncookiesSent',
  'SyncookiesRecv',
  'SyncookiesFailed',
  'EmbryonicRsts',
  'PruneCalled',
  'RcvPruned',
  'OfoPruned',
  'OutOfWindowIcmps',
  'LockDroppedIcmps',
  'ArpFilter',
  'TW',
  'TWRecycled',
  'TWKilled',
  'PAWSActive',
  'PAWSEstab',
  'BeyondWindow',
  'TSEcrRejected',
  'PAWSOldAck',
  'PAWSTimewait',
  'DelayedACKs',
  'DelayedACKLocked',
  'DelayedACKLost',
  'ListenOverflows',
  'ListenDrops',
  'TCPHPHits',
  'TCPPureAcks',
  'TCPHPAcks',
  'TCPRenoRecovery',
  'TCPSackRecovery',
  'TCPSACKReneging',
  'TCPSACKReorder',
  'TCPRenoReorder',
  'TCPTSReorder',
  'TCPFullUndo',
  'TCPPartialUndo',
  'TCPDSACKUndo',
  'TCPLossUndo',
  'TCPLostRetransmit',
  'TCPRenoFailures',
  'TCPSackFailures',
  'TCPLossFailures',
  'TCPFastRetrans',
  'TCPSlowStartRetrans',
  'TCPTimeouts',
  'TCPLossProbes',
  'TCPLossProbeRecovery',
  'TCPRenoRecoveryFail',
  'TCPSackRecoveryFail',
  'TCPRcvCollapsed',
  'TCPBacklogCoalesce',
  'TCPDSACKOldSent',
  'TCPDSACKOfoSent',
  'TCPDSACKRecv',
  'TCPDSACKOfoRecv',
  'TCPAbortOnData',
  'TCPAbortOnClose',
  'TCPAbortOnMemory',
  'TCPAbortOnTimeout',
  'TCPAbortOnLinger',
  'TCPAbortFailed',
  'TCPMemoryPressures',
  'TCPMemoryPressuresChrono',
  'TCPSACKDiscard',
  'TCPDSACKIgnoredOld',
  'TCPDSACKIgnoredNoUndo',
  'TCPSpuriousRTOs',
  'TCPMD5NotFound',
  'TCPMD5Unexpected',
  'TCPMD5Failure',
  'TCPSackShifted',
  'TCPSackMerged',
  'TCPSackShiftFallback',
  'TCPBacklogDrop',
  'PFMemallocDrop',
  'TCPMinTTLDrop',
  'TCPDeferAcceptDrop',
  'IPReversePathFilter',
  'TCPTimeWaitOverflow',
  'TCPReqQFullDoCookies',
  'TCPReqQFullDrop',
  'TCPRetransFail',
  'TCPRcvCoalesce',
  'TCPOFOQueue',
  'TCPOFODrop',
  'TCPOFOMerge',
  'TCPChallengeACK',
  'TCPSYNChallenge',
  'TCPFastOpenActive',
  'TCPFastOpenActiveFail',
  'TCPFastOpenPassive',
  'TCPFastOpenPassiveFail',
  'TCPFastOpenListenOverflow',
  'TCPFastOpenCookieReqd',
  'TCPFastOpenBlackhole',
  'TCPSpuriousRtxHostQueues',
  'BusyPollRxPackets',
  'TCPAutoCorking',
  'TCPFromZeroWindowAdv',
  'TCPToZeroWindowAdv',
  'TCPWantZeroWindowAdv',
  'TCPSynRetrans',
  'TCPOrigDataSent',
  'TCPHystartTrainDetect',
  'TCPHystartTrainCwnd',
  'TCPHystartDelayDetect',
  'TCPHystartDelayCwnd',
  'TCPACKSkippedSynRecv',
  'TCPACKSkippedPAWS',
  'TCPACKSkippedSeq',
  'TCPACKSkippedFinWait2',
  'TCPACKSkippedTimeWait',
  'TCPACKSkippedChallenge',
  'TCPWinProbe',
  'TCPKeepAlive',
  'TCPMTUPFail',
  'TCPMTUPSuccess',
  'TCPDelivered',
  'TCPDeliveredCE',
  'TCPAckCompressed',
  'TCPZeroWindowDrop',
  'TCPRcvQDrop',
  'TCPWqueueTooBig',
  'TCPFastOpenPassiveAltKey',
  'TcpTimeoutRehash',
  'TcpDuplicateDataRehash',
  'TCPDSACKRecvSegs',
  'TCPDSACKIgnoredDubious',
  'TCPMigrateReqSuccess',
  'TCPMigrateReqFailure',
  'TCPPLBRehash',
  'TCPAORequired',
  'TCPAOBad',
  'TCPAOKeyNotFound',
  'TCPAOGood',
  'TCPAODroppedIcmps',
] as const;

/** snmp4_ipextstats_list: the IpExt line. */
export const IPEXT_MIB = [
  'InNoRoutes',
  'InTruncatedPkts',
  'InMcastPkts',
  'OutMcastPkts',
  'InBcastPkts',
  'OutBcastPkts',
  'InOctets',
  'OutOctets',
  'InMcastOctets',
  'OutMcastOctets',
  'InBcastOctets',
  'OutBcastOctets',
  'InCsumErrors',
  'InNoECTPkts',
  'InECT1Pkts',
  'InECT0Pkts',
  'InCEPkts',
  'ReasmOverlaps',
] as const;

/** mptcp_snmp_list: MPTCP is not modelled, its line stays all zeros. */
export const MPTCPEXT_MIB = (
  'MPCapableSYNRX MPCapableSYNTX MPCapableSYNACKRX MPCapableACKRX MPCapableFallbackACK ' +
  'MPCapableFallbackSYNACK MPCapableSYNTXDrop MPCapableSYNTXDisabled MPCapableEndpAttempt ' +
  'MPFallbackTokenInit MPTCPRetrans MPJoinNoTokenFound MPJoinSynRx MPJoinSynBackupRx MPJoinSynAckRx ' +
  'MPJoinSynAckBackupRx MPJoinSynAckHMacFailure MPJoinAckRx MPJoinAckHMacFailure MPJoinRejected ' +
  'MPJoinSynTx MPJoinSynTxCreatSkErr MPJoinSynTxBindErr MPJoinSynTxConnectErr DSSNotMatching ' +
  'DSSCorruptionFallback DSSCorruptionReset InfiniteMapTx InfiniteMapRx DSSNoMatchTCP DataCsumErr ' +
  'OFOQueueTail OFOQueue OFOMerge NoDSSInWindow DuplicateData AddAddr AddAddrTx AddAddrTxDrop EchoAdd ' +
  'EchoAddTx EchoAddTxDrop PortAdd AddAddrDrop MPJoinPortSynRx MPJoinPortSynAckRx MPJoinPortAckRx ' +
  'MismatchPortSynRx MismatchPortAckRx RmAddr RmAddrDrop RmAddrTx RmAddrTxDrop RmSubflow MPPrioTx ' +
  'MPPrioRx MPFailTx MPFailRx MPFastcloseTx MPFastcloseRx MPRstTx MPRstRx SubflowStale SubflowRecover ' +
  'SndWndShared RcvWndShared RcvWndConflictUpdate RcvWndConflict MPCurrEstab Blackhole ' +
  'MPCapableDataFallback MD5SigFallback DssFallback SimultConnectFallback FallbackFailed WinProbe'
).split(' ');

export type IpMib = (typeof IP_MIB)[number];
export type IcmpMib = (typeof ICMP_IN_MIB)[number] | (typeof ICMP_OUT_MIB)[number];
export type TcpMib = Exclude<(typeof TCP_MIB)[number], 'CurrEstab'>;
export type UdpMib = (typeof UDP_MIB)[number];
export type TcpExtMib = (typeof TCPEXT_MIB)[number];
export type IpExtMib = (typeof IPEXT_MIB)[number];

function zeros<K extends string>(names: readonly K[]): Record<K, number> {
  const r = {} as Record<K, number>;
  for (const n of names) r[n] = 0;
  return r;
}

/** One namespace's counters (struct netns_mib). */
export class NetnsMib {
  readonly ip = zeros<IpMib>(IP_MIB);
  readonly icmp = zeros<IcmpMib>([...ICMP_IN_MIB, ...ICMP_OUT_MIB]);
  /** ICMPMSG_MIB: messages received and sent per ICMP type (the IcmpMsg lines). */
  readonly icmpMsgIn = new Float64Array(256);
  readonly icmpMsgOut = new Float64Array(256);
  readonly tcp = zeros<TcpMib>(TCP_MIB.filter((n): n is TcpMib => n !== 'CurrEstab'));
  readonly udp = zeros<UdpMib>(UDP_MIB);
  /** UDP-Lite is not modelled: its line stays all zeros. */
  readonly udpLite = zeros<UdpMib>(UDP_MIB);
  readonly tcpExt = zeros<TcpExtMib>(TCPEXT_MIB);
  readonly ipExt = zeros<IpExtMib>(IPEXT_MIB);

  /** __IP_UPD_PO_STATS(IPSTATS_MIB_IN) and the ECN count of ip_rcv_core: a datagram entered IP input. */
  ipIn(totalLength: number, tos: number): void {
    this.ip.InReceives++;
    this.ipExt.InOctets += totalLength;
    const ecn = tos & 3;
    if (ecn === 0) this.ipExt.InNoECTPkts++;
    else if (ecn === 1) this.ipExt.InECT1Pkts++;
    else if (ecn === 2) this.ipExt.InECT0Pkts++;
    else this.ipExt.InCEPkts++;
  }

  /** A socket's route lookup failed (udp_sendmsg, ip4_datagram_connect, tcp_v4_connect): ENETUNREACH counts. */
  routeFailed<E extends string>(error: E): E {
    if (error === 'ENETUNREACH') this.ip.OutNoRoutes++;
    return error;
  }

  /** icmp_out_count: an ICMP message built by __ip_make_skb (kernel replies and errors, ping). */
  icmpOut(type: number): void {
    this.icmpMsgOut[type & 0xff]++;
    this.icmp.OutMsgs++;
  }
}
